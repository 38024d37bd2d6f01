using System.Globalization;
using Clip3D.Encoders;
using Clip3D.Mesh;

namespace Clip3D.Indexing;

/// <summary>
/// The limits a build puts on what it reads and on its own memory: meshes over a triangle or byte limit, textures
/// over a pixel limit and model files over a size limit are refused with a message that names the file and the
/// limit; <see cref="MaxMemoryBytes"/>, when set, makes the build degrade (lower view resolution, fewer surface
/// points, smaller encoder batches, each with a warning) instead of failing. Every property has a documented
/// default; <see cref="Default"/> holds them all.
/// </summary>
public sealed record ResourceLimits
{
    /// <summary>The defaults described on each property.</summary>
    public static ResourceLimits Default { get; } = new();

    /// <summary>Mesh files (and their buffers, material libraries, textures) over this many bytes are refused; default 2,000,000,000 (<see cref="ReadOptions.MaxFileBytes"/>).</summary>
    public long MaxMeshFileBytes { get; init; } = ReadOptions.Default.MaxFileBytes;

    /// <summary>Scenes with more triangles are refused; default 100 million (<see cref="ReadOptions.MaxTriangles"/>).</summary>
    public long MaxTriangles { get; init; } = ReadOptions.Default.MaxTriangles;

    /// <summary>
    /// Textures with more pixels are not decoded (a warning; the material keeps its colour); default 8192×8192
    /// (<see cref="ReadOptions.MaxTexturePixels"/>). The decoder's allocations are limited to what this many pixels need.
    /// </summary>
    public long MaxTexturePixels { get; init; } = ReadOptions.Default.MaxTexturePixels;

    /// <summary>Model files (ONNX files and their external data) over this many bytes are refused; default 4 GiB (<see cref="OnnxEncoderOptions.MaxModelFileBytes"/>).</summary>
    public long MaxModelFileBytes { get; init; } = OnnxEncoderOptions.Default.MaxModelFileBytes;

    /// <summary>
    /// The memory a build may plan for, in bytes; default null (no budget). Over it, by the build's estimate
    /// (<see cref="BuildMemoryBudget"/>), views render at a lower resolution, fewer surface points are sampled and
    /// encoder batches shrink, each with a warning, down to a floor below which the build runs anyway with a warning.
    /// </summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>These limits applied to <paramref name="read"/> (default <see cref="ReadOptions.Default"/>).</summary>
    public ReadOptions ApplyTo(ReadOptions? read = null) => (read ?? ReadOptions.Default) with
    {
        MaxFileBytes = MaxMeshFileBytes,
        MaxTriangles = MaxTriangles,
        MaxTexturePixels = MaxTexturePixels,
    };

    /// <summary>These limits applied to <paramref name="encoder"/> (default <see cref="OnnxEncoderOptions.Default"/>).</summary>
    public OnnxEncoderOptions ApplyTo(OnnxEncoderOptions? encoder) => (encoder ?? OnnxEncoderOptions.Default) with { MaxModelFileBytes = MaxModelFileBytes };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid property.</summary>
    public void Validate()
    {
        if (MaxMeshFileBytes <= 0) throw new ArgumentException($"ResourceLimits.MaxMeshFileBytes must be positive, got {MaxMeshFileBytes}.");
        if (MaxTriangles <= 0) throw new ArgumentException($"ResourceLimits.MaxTriangles must be positive, got {MaxTriangles}.");
        if (MaxTexturePixels <= 0) throw new ArgumentException($"ResourceLimits.MaxTexturePixels must be positive, got {MaxTexturePixels}.");
        if (MaxModelFileBytes <= 0) throw new ArgumentException($"ResourceLimits.MaxModelFileBytes must be positive, got {MaxModelFileBytes}.");
        if (MaxMemoryBytes is <= 0) throw new ArgumentException($"ResourceLimits.MaxMemoryBytes must be positive, got {MaxMemoryBytes}.");
    }

    /// <summary>
    /// Parses a byte size: a number with an optional K, M, G or T suffix (powers of 1024, "B" and "iB" allowed:
    /// 512M, 2G, 1.5GiB, 3000000). Throws <see cref="FormatException"/> saying what was expected.
    /// </summary>
    public static long ParseBytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToUpperInvariant();
        if (s.EndsWith("IB", StringComparison.Ordinal)) s = s[..^2];
        else if (s.EndsWith('B')) s = s[..^1];
        long unit = 1;
        if (s.Length > 0 && "KMGT".Contains(s[^1], StringComparison.Ordinal))
        {
            unit = 1L << (10 * ("KMGT".IndexOf(s[^1], StringComparison.Ordinal) + 1));
            s = s[..^1];
        }
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value * unit > long.MaxValue / 2)
            throw new FormatException($"expected a positive size such as 512M, 2G or 3000000, got '{text}'");
        return (long)Math.Ceiling(value * unit);
    }
}
