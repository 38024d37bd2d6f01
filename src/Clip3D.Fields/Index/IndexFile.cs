using System.Globalization;
using System.Text;

namespace Clip3D.Fields.Index;

/// <summary>
/// A <c>.c3d</c> index file: a JSON <see cref="IndexHeader"/> and named binary <see cref="IndexSection"/>s (surface
/// points, fused features when kept, compression basis, field weights…), each with an XxHash64 checksum. The byte
/// layout is described on <see cref="IndexLayout"/> (magic <c>C3DINDEX</c>, format version, header, section table,
/// 64-byte-aligned data).
/// <para>
/// <see cref="Write"/> writes to a temporary file in the target's folder and renames it over the target, so a failure
/// mid-write leaves any previous file untouched. The same header and sections always give the same bytes.
/// </para>
/// <para>
/// <see cref="Read"/> validates eagerly: the magic, the version, the header (checksum and JSON), the table (checksum,
/// bounds, order and alignment of every section, zero padding, no trailing bytes) and, for every section it loads,
/// the data checksum, before returning. Sections left out through <see cref="IndexReadOptions.Sections"/> are
/// neither read nor checksummed. Every problem is an <see cref="IndexFileException"/> with a one-line message naming
/// the file, e.g. <c>scene.c3d: section "features": checksum mismatch</c>; nothing else escapes for bad input.
/// </para>
/// </summary>
public sealed class IndexFile
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The usual file extension.</summary>
    public const string Extension = ".c3d";

    private readonly Dictionary<string, IndexSection> _byName;

    internal IndexFile(string path, long fileLength, IndexHeader header, IReadOnlyList<IndexSectionEntry> entries, IReadOnlyList<IndexSection> sections)
    {
        Path = path;
        FileLength = fileLength;
        Header = header;
        Entries = entries;
        Sections = sections;
        _byName = sections.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>The file as the caller named it.</summary>
    public string Path { get; }

    /// <summary>The file's size in bytes.</summary>
    public long FileLength { get; }

    /// <summary>The parsed header.</summary>
    public IndexHeader Header { get; }

    /// <summary>The section table: every section in the file, loaded or not, in file order.</summary>
    public IReadOnlyList<IndexSectionEntry> Entries { get; }

    /// <summary>The loaded sections, in file order.</summary>
    public IReadOnlyList<IndexSection> Sections { get; }

    /// <summary>
    /// Writes <paramref name="header"/> and <paramref name="sections"/> (unique names, in this order) to
    /// <paramref name="path"/> atomically.
    /// </summary>
    /// <exception cref="ArgumentException">The header or the sections cannot be stored (duplicate names, …).</exception>
    /// <exception cref="IndexFileException">The file cannot be written (folder missing or read-only, disk full, …).</exception>
    public static void Write(string path, IndexHeader header, IEnumerable<IndexSection> sections) =>
        IndexFileWriter.Write(path, header, sections);

    /// <summary>Reads and validates <paramref name="path"/>; see the class remarks for what is checked.</summary>
    /// <exception cref="IndexFileException">Any problem with the file, including an incompatible encoder.</exception>
    public static IndexFile Read(string path, IndexReadOptions? options = null) =>
        IndexFileReader.Read(path, options ?? new IndexReadOptions());

    /// <summary>The loaded section <paramref name="name"/>, or null when the file lacks it or it was not loaded.</summary>
    public IndexSection? TryGetSection(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The loaded section <paramref name="name"/>.</summary>
    /// <exception cref="IndexFileException">The file has no such section, or it was not loaded.</exception>
    public IndexSection GetSection(string name) =>
        TryGetSection(name) ?? throw new IndexFileException(Path, Entries.Any(e => e.Name == name)
            ? $"section \"{name}\" was not loaded"
            : $"no section \"{name}\" (the file has {(Entries.Count == 0 ? "none" : string.Join(", ", Entries.Select(e => e.Name)))})");

    /// <summary>
    /// One paragraph for people (<c>clip3d info</c>): format, size, tool, scene, encoder, counts, configs and every
    /// section with type, shape and size.
    /// </summary>
    public string Describe()
    {
        var h = Header;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Path}: Clip3D index, format version {FormatVersion}, {FormatBytes(FileLength)}, written by {h.CreatedBy}. ");
        text.Append(CultureInfo.InvariantCulture, $"Scene {Shorten(h.Scene.Hash)}");
        if (h.Scene.Source.Length > 0)
            text.Append(CultureInfo.InvariantCulture, $" from {h.Scene.Source}");
        text.Append(CultureInfo.InvariantCulture, $", {h.Scene.Frame}");
        if (h.Scene.Bounds is { } b)
            text.Append(CultureInfo.InvariantCulture,
                $", bounds ({b.Min.X:0.###}, {b.Min.Y:0.###}, {b.Min.Z:0.###}) to ({b.Max.X:0.###}, {b.Max.Y:0.###}, {b.Max.Z:0.###})");
        text.Append(CultureInfo.InvariantCulture, $". Encoder {h.Encoder}. ");
        if (h.Counts.Count > 0)
            text.Append("Counts: ").AppendJoin(", ", h.Counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => IndexHeader.FormatCount(p.Key, p.Value))).Append(". ");
        if (h.Configs.Count > 0)
            text.Append("Configs: ").AppendJoin(", ", h.Configs.Keys.Order(StringComparer.Ordinal)).Append(". ");
        text.Append(CultureInfo.InvariantCulture, $"{Entries.Count} section{(Entries.Count == 1 ? "" : "s")}");
        if (Entries.Count > 0)
            text.Append(": ").AppendJoin("; ", Entries.Select(e => e.ToString()));
        return text.Append('.').ToString();
    }

    /// <summary>A byte count for people: <c>812 B</c>, <c>9.2 MB</c> (powers of 1000).</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static string Shorten(string hash) => hash.Length > 16 ? hash[..12] + "…" : hash;
}
