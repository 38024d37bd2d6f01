using Clip3D.Mesh.IO;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Mesh.Formats;

/// <summary>What one read needs besides the bytes: the file path for messages, the options, and the warnings.</summary>
internal sealed class ReadContext(string filePath, ReadOptions options)
{
    public string FilePath { get; } = filePath;

    public ReadOptions Options { get; } = options;

    public List<string> Warnings { get; } = [];

    public string Directory { get; } = Path.GetDirectoryName(Path.GetFullPath(filePath)) ?? ".";

    public void Warn(string? location, string problem) =>
        Warnings.Add(location is null ? $"{FilePath}: {problem}" : $"{FilePath}: {location}: {problem}");

    public MeshSyntaxException Syntax(string? location, string problem, Exception? inner = null) => new(FilePath, location, problem, inner);

    public MeshDataException Data(string? location, string problem, Exception? inner = null) => new(FilePath, location, problem, inner);

    public MeshTruncatedException Truncated(string? location, string problem) => new(FilePath, location, problem);

    /// <summary>Throws when a file-supplied element count cannot fit in the bytes left, before anything is allocated from it.</summary>
    public void CheckCount(string location, long count, long bytesPerElement, long bytesLeft, string what)
    {
        if (count < 0)
            throw Data(location, $"negative {what} count {count}");
        if (bytesPerElement > 0 && count > bytesLeft / bytesPerElement)
            throw Truncated(location, $"{what} count {count} needs at least {count * (double)bytesPerElement:0} bytes but only {bytesLeft} remain");
    }

    /// <summary>
    /// Decodes a texture file referenced by the model. A missing, unreadable, oversized or undecodable image is a
    /// warning and null (the material keeps its colour), never a failure.
    /// </summary>
    public TextureImage? LoadTextureFile(string path, string location)
    {
        if (!Options.LoadTextures)
            return null;
        if (!File.Exists(path))
        {
            Warn(location, $"texture '{path}' not found; using the base colour");
            return null;
        }
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > Options.MaxFileBytes)
            {
                Warn(location, $"texture '{path}' is {info.Length} bytes, over the {Options.MaxFileBytes}-byte limit; using the base colour");
                return null;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Warn(location, $"texture '{path}' cannot be read ({e.Message}); using the base colour");
            return null;
        }
        return DecodeTexture(bytes, path, location);
    }

    /// <summary>Decodes image bytes (PNG, JPEG, …) with the pixel limit checked before decoding.</summary>
    public TextureImage? DecodeTexture(byte[] bytes, string source, string location)
    {
        if (!Options.LoadTextures)
            return null;
        try
        {
            using var image = LimitedImageDecoder.Decode<Rgba32>(bytes, $"texture '{source}'", Options.MaxTexturePixels);
            var rgba = new byte[image.Width * image.Height * 4];
            image.CopyPixelDataTo(rgba);
            return new TextureImage(source, image.Width, image.Height, rgba);
        }
        catch (InvalidDataException e)
        {
            // A bad texture must not cost the user their mesh: the material keeps its colour.
            Warn(location, $"{e.Message}; using the base colour");
            return null;
        }
    }
}
