namespace Clip3D.Navigation;

/// <summary>What a <see cref="TopDownMap"/> knows of one cell of the floor.</summary>
public enum CellState : byte
{
    /// <summary>No floor and no obstacle was sampled there: the robot must not assume it can drive there.</summary>
    Unknown = 0,

    /// <summary>Floor points (near the floor height, facing up) and nothing inside the robot's height band.</summary>
    Free = 1,

    /// <summary>Surface points inside the robot's height band: something the robot would hit.</summary>
    Occupied = 2,
}
