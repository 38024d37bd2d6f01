using System.Runtime.InteropServices;
using System.Text.Json;
using Clip3D.Mesh;
using Clip3D.Mesh.IO;
using Clip3D.Views.Cameras;
using Clip3D.Views.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Views.Export;

/// <summary>
/// Writes rendered views in forms other tools read: per frame <c>images/NAME.png</c> (RGBA colour),
/// <c>depth/NAME.npy</c> (float32 z-depth in metres, H×W, 0 = background), <c>depth/NAME.png</c> (16-bit
/// millimetres, 0 = background or beyond 65.535 m), <c>parts/NAME.png</c> (16-bit part index + 1, 0 = background),
/// then <c>parts.json</c> (index → part name) and nerfstudio's <c>transforms.json</c>. Every file is written
/// atomically; frames can be added one at a time so a large render never holds every view in memory.
/// </summary>
public sealed class RenderExport
{
    private readonly string _folder;
    private readonly List<TransformsFrame> _frames = [];

    public RenderExport(string folder)
    {
        _folder = Path.GetFullPath(folder);
        foreach (var sub in new[] { "images", "depth", "parts" })
            Directory.CreateDirectory(Path.Combine(_folder, sub));
    }

    public string Folder => _folder;

    public int FrameCount => _frames.Count;

    /// <summary>Writes one view's images; <paramref name="name"/> is the file stem (default: frame_NNNNN).</summary>
    public void Add(RenderedView view, string? name = null)
    {
        name ??= $"frame_{_frames.Count:D5}";
        var colourPath = $"images/{name}.png";
        var depthPng = $"depth/{name}.png";
        WritePng(colourPath, Image.LoadPixelData<Rgba32>(view.Colour, view.Width, view.Height));
        NpyFile.Write(Path.Combine(_folder, "depth", name + ".npy"), view.Depth, view.Height, view.Width);
        WritePng(depthPng, Image.LoadPixelData<L16>(MemoryMarshal.AsBytes(DepthMillimetres(view.Depth).AsSpan()), view.Width, view.Height));
        WritePng($"parts/{name}.png", Image.LoadPixelData<L16>(MemoryMarshal.AsBytes(PartIndexPlusOne(view.PartId).AsSpan()), view.Width, view.Height));
        _frames.Add(new TransformsFrame(view.Camera with { Name = name }, colourPath) { DepthFilePath = depthPng });
    }

    /// <summary>Writes <c>parts.json</c> and <c>transforms.json</c>; call once after the last frame.</summary>
    public void Finish(Scene scene)
    {
        var parts = scene.Parts.Select((p, i) => new { id = i + 1, index = i, name = p.Name, kind = p.Kind.ToString().ToLowerInvariant() });
        var json = JsonSerializer.Serialize(new { background = 0, parts }, new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(_folder, "parts.json"), json + "\n");
        TransformsJson.Write(Path.Combine(_folder, "transforms.json"), _frames);
    }

    internal static ushort[] DepthMillimetres(ReadOnlySpan<float> depth)
    {
        var result = new ushort[depth.Length];
        for (int i = 0; i < depth.Length; i++)
        {
            float mm = depth[i] * 1000f;
            // Out of the 16-bit range means "unknown" (0), as depth cameras do, rather than a wrong clamped value.
            result[i] = mm > 0 && mm < 65535.5f ? (ushort)MathF.Round(mm) : (ushort)0;
        }
        return result;
    }

    internal static ushort[] PartIndexPlusOne(ReadOnlySpan<int> partIds)
    {
        var result = new ushort[partIds.Length];
        for (int i = 0; i < partIds.Length; i++)
            result[i] = partIds[i] is >= 0 and < ushort.MaxValue ? (ushort)(partIds[i] + 1) : (ushort)0;
        return result;
    }

    private void WritePng<TPixel>(string relativePath, Image<TPixel> image) where TPixel : unmanaged, IPixel<TPixel>
    {
        using (image)
            AtomicFile.Write(Path.Combine(_folder, relativePath), stream => image.SaveAsPng(stream, new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed }));
    }
}
