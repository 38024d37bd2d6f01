namespace Clip3D.Mesh.Formats;

/// <summary>
/// The values of a PLY body, read in header order, from one of the two encodings (<see cref="PlyAsciiSource"/>,
/// <see cref="PlyBinarySource"/>). <see cref="PlyBodyReader"/> is generic over the implementing struct so that
/// the per-value calls are not virtual. Every failure is a <see cref="MeshFormatException"/> located by
/// <see cref="Location"/>.
/// </summary>
internal interface IPlyValueSource
{
    /// <summary>Row <paramref name="index"/> (0-based) of <paramref name="element"/> starts; used for locations.</summary>
    void BeginRow(PlyElement element, long index);

    /// <summary>The next value, as stored in <paramref name="type"/>.</summary>
    double ReadScalar(PlyScalarType type);

    /// <summary>Passes over the next value without converting it.</summary>
    void SkipScalar(PlyScalarType type);

    /// <summary>The next list count, checked to be non-negative and to fit in the data left.</summary>
    int ReadListCount(PlyProperty list);

    /// <summary>Passes over <paramref name="count"/> list items.</summary>
    void SkipItems(PlyScalarType itemType, int count);

    /// <summary>Passes over every row of <paramref name="element"/> (an element the reader does not use).</summary>
    void SkipElement(PlyElement element);

    /// <summary>Where reading is, e.g. <c>element face 7 (line 20)</c> or <c>element face 7 (byte 1234)</c>.</summary>
    string Location { get; }

    /// <summary>Reports (as a warning) anything left after the last element.</summary>
    void Finish();
}
