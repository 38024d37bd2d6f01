using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// The materials an OBJ file's <c>mtllib</c> statements bring in, and their conversion into
/// <see cref="Material"/>s. Materials are built, and their textures decoded (each image once), only when an
/// element uses them. A library that cannot be found or read, a texture that cannot be loaded, and a
/// <c>usemtl</c> name no library defines are warnings; the affected material falls back to the default look.
/// </summary>
internal sealed class ObjMaterialLibrary(ReadContext context)
{
    private readonly Dictionary<string, MtlMaterialDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loadedFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TextureImage?> _textures = new(StringComparer.Ordinal);

    /// <summary>
    /// Handles an <c>mtllib</c> statement. Its argument is first taken as one file name (names may contain
    /// spaces); when no such file exists it is read as a space-separated list of names, as the OBJ
    /// specification has it.
    /// </summary>
    public void AddLibraries(ReadOnlySpan<byte> arguments, string location)
    {
        var trimmed = ObjText.Trim(arguments);
        if (trimmed.Length == 0)
        {
            context.Warn(location, "mtllib names no file; ignored");
            return;
        }
        var whole = ObjText.Decode(trimmed);
        var wholePath = ObjFileReferences.Resolve(context.Directory, whole);
        if (File.Exists(wholePath) || ObjText.SkipToken(trimmed, 0) == trimmed.Length)
        {
            Load(wholePath, whole, location);
            return;
        }
        int i = 0;
        while ((i = ObjText.SkipSpaces(trimmed, i)) < trimmed.Length)
        {
            int end = ObjText.SkipToken(trimmed, i);
            var name = ObjText.Decode(trimmed[i..end]);
            Load(ObjFileReferences.Resolve(context.Directory, name), name, location);
            i = end;
        }
    }

    private void Load(string path, string writtenName, string location)
    {
        if (!_loadedFiles.Add(path))
            return;
        if (!File.Exists(path))
        {
            context.Warn(location, $"material library '{writtenName}' not found (looked for '{path}'); its materials use the default look");
            return;
        }
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > context.Options.MaxFileBytes)
            {
                context.Warn(location, $"material library '{writtenName}' is {length} bytes, over the {context.Options.MaxFileBytes}-byte limit; ignored");
                return;
            }
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Warn(location, $"material library '{writtenName}' cannot be read ({e.Message}); its materials use the default look");
            return;
        }
        var directory = Path.GetDirectoryName(path) ?? context.Directory;
        foreach (var definition in MtlReader.Read(context, bytes, writtenName, directory))
            _definitions.TryAdd(definition.Name, definition); // the first definition of a name wins
    }

    /// <summary>
    /// The material called <paramref name="name"/>; a default-looking material of that name (with a warning at
    /// <paramref name="firstUse"/>, the first <c>usemtl</c> naming it) when no library defines it.
    /// </summary>
    public Material Resolve(string name, string firstUse)
    {
        if (!_definitions.TryGetValue(name, out var definition))
        {
            context.Warn(firstUse, $"material '{name}' is not defined in any material library; using the default material");
            return Material.Default with { Name = name };
        }
        TextureImage? texture = null;
        if (definition.DiffuseTexturePath is { } path && !_textures.TryGetValue(path, out texture))
        {
            texture = context.LoadTextureFile(path, definition.DiffuseTextureLocation ?? definition.Location);
            _textures[path] = texture;
        }
        return new Material
        {
            Name = definition.Name,
            BaseColor = new Vector4(definition.DiffuseColor, definition.Opacity),
            Texture = texture,
            DoubleSided = true,
        };
    }
}
