namespace Clip3D.Views.Features;

/// <summary>One square crop of a view: pyramid scale index <see cref="Scale"/>, top-left pixel (<see cref="X"/>, <see cref="Y"/>) and side <see cref="Size"/> in pixels.</summary>
public readonly record struct CropRect(int Scale, int X, int Y, int Size)
{
    /// <summary>Centre of the crop in image coordinates (pixel edges at integers).</summary>
    public float CentreX => X + Size / 2f;

    /// <summary>Centre of the crop in image coordinates (pixel edges at integers).</summary>
    public float CentreY => Y + Size / 2f;

    /// <summary>Whether image point (x, y) lies inside the crop.</summary>
    public bool Contains(float x, float y) => x >= X && x < X + Size && y >= Y && y < Y + Size;
}
