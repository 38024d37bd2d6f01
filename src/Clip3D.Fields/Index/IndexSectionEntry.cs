namespace Clip3D.Fields.Index;

/// <summary>
/// One row of an index file's section table: a section's name, type and shape and where its bytes lie.
/// <see cref="Checksum"/> is the XxHash64 of those bytes.
/// </summary>
public sealed record IndexSectionEntry(string Name, IndexElementType ElementType, IReadOnlyList<int> Shape, long Offset, long Length, ulong Checksum)
{
    /// <summary>E.g. <c>features Float16 [12000×384] 9.2 MB</c>.</summary>
    public override string ToString() => $"{Name} {ElementType} {IndexSection.FormatShape(Shape)} {IndexFile.FormatBytes(Length)}";
}
