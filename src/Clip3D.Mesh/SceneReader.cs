using Clip3D.Mesh.Formats;

namespace Clip3D.Mesh;

/// <summary>
/// Reads OBJ (+MTL), glTF 2.0 (.gltf, .glb), STL (ASCII, binary) and PLY (ASCII, binary little/big endian) into
/// one <see cref="Scene"/> in Clip3D's world frame (right-handed, metres, Z up). The format is decided by the
/// file's content, not its extension. Every problem with the file is a <see cref="MeshFormatException"/>
/// (or subtype) whose message names the file, the place and the problem; repairs (dropped degenerate or
/// non-finite triangles, missing textures or MTL files) are listed in <see cref="Scene.Warnings"/>.
/// Stateless and thread-safe.
/// </summary>
public static class SceneReader
{
    /// <summary>Reads <paramref name="path"/> with <paramref name="options"/> (or <see cref="ReadOptions.Default"/>).</summary>
    /// <exception cref="MeshFormatException">The file is missing, unreadable, malformed or over a limit.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static Scene Load(string path, ReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ReadOptions.Default;
        options.Validate();
        var context = new ReadContext(path, options);
        var data = ReadAllBytes(context);
        var format = FormatSniffer.Detect(context, data);
        return Read(context, data, format);
    }

    /// <summary>Detects the format of <paramref name="path"/> without reading the whole model.</summary>
    public static MeshFormat DetectFormat(string path)
    {
        var context = new ReadContext(path, ReadOptions.Default);
        return FormatSniffer.Detect(context, ReadAllBytes(context));
    }

    private static Scene Read(ReadContext context, byte[] data, MeshFormat format)
    {
        var options = context.Options;
        switch (format)
        {
            case MeshFormat.Obj:
                return SceneAssembler.Assemble(context, format, ObjReader.Read(context, data),
                    new FrameConversion(options.UpAxis ?? UpAxis.Y, options.UnitScale));
            case MeshFormat.Gltf:
            case MeshFormat.Glb:
                // glTF fixes its frame: Y up, metres. The options' axis and unit do not apply.
                return SceneAssembler.Assemble(context, format, GltfReader.Read(context, data, format == MeshFormat.Glb),
                    new FrameConversion(UpAxis.Y, 1f));
            case MeshFormat.StlAscii:
            case MeshFormat.StlBinary:
                return SceneAssembler.Assemble(context, format, StlReader.Read(context, data, format == MeshFormat.StlBinary),
                    new FrameConversion(options.UpAxis ?? UpAxis.Z, options.UnitScale));
            default:
                return SceneAssembler.Assemble(context, format, PlyReader.Read(context, data, format),
                    new FrameConversion(options.UpAxis ?? UpAxis.Y, options.UnitScale));
        }
    }

    private static byte[] ReadAllBytes(ReadContext context)
    {
        string path = context.FilePath;
        try
        {
            if (Directory.Exists(path))
                throw new MeshFileAccessException(path, "is a directory, not a file");
            var info = new FileInfo(path);
            if (!info.Exists)
                throw new MeshFileAccessException(path, "file not found");
            if (info.Length > context.Options.MaxFileBytes)
                throw new MeshLimitExceededException(path, null,
                    $"the file is {info.Length} bytes, over the limit of {context.Options.MaxFileBytes} (ReadOptions.MaxFileBytes)");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeshFileAccessException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
