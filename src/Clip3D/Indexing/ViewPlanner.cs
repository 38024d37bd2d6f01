namespace Clip3D.Indexing;

/// <summary>Where a build places its cameras.</summary>
public enum ViewPlanner
{
    /// <summary>
    /// <see cref="Interior"/> for room-sized scenes (at least 3 m across horizontally and 1.8 m tall, as a room with
    /// walls is), <see cref="Orbit"/> for everything else.
    /// </summary>
    Auto,

    /// <summary>Cameras on a sphere around the scene, looking at its centre (objects, tabletops).</summary>
    Orbit,

    /// <summary>Cameras at eye height inside the scene, free of geometry, turning around (rooms).</summary>
    Interior,
}
