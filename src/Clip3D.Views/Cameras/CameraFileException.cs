namespace Clip3D.Views.Cameras;

/// <summary>
/// A camera path or transforms.json file cannot be used. The message reads <c>&lt;file&gt;: &lt;place&gt;: &lt;problem&gt;</c>,
/// e.g. <c>path.json: frames[2].position: expected 3 numbers</c>.
/// </summary>
public sealed class CameraFileException(string filePath, string? location, string problem, Exception? inner = null)
    : Exception(location is null ? $"{filePath}: {problem}" : $"{filePath}: {location}: {problem}", inner)
{
    public string FilePath { get; } = filePath;

    public string? Location { get; } = location;
}
