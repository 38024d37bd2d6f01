using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Encoders.Tests;

/// <summary>
/// Every output folder must carry ONNX Runtime 1.31.0 from Microsoft.ML.OnnxRuntime.Gpu.Linux. A package that
/// depends on the CPU package Microsoft.ML.OnnxRuntime (another version, or the same version without CUDA) ships
/// its own libonnxruntime.so, which silently replaces ours in bin/ and breaks every session or CUDA.
/// </summary>
public partial class OnnxRuntimeBuildGuardTests
{
    private const string ExpectedVersion = "1.31.0";
    private const string PackageId = "microsoft.ml.onnxruntime.gpu.linux";

    [Fact]
    public void EveryOutputFolderHoldsOnnxRuntime131FromTheGpuPackage()
    {
        var libraries = OutputFolders(SharedAssets.RepositoryRoot)
            .SelectMany(bin => Directory.EnumerateFiles(bin, "libonnxruntime.so*", SearchOption.AllDirectories))
            .ToList();
        // This test's own output folder has one, so an empty list means the search is broken, not that all is well.
        Assert.Contains(libraries, l => l.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal));

        var reference = PackageLibrary();
        string? referenceHash = reference is null ? null : Sha256(reference);
        var problems = new List<string>();
        foreach (var library in libraries)
        {
            var name = Path.GetFileName(library);
            var suffix = name["libonnxruntime.so".Length..];
            if (suffix is not ("" or ".1" or ".1.31" or ".1.31.0"))
                problems.Add($"{library}: file name says version {suffix.TrimStart('.')}");
            var versions = VersionStrings(library);
            if (!versions.SetEquals([ExpectedVersion]))
                problems.Add($"{library}: version strings [{string.Join(", ", versions)}], expected only {ExpectedVersion}");
            if (referenceHash is not null && name == "libonnxruntime.so" && Sha256(library) != referenceHash)
                problems.Add($"{library}: differs from {reference} (another package's ONNX Runtime build replaced it)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheVersionReaderFindsTheVersionOfALibrary()
    {
        // The check above is only as good as this reader: it must see 1.31.0 in the real library and another
        // version in a file that carries one.
        var own = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so");
        Assert.True(File.Exists(own), $"{own} is missing");
        Assert.Equal([ExpectedVersion], VersionStrings(own));
        using var dir = new TempDirectory();
        var fake = dir.Write("libonnxruntime.so", Encoding.ASCII.GetBytes("\0\0ELF junk\0VERS_1.30.0\0more\0"));
        Assert.Equal(["1.30.0"], VersionStrings(fake));
    }

    /// <summary>bin/ folders of every project under the repository (build outputs; obj/ holds no native libraries).</summary>
    private static IEnumerable<string> OutputFolders(string root)
    {
        foreach (var top in new[] { "src", "tests", "bench" }.Select(d => Path.Combine(root, d)).Where(Directory.Exists))
            foreach (var project in Directory.EnumerateDirectories(top))
                if (Directory.Exists(Path.Combine(project, "bin")))
                    yield return Path.Combine(project, "bin");
    }

    /// <summary>
    /// The versions in the library's ELF symbol version names: ONNX Runtime exports its C API under
    /// <c>VERS_&lt;version&gt;</c> (1.31.0's libonnxruntime.so has exactly one, VERS_1.31.0).
    /// </summary>
    private static HashSet<string> VersionStrings(string library)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(library));
        return VersionPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"VERS_(\d+\.\d+\.\d+)")]
    private static partial Regex VersionPattern();

    /// <summary>The library inside the restored Gpu.Linux package (NuGet's global packages folder), when it is there.</summary>
    private static string? PackageLibrary()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(packages))
            packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(packages, PackageId, ExpectedVersion, "runtimes", "linux-x64", "native", "libonnxruntime.so");
        return File.Exists(path) ? path : null;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
