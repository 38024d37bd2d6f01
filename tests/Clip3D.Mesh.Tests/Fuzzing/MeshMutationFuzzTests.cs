using Clip3D.Testing;
using Clip3D.Testing.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Mesh.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of every mesh reader (<see cref="MeshFuzzInputs"/>: the shared assets, generated files of every
/// format, the demo scenes; MTL files, buffers and textures mutated too) and of the image decoder: seeded mutations
/// of valid files must load or raise the documented exception, within the case bound, allocating within the memory
/// bound. CI runs a few thousand cases; set CLIP3D_FUZZ_CASES for more, or run the long form
/// (<c>dotnet run -c Release --project bench/Clip3D.Bench -- fuzz --cases 100000</c>). A failure prints the input and
/// case seed, which replay it exactly.
/// </summary>
public class MeshMutationFuzzTests(ITestOutputHelper output)
{
    private static int Cases(int defaultCases) =>
        int.TryParse(Environment.GetEnvironmentVariable("CLIP3D_FUZZ_CASES"), out var n) && n > 0 ? n : defaultCases;

    [Fact]
    [Trait("Category", "Fuzz")]
    public void OnlyMeshExceptionsEscape()
    {
        using var work = new TempDirectory();
        var targets = MeshFuzzInputs.Targets(Path.Combine(work.Path, "inputs"));
        var report = FuzzRunner.Run(targets, Path.Combine(work.Path, "cases"), FuzzRunOptions.Default with { Cases = Cases(2000), Seed = 1 });
        output.WriteLine(report.Summary());
        Assert.Contains(report.Readers, r => r.Reader == "PLY");
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public void OnlyInvalidDataEscapesTheImageDecoder()
    {
        using var work = new TempDirectory();
        var targets = ImageFuzzInputs.Targets(Path.Combine(work.Path, "inputs"));
        var report = FuzzRunner.Run(targets, Path.Combine(work.Path, "cases"), FuzzRunOptions.Default with { Cases = Cases(600), Seed = 2 });
        output.WriteLine(report.Summary());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
    }
}
