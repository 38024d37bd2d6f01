using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clip3D.Mesh.IO;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;

namespace Clip3D.Views.Features;

/// <summary>
/// View features on disk, so that a second run over the same scene, encoder, cameras and pyramid options embeds
/// nothing. An entry's key (<see cref="Key"/>) joins the scene hash (<see cref="SceneHash"/>), the encoder's kind, model
/// hash and dimension (not its source path: compatible encoders share entries), the camera's exact intrinsics and pose,
/// and <see cref="CropPyramidOptions.CacheKey"/>; its file is named by the SHA-256 of the key and also stores the key.
/// Entries are written atomically (<see cref="AtomicFile"/>) and end with a checksum: an entry that is truncated,
/// corrupted, of another format version or of another key is deleted and recomputed, never trusted and never fatal.
/// Thread-safe; concurrent writers of one entry leave one whole file.
/// </summary>
public sealed class ViewFeatureCache
{
    /// <summary>File name extension of entries.</summary>
    public const string Extension = ".c3dvf";

    private int _hits;
    private int _misses;
    private int _rejected;

    /// <param name="directory">Folder of the entries; created on first write.</param>
    /// <param name="log">Receives one line per rejected entry (null: silent).</param>
    public ViewFeatureCache(string directory, Action<string>? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        Log = log;
    }

    public string Directory { get; }

    public Action<string>? Log { get; }

    /// <summary>Lookups answered from disk.</summary>
    public int Hits => _hits;

    /// <summary>Lookups that found no usable entry (rejected ones included).</summary>
    public int Misses => _misses;

    /// <summary>Entries found unreadable (truncated, corrupt, wrong version or key) and deleted.</summary>
    public int Rejected => _rejected;

    /// <summary>The key text of one view's entry.</summary>
    public static string Key(string sceneHash, EncoderIdentity encoder, Camera camera, CropPyramidOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sceneHash);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(options);
        var k = camera.Intrinsics;
        var p = camera.Pose;
        var builder = new StringBuilder();
        builder.Append("scene=").Append(sceneHash);
        builder.Append(";encoder=").Append(encoder.Kind).Append('/').Append(encoder.ModelHash).Append('/').Append(encoder.Dimension.ToString(CultureInfo.InvariantCulture));
        builder.Append(";camera=").Append(k.Width.ToString(CultureInfo.InvariantCulture)).Append('x').Append(k.Height.ToString(CultureInfo.InvariantCulture));
        foreach (float v in new[] { k.Fx, k.Fy, k.Cx, k.Cy })
            Bits(builder, v);
        foreach (var v in new[] { p.Position, p.Right, p.Down, p.Forward })
        {
            Bits(builder, v.X);
            Bits(builder, v.Y);
            Bits(builder, v.Z);
        }
        builder.Append(";pyramid=").Append(options.CacheKey());
        return builder.ToString();
    }

    /// <summary>The file of the entry with key <paramref name="key"/>.</summary>
    public string EntryPath(string key) =>
        Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + Extension);

    /// <summary>
    /// The view's features from the cache, or extracted with <paramref name="extractor"/> and stored. The scene hash is
    /// the rendered scene's <see cref="SceneHash.Compute"/>.
    /// </summary>
    public ViewFeatures GetOrCompute(string sceneHash, ViewFeatureExtractor extractor, RenderedView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(view);
        var key = Key(sceneHash, extractor.Encoder.Identity, view.Camera, extractor.Options);
        if (TryGet(key, view.Camera, out var cached))
            return cached;
        var features = extractor.Extract(view, cancellationToken);
        Store(key, features);
        return features;
    }

    /// <summary>The entry of <paramref name="key"/> for <paramref name="camera"/>, if a valid one exists; an invalid one is deleted.</summary>
    public bool TryGet(string key, Camera camera, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ViewFeatures? features)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(camera);
        var path = EntryPath(key);
        features = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Interlocked.Increment(ref _misses);
            return false;
        }
        try
        {
            features = ViewFeatureFile.Read(bytes, key, camera);
            Interlocked.Increment(ref _hits);
            return true;
        }
        catch (InvalidDataException e)
        {
            Interlocked.Increment(ref _rejected);
            Interlocked.Increment(ref _misses);
            Log?.Invoke($"{path}: {e.Message} Deleting it; the view's features are recomputed.");
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            return false;
        }
    }

    /// <summary>Writes <paramref name="features"/> as the entry of <paramref name="key"/> (atomically, replacing any).</summary>
    public void Store(string key, ViewFeatures features)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(features);
        AtomicFile.WriteAllBytes(EntryPath(key), ViewFeatureFile.Write(key, features));
    }

    private static void Bits(StringBuilder builder, float value) =>
        builder.Append(',').Append(BitConverter.SingleToInt32Bits(value).ToString("x8", CultureInfo.InvariantCulture));
}
