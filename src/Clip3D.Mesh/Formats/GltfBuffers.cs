namespace Clip3D.Mesh.Formats;

/// <summary>
/// Gathers the bytes behind every glTF buffer before SharpGLTF asks for them: external .bin files next to the
/// model, data URIs, or the GLB BIN chunk. A buffer that cannot be found or is shorter than its byteLength is a
/// <see cref="MeshFormatException"/> naming the buffer and the file, never a stray I/O exception.
/// </summary>
internal static class GltfBuffers
{
    /// <summary>
    /// The external files SharpGLTF will request, keyed by the URI exactly as written in the JSON. Data URIs of
    /// the two MIME types SharpGLTF decodes itself are only checked; other data URIs are decoded here.
    /// </summary>
    public static Dictionary<string, ArraySegment<byte>> Load(ReadContext context, IReadOnlyList<GltfBufferInfo> buffers, GltfContainer container)
    {
        var files = new Dictionary<string, ArraySegment<byte>>(StringComparer.Ordinal);
        for (int i = 0; i < buffers.Count; i++)
        {
            var buffer = buffers[i];
            string place = $"buffers[{i}]";
            long available;
            if (string.IsNullOrEmpty(buffer.Uri))
            {
                if (!container.IsBinary || i != 0)
                    throw context.Data(place, "has no uri; only the first buffer of a GLB file may omit it, to use the BIN chunk");
                if (container.BinaryChunk is not { } chunk)
                    throw context.Data(place, "refers to the GLB BIN chunk, but the file has none");
                available = chunk.Count;
            }
            else if (GltfUri.IsData(buffer.Uri))
            {
                if (!GltfUri.TryMeasureData(buffer.Uri, out int length, out string problem))
                    throw context.Syntax($"{place}.uri", problem);
                available = length;
                if (!IsDecodedBySharpGltf(buffer.Uri) && !files.ContainsKey(buffer.Uri))
                    files[buffer.Uri] = GltfUri.TryDecodeData(buffer.Uri, out _)!;
            }
            else
            {
                if (!files.TryGetValue(buffer.Uri, out var bytes))
                    files[buffer.Uri] = bytes = ReadFile(context, place, buffer.Uri);
                available = bytes.Count;
            }
            if (buffer.ByteLength > available)
                throw context.Truncated(place, $"byteLength is {buffer.ByteLength}, but its data has only {available} bytes");
        }
        return files;
    }

    /// <summary>SharpGLTF decodes these two data URI types without asking for the bytes (see its Buffer._ResolveUri).</summary>
    private static bool IsDecodedBySharpGltf(string uri) =>
        uri.StartsWith("data:application/octet-stream;base64,", StringComparison.OrdinalIgnoreCase)
        || uri.StartsWith("data:application/gltf-buffer;base64,", StringComparison.OrdinalIgnoreCase);

    private static byte[] ReadFile(ReadContext context, string place, string uri)
    {
        try
        {
            string? path = GltfUri.TryResolveFile(context.Directory, uri, out string problem);
            if (path is null)
                throw new UnsupportedMeshFeatureException(context.FilePath, place, $"buffer '{uri}': {problem}");
            var info = new FileInfo(path);
            if (!info.Exists)
                throw context.Data(place, $"buffer file '{uri}' not found (looked for {path})");
            if (info.Length > context.Options.MaxFileBytes)
                throw new MeshLimitExceededException(context.FilePath, place,
                    $"buffer file '{uri}' is {info.Length} bytes, over the limit of {context.Options.MaxFileBytes} (ReadOptions.MaxFileBytes)");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw context.Data(place, $"buffer file '{uri}' cannot be read ({e.Message})", e);
        }
    }
}
