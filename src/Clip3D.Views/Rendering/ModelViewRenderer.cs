using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;

namespace Clip3D.Views.Rendering;

/// <summary>
/// Renders a whole model as a recogniser sees it, PointCLIP-style: square orbit views around its bounds (elevations
/// 10°–40°, where objects are usually photographed from, seed 1 so the same model gives the same views), headlight
/// lighting (every visible face lit, whatever the model's orientation) and the empty background filled with a mid
/// grey (190) that neither white nor black models vanish into. <see cref="MeanEmbedding"/> averages the views'
/// image vectors into one. Shared by whole-model classification (Clip3D's ModelClassifier) and the default
/// encoder's training evaluation, so both see models the same way. Threading rule: it owns an OpenGL context (a
/// <see cref="HeadlessRenderer"/>), so use and dispose it on the thread that created it; a call from any other thread
/// throws <see cref="InvalidOperationException"/> and leaves the renderer as it was.
/// </summary>
public sealed class ModelViewRenderer : IDisposable
{
    /// <summary>The background grey the empty pixels are filled with.</summary>
    public static (byte R, byte G, byte B) Background { get; } = (190, 190, 190);

    private readonly HeadlessRenderer _renderer;

    /// <summary>Creates the OpenGL context on this thread.</summary>
    /// <exception cref="RenderingUnavailableException">No headless OpenGL context can be created here.</exception>
    public ModelViewRenderer() =>
        _renderer = new HeadlessRenderer(new RenderOptions { Lighting = RenderLighting.Headlight, Msaa = 4, BackgroundColor = Vector4.Zero });

    /// <summary>
    /// <paramref name="views"/> orbit views of <paramref name="scene"/>, each <paramref name="imageSize"/> pixels square.
    /// </summary>
    public IReadOnlyList<RgbImage> Render(Scene scene, int views, int imageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(views);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imageSize);
        _renderer.Upload(scene);
        var cameras = OrbitPlanner.Plan(scene.Bounds, new OrbitOptions
        {
            Views = views, Width = imageSize, Height = imageSize, MinElevationDegrees = 10, MaxElevationDegrees = 40, Seed = 1,
        });
        var images = new List<RgbImage>(cameras.Count);
        foreach (var camera in cameras)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var view = _renderer.Render(camera);
            images.Add(RgbImage.FromRgba(view.Colour, view.Width, view.Height, Background));
        }
        return images;
    }

    /// <summary>
    /// The unit-length mean of the first <paramref name="count"/> rows of <paramref name="rows"/> (row-major, each
    /// <paramref name="dimension"/> long): one vector for the whole model.
    /// </summary>
    public static float[] MeanEmbedding(ReadOnlySpan<float> rows, int count, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (rows.Length < count * dimension)
            throw new ArgumentException($"Expected {count} rows of {dimension} floats, got {rows.Length} floats.", nameof(rows));
        var mean = new float[dimension];
        for (int v = 0; v < count; v++)
            for (int k = 0; k < dimension; k++)
                mean[k] += rows[v * dimension + k];
        EmbeddingBatch.NormalizeRows(mean, dimension);
        return mean;
    }

    public void Dispose() => _renderer.Dispose();
}
