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

    [Fact]
    public void EveryStructuralFaultIsRefusedNamingAFileOfTheFolder()
    {
        using var work = new TempDirectory();
        var problems = new List<string>();
        int faults = 0;
        foreach (var (fault, folder, mustRefuse) in ModelFolderFuzzInputs.Faults(work.Path))
        {
            faults++;
            try
            {
                ModelFolderFuzzInputs.Load(folder);
                if (mustRefuse) problems.Add($"{fault}: loaded");
            }
            catch (ModelFolderException e)
            {
                if (!e.Path.StartsWith(folder, StringComparison.Ordinal) || !e.Message.StartsWith(e.Path, StringComparison.Ordinal) || e.Message.Contains('\n'))
                    problems.Add($"{fault}: message does not start with a path in the folder: {e.Message}");
                output.WriteLine($"{fault}: {e.Message[(folder.Length)..]}");
            }
            catch (Exception e)
            {
                problems.Add($"{fault}: {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(faults > 40);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
