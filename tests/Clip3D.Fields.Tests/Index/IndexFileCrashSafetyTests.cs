using Clip3D.Fields.Index;
using Clip3D.Mesh.Tests.IO;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;
using static Clip3D.Fields.Tests.Index.IndexTestData;

namespace Clip3D.Fields.Tests.Index;

/// <summary>Saving a .c3d over an older one with an I/O error, then a crash, at every write step.</summary>
public sealed class IndexFileCrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    public void AFaultOrACrashAtEveryStepOfASaveLeavesTheOldIndexOrTheWholeNewOne()
    {
        using var reference = new TempDirectory();
        using var dir = new TempDirectory();
        var expectedPath = Path.Combine(reference.Path, "expected.c3d");
        IndexFile.Write(expectedPath, Header(), Sections());
        var expected = File.ReadAllBytes(expectedPath);
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(Encoder with { ModelHash = new string('b', 64) }), [IndexSection.FromInts("old", [1, 2, 3])]);

        var summary = AtomicWriteFaults.EveryStep(path,
            () => IndexFile.Write(path, Header(), Sections()),
            bytes => bytes.AsSpan().SequenceEqual(expected),
            () => Assert.Equal(Sections().Length, IndexFile.Read(path).Sections.Count),
            e => e is IndexFileException { InnerException: AtomicWriteFaults.InjectedFault } ie && ie.Message.StartsWith($"{path}: cannot write: injected fault", StringComparison.Ordinal));
        // The preamble, the header, the table and each section are separate writes: every one of them is a step.
        Assert.True(summary.Steps >= 3 + Sections().Length, $"{summary.Steps} steps");
        output.WriteLine($"reliability: .c3d save: {summary.Steps} steps × (fault + crash), old kept {summary.OldKept}, new whole {summary.NewWhole}, lost 0");
    }
}
