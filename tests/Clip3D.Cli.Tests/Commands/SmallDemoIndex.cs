using Clip3D.Testing;

namespace Clip3D.Cli.Tests.Commands;

/// <summary>
/// A small index of one demo scene (default encoder, two views, lite preset, no field), built once by <c>clip3d build</c>
/// for a test class (xunit class fixture); no index, and a skip reason, where no headless OpenGL context can be made.
/// </summary>
public abstract class SmallDemoIndex : IDisposable
{
    private readonly TempDirectory _folder = new();

    /// <param name="scene">The scene's name in scenes/ (without .glb).</param>
    /// <param name="size">The views' size, WxH.</param>
    /// <param name="points">Surface points.</param>
    protected SmallDemoIndex(string scene, string size, int points)
    {
        try
        {
            CliRunner.RequireRendering();
        }
        catch (Xunit.SkipException e)
        {
            SkipReason = e.Message;
            return;
        }
        var file = System.IO.Path.Combine(SharedAssets.RepositoryRoot, "scenes", scene + ".glb");
        Path = System.IO.Path.Combine(_folder.Path, scene + ".c3d");
        var (code, _, error) = CliRunner.Run("build", file, "-o", Path, "--preset", "lite", "--views", "2", "--size", size,
            "--points", points.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-field", "--no-cache", "--min-part-points", "0");
        if (code != 0) throw new InvalidOperationException($"clip3d build failed ({code}): {error}");
    }

    /// <summary>The index file; null when <see cref="SkipReason"/> is set.</summary>
    public string? Path { get; }

    public string? SkipReason { get; }

    /// <summary>The index path, or a skip where there is no index.</summary>
    public string Require() => Path ?? throw new Xunit.SkipException(SkipReason!);

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
