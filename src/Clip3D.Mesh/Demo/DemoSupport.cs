namespace Clip3D.Mesh.Demo;

/// <summary>How an object is held in place: standing on another object's top, or hanging on a wall.</summary>
public enum SupportKind
{
    /// <summary>The object's lowest point lies on the top of its support (the floor, a table, a book below).</summary>
    StandsOn,

    /// <summary>The object's back touches the face of its support (a picture on a wall, a door against a wall).</summary>
    HangsOn,
}

/// <summary>The node an object rests on or hangs from, and how.</summary>
public readonly record struct DemoSupport(string NodeName, SupportKind Kind);
