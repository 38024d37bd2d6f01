using SharpGLTF.Schema2;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Decodes glTF images on first use, from the sources the JSON declared (SharpGLTF only ever holds a
/// placeholder, see <see cref="GltfJsonRepair"/>): a data URI, a file next to the model, or a buffer view.
/// Any failure is a warning and null; the material then keeps its colour.
/// </summary>
internal sealed class GltfImages(ReadContext context, ModelRoot model, IReadOnlyList<GltfImageInfo> images)
{
    private readonly Dictionary<int, TextureImage?> _decoded = [];

    public TextureImage? Get(int index)
    {
        if (!_decoded.TryGetValue(index, out var texture))
            _decoded[index] = texture = Decode(index);
        return texture;
    }

    private TextureImage? Decode(int index)
    {
        if (!context.Options.LoadTextures)
            return null;
        var image = images[index];
        string place = $"images[{index}]";
        if (image.Uri is { Length: > 0 } uri)
        {
            if (GltfUri.IsData(uri))
            {
                var bytes = GltfUri.TryDecodeData(uri, out string problem);
                if (bytes is null)
                {
                    context.Warn(place, $"{problem}; using the base colour");
                    return null;
                }
                return context.DecodeTexture(bytes, $"{place} (data URI)", place);
            }
            string? path;
            string resolveProblem;
            try
            {
                path = GltfUri.TryResolveFile(context.Directory, uri, out resolveProblem);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or UriFormatException)
            {
                path = null;
                resolveProblem = e.Message;
            }
            if (path is null)
            {
                context.Warn(place, $"texture '{uri}' not read: {resolveProblem}; using the base colour");
                return null;
            }
            return context.LoadTextureFile(path, place);
        }
        if (image.BufferView is { } view)
        {
            var bytes = model.LogicalBufferViews[view].Content;
            return context.DecodeTexture(bytes.ToArray(), $"{place} (bufferViews[{view}])", place);
        }
        context.Warn(place, "has neither a uri nor a bufferView; using the base colour");
        return null;
    }
}
