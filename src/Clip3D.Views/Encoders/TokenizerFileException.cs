namespace Clip3D.Views.Encoders;

/// <summary>
/// A tokenizer vocabulary that cannot be used: a missing file, malformed JSON, a merge line that does not parse, a
/// token the merges need that the vocabulary lacks. <see cref="Exception.Message"/> names the file and the problem.
/// </summary>
public sealed class TokenizerFileException : Exception
{
    public TokenizerFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file (or folder) that was read.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
