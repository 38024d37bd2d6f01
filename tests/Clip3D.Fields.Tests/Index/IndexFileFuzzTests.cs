using Clip3D.Testing;
using Clip3D.Testing.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Fields.Tests.Index;

/// <summary>
/// Mutation fuzzing of the <c>.c3d</c> reader, as written and with the checksums recomputed after each mutation (so the
/// JSON header, the section table and the structural checks are reached): only <see cref="Clip3D.Fields.Index.IndexFileException"/>
/// may escape, within the time and memory bounds.
/// </summary>
public sealed class IndexFileFuzzTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Fuzz")]
    public void OnlyIndexFileExceptionsEscape()
    {
        using var work = new TempDirectory();
        var report = FuzzRunner.Run(IndexFuzzInputs.Targets(Path.Combine(work.Path, "inputs")), Path.Combine(work.Path, "cases"),
            FuzzRunOptions.Default with { Cases = 1000, Seed = 3 });
        output.WriteLine(report.Summary());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
        // The repaired form must get past the checksums: some of its cases still load, the rest fail on structure.
        var repaired = Assert.Single(report.Readers, r => r.Reader == ".c3d (checksums repaired)");
        Assert.True(repaired.Loaded > 0, $"no repaired case loaded: {repaired}");
    }

    [Fact]
    public void RepairedChecksumsOfAnUnchangedFileAreTheWrittenOnes()
    {
        using var work = new TempDirectory();
        var target = IndexFuzzInputs.Targets(work.Path)[0];
        var bytes = File.ReadAllBytes(Path.Combine(target.Folder, target.MutatedFile));
        Assert.Equal(bytes, IndexFuzzInputs.RepairChecksums(bytes));
    }
}
