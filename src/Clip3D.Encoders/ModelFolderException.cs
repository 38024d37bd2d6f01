namespace Clip3D.Encoders;

/// <summary>
/// A model folder or model file that cannot be used: missing, not a layout Clip3D knows, an ONNX file that does not
/// parse or that ONNX Runtime refuses, a tokenizer or preprocessor file that cannot be read. The message is one line
/// that starts with the folder or file (<see cref="Path"/>) and says what was found and what was expected.
/// </summary>
public sealed class ModelFolderException : Exception
{
    public ModelFolderException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The folder or file the problem is about.</summary>
    public string Path { get; }
}
