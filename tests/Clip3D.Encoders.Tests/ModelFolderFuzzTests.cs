using Clip3D.Testing;
using Clip3D.Testing.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Encoders.Tests;

/// <summary>
/// Mutation fuzzing of CLIP model folders (each ONNX file and the preprocessor config of the tiny real models,
/// three layouts): every case opens the encoder and embeds a text or is refused with
/// <see cref="ModelFolderException"/> — never another exception, never a crash of the process inside ONNX Runtime.
/// </summary>
public sealed class ModelFolderFuzzTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Fuzz")]
    public void OnlyModelFolderExceptionsEscape()
    {
        using var work = new TempDirectory();
        var report = FuzzRunner.Run(ModelFolderFuzzInputs.Targets(Path.Combine(work.Path, "inputs")), Path.Combine(work.Path, "cases"),
            FuzzRunOptions.Default with { Cases = 300, Seed = 4 });
        output.WriteLine(report.Summary());
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures.Take(20)));
    }
}
