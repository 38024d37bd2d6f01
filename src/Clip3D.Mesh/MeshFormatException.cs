namespace Clip3D.Mesh;

/// <summary>
/// Base of every error a mesh reader reports. The message always reads
/// <c>&lt;file&gt;: &lt;place&gt;: &lt;problem&gt;</c> (the place is omitted when the problem concerns the whole file),
/// so a caller can print it as one line.
/// </summary>
public class MeshFormatException : Exception
{
    public MeshFormatException(string filePath, string? location, string problem, Exception? inner = null)
        : base(Compose(filePath, location, problem), inner)
    {
        FilePath = filePath;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>Where in the file, e.g. <c>line 12</c>, <c>accessors[3]</c>, <c>element face 7</c>; null for the whole file.</summary>
    public string? Location { get; }

    /// <summary>The problem alone, without file and place.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, string? location, string problem)
        => location is null ? $"{filePath}: {problem}" : $"{filePath}: {location}: {problem}";
}

/// <summary>The file cannot be opened or read (missing, a directory, permission denied, I/O failure).</summary>
public sealed class MeshFileAccessException(string filePath, string problem, Exception? inner = null)
    : MeshFormatException(filePath, null, problem, inner);

/// <summary>The file's content matches no supported format, or is empty.</summary>
public sealed class UnknownMeshFormatException(string filePath, string problem)
    : MeshFormatException(filePath, null, problem);

/// <summary>The text or binary structure is broken: bad syntax, bad numbers, wrong header, invalid JSON.</summary>
public sealed class MeshSyntaxException(string filePath, string? location, string problem, Exception? inner = null)
    : MeshFormatException(filePath, location, problem, inner);

/// <summary>The file ends before the data its header or structure announces.</summary>
public sealed class MeshTruncatedException(string filePath, string? location, string problem)
    : MeshFormatException(filePath, location, problem);

/// <summary>The structure parses but its content is inconsistent: out-of-range indices, wrong counts, cycles.</summary>
public sealed class MeshDataException(string filePath, string? location, string problem, Exception? inner = null)
    : MeshFormatException(filePath, location, problem, inner);

/// <summary>The file needs a feature Clip3D does not implement (e.g. a required glTF extension).</summary>
public sealed class UnsupportedMeshFeatureException(string filePath, string? location, string problem)
    : MeshFormatException(filePath, location, problem);

/// <summary>The file exceeds a limit of <see cref="ReadOptions"/> (bytes, triangles, texture pixels).</summary>
public sealed class MeshLimitExceededException(string filePath, string? location, string problem)
    : MeshFormatException(filePath, location, problem);
