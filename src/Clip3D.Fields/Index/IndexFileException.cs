namespace Clip3D.Fields.Index;

/// <summary>
/// Every problem reading (or writing) a <c>.c3d</c> index file: missing or unreadable file, another format version,
/// another encoder, truncation, corruption, malformed header or section table. The message is always one line,
/// <c>&lt;file&gt;: &lt;problem&gt;</c>, e.g. <c>scene.c3d: section "features": checksum mismatch</c>, so that a command
/// can print it as it is, without a stack trace.
/// </summary>
public sealed class IndexFileException : Exception
{
    public IndexFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {OneLine(problem)}", inner)
    {
        FilePath = filePath;
        Problem = OneLine(problem);
    }

    /// <summary>The file as the caller named it (or <c>(unsaved index)</c> for sections not read from a file).</summary>
    public string FilePath { get; }

    /// <summary>The problem alone, without the file name.</summary>
    public string Problem { get; }

    private static string OneLine(string text) =>
        text.Contains('\n') || text.Contains('\r') ? text.ReplaceLineEndings(" ") : text;
}
