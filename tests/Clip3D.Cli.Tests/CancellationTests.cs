using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests;

/// <summary>
/// A cancelled build (a cancelled token in-process, SIGINT to a real clip3d process) prints <c>cancelled</c>, exits
/// with <see cref="CliApp.ExitCancelled"/> and leaves the file at <c>-o</c> as it was. The builds are the reduced ones
/// of <c>BuildCommandTests</c>, with a field that would train for hours unless the cancellation reaches its steps.
/// </summary>
public class CancellationTests
{
    private static readonly string Tabletop = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "tabletop.glb");

    private static string[] Build(string output) =>
        ["build", Tabletop, "-o", output, "--preset", "lite", "--views", "2", "--close-ups", "0", "--size", "160x120", "--points", "3000", "--no-cache", "--field-steps", "1000000"];

    /// <summary>The field trainers' log line after their first step (the SIMD trainer's and the kernels').</summary>
    private static bool AfterFirstFieldStep(string line) => line.StartsWith("field", StringComparison.Ordinal) && line.Contains(" step 1/", StringComparison.Ordinal);

    /// <summary>Standard error that cancels once a line <paramref name="trigger"/> accepts is written.</summary>
    private sealed class CancellingWriter(Func<string, bool> trigger, CancellationTokenSource cancellation) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value is not null && trigger(value)) cancellation.Cancel();
        }
    }

    [Fact]
    public void TheHelpListsTheExitCodes()
    {
        var (code, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(CliApp.ExitOk, code);
        Assert.Contains("Exit codes: 0 success, 1 bad command line, 2 the input cannot be used (a file, folder or option), 3 internal error, 130 cancelled", stdout);
    }

    [Fact]
    public void ABuildCancelledBeforeItStartsWritesNothing()
    {
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "tabletop.c3d");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(Build(output), stdout, stderr, cancellation.Token);
        Assert.Equal(CliApp.ExitCancelled, code);
        Assert.Equal("cancelled", stderr.ToString().Trim());
        Assert.Equal("", stdout.ToString());
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));

        // An index already at -o stays byte for byte.
        byte[] before = [1, 2, 3, 4, 5];
        File.WriteAllBytes(output, before);
        code = CliApp.Run(Build(output), new StringWriter(), new StringWriter(), cancellation.Token);
        Assert.Equal(CliApp.ExitCancelled, code);
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void ABuildCancelledDuringTheFieldStopsAndLeavesTheExistingIndexUntouched()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "tabletop.c3d");
        byte[] before = "an older index"u8.ToArray();
        File.WriteAllBytes(output, before);
        using var cancellation = new CancellationTokenSource();
        // Cancelled after the field's first step, with 999,999 to go: only the trainer's own check can stop it in time.
        var stderr = new CancellingWriter(AfterFirstFieldStep, cancellation);

        var run = Task.Run(() => CliApp.Run(Build(output), new StringWriter(), stderr, cancellation.Token));
        Assert.True(run.Wait(TimeSpan.FromMinutes(3)), "the build did not stop after its token was cancelled: " + stderr);
        int code = run.Result;
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code == CliApp.ExitCancelled, $"exit {code}: {stderr}");
        Assert.Equal("cancelled", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("views  2/2  done in ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("field  ", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(output));
        Assert.Single(Directory.GetFileSystemEntries(dir.Path));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void SigintCancelsARunningBuild()
    {
        CliRunner.RequireRendering();
        Skip.If(OperatingSystem.IsWindows(), "SIGINT is sent with kill(1)");
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "tabletop.c3d");
        using var fieldTraining = new ManualResetEventSlim();
        // Standard error is redirected: plain stage lines and log lines, among them the field's first step.
        using var child = ChildClip3d.Start(Build(output), onStderrLine: line =>
        {
            if (AfterFirstFieldStep(line)) fieldTraining.Set();
        });
        Assert.True(fieldTraining.Wait(TimeSpan.FromMinutes(3)), "the build never reached its field: " + string.Join(" | ", child.Stderr));
        child.Interrupt();
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(1)), "clip3d did not stop after SIGINT");

        var process = child.Process;
        var stderr = child.Stderr;
        Assert.True(process.ExitCode == CliApp.ExitCancelled, $"exit {process.ExitCode}: {string.Join(" | ", stderr)}");
        Assert.Equal("cancelled", stderr[^1]);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
