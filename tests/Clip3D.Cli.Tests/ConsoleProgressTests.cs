using Clip3D.Indexing;
using Xunit;

namespace Clip3D.Cli.Tests;

/// <summary><see cref="ConsoleProgress"/> on a <see cref="StringWriter"/> with a fake clock.</summary>
public class ConsoleProgressTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class FakeClock
    {
        public TimeSpan Now { get; set; }

        public void Advance(double seconds) => Now += TimeSpan.FromSeconds(seconds);
    }

    private static (ConsoleProgress Progress, StringWriter Writer, FakeClock Clock) Create(ProgressMode mode)
    {
        var writer = new StringWriter();
        var clock = new FakeClock();
        return (new ConsoleProgress(writer, mode, () => clock.Now), writer, clock);
    }

    [Fact]
    public void DrawsTheBarInPlaceWithTheEtaFromTheStagesRate()
    {
        var (progress, writer, clock) = Create(ProgressMode.Bar);
        progress.Report(new BuildProgress(BuildStage.Views, 0, 120));
        Assert.Equal("\rviews  [....................]    0/120  ETA -:--", writer.ToString());

        // 57 views in 37 s: 63 left at 0.649 s each = 40.9 s, shown rounded up.
        clock.Advance(37);
        progress.Report(new BuildProgress(BuildStage.Views, 57, 120));
        var redraw = writer.ToString()[(writer.ToString().LastIndexOf('\r'))..];
        Assert.Equal("\rviews  [#########...........]   57/120  ETA 0:41", redraw);
        Assert.DoesNotContain("\n", writer.ToString());
    }

    [Fact]
    public void TheEtaUsesTheCurrentStagesRateOnly()
    {
        var (progress, writer, clock) = Create(ProgressMode.Bar);
        progress.Report(new BuildProgress(BuildStage.Views, 0, 2));
        clock.Advance(100);
        progress.Report(new BuildProgress(BuildStage.Views, 2, 2));
        progress.Report(new BuildProgress(BuildStage.Field, 0, 1000));
        clock.Advance(2);
        // 100 steps in 2 s: 900 left take 18 s, whatever the 100 s the views took.
        progress.Report(new BuildProgress(BuildStage.Field, 100, 1000));
        Assert.EndsWith("\rfield  [##..................]   100/1000  ETA 0:18", writer.ToString());
    }

    [Fact]
    public void RedrawsAtMostTenTimesASecondButAlwaysEndsAStage()
    {
        var (progress, writer, clock) = Create(ProgressMode.Bar);
        progress.Report(new BuildProgress(BuildStage.Field, 0, 1000));
        for (int step = 1; step < 1000; step++)
        {
            clock.Advance(0.001);
            progress.Report(new BuildProgress(BuildStage.Field, step, 1000));
        }
        // 999 reports over 0.999 s: the first draw, then one every 100 ms (at 0.1 s, 0.2 s, … 0.9 s).
        Assert.Equal(10, writer.ToString().Count(c => c == '\r'));
        Assert.EndsWith("  900/1000  ETA 0:01", writer.ToString());

        clock.Advance(0.001);
        progress.Report(new BuildProgress(BuildStage.Field, 1000, 1000));
        Assert.EndsWith("\rfield  1000/1000  done in 1.0 s" + new string(' ', 19) + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void EndsEachStageWithItsElapsedTimeWhenTheNextOneStarts()
    {
        var (progress, writer, clock) = Create(ProgressMode.Lines);
        progress.Report(new BuildProgress(BuildStage.Load, 0, 1));
        clock.Advance(1.24);
        progress.Report(new BuildProgress(BuildStage.Plan, 0, 1));
        clock.Advance(0.3);
        progress.Report(new BuildProgress(BuildStage.Views, 0, 24));
        for (int v = 1; v <= 24; v++)
        {
            clock.Advance(3.5);
            progress.Report(new BuildProgress(BuildStage.Views, v, 24));
        }
        progress.Report(new BuildProgress(BuildStage.Fuse, 0, 1));
        clock.Advance(0.5);
        progress.Report(new BuildProgress(BuildStage.Fuse, 1, 1));
        progress.Report(new BuildProgress(BuildStage.Field, 0, 600));
        clock.Advance(3725);
        progress.Report(new BuildProgress(BuildStage.Field, 600, 600));
        // The last step announced twice (the builder's final report) adds nothing.
        progress.Report(new BuildProgress(BuildStage.Field, 600, 600));
        progress.Complete();
        progress.Dispose();

        // Plain lines for a log: no carriage returns, no bars.
        string[] expected =
        [
            "load   done in 1.2 s",
            "plan   done in 0.3 s",
            "views  24/24  done in 1:24",
            "fuse   done in 0.5 s",
            "field  600/600  done in 1:02:05",
        ];
        Assert.Equal(string.Join(Environment.NewLine, expected) + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void CompleteEndsAStageThatNeverReportedItsLastStep()
    {
        var (progress, writer, clock) = Create(ProgressMode.Lines);
        progress.Report(new BuildProgress(BuildStage.Load, 0, 1));
        clock.Advance(2);
        Assert.Equal("", writer.ToString());
        progress.Complete();
        Assert.Equal("load   done in 2.0 s" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void LogLinesGoAboveTheBarWhichIsRedrawnUnderThem()
    {
        var (progress, writer, clock) = Create(ProgressMode.Bar);
        progress.Report(new BuildProgress(BuildStage.Field, 0, 10));
        clock.Advance(1);
        progress.Report(new BuildProgress(BuildStage.Field, 5, 10));
        progress.WriteLine("field: step 5/10");
        var bar = "field  [##########..........]   5/10  ETA 0:01";
        Assert.EndsWith($"\r{bar}\r{"field: step 5/10".PadRight(bar.Length)}{Environment.NewLine}\r{bar}", writer.ToString());
    }

    [Fact]
    public void DisposeEndsAnUnfinishedBarsLine()
    {
        var (progress, writer, _) = Create(ProgressMode.Bar);
        progress.Report(new BuildProgress(BuildStage.Views, 3, 12));
        progress.Dispose();
        // No "done" line: the stage did not finish (a cancelled build); what follows starts on a line of its own.
        Assert.Equal("\rviews  [#####...............]   3/12  ETA -:--" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void WritesNoProgressWhenOff()
    {
        var (progress, writer, clock) = Create(ProgressMode.Off);
        progress.Report(new BuildProgress(BuildStage.Load, 0, 1));
        clock.Advance(1);
        progress.Report(new BuildProgress(BuildStage.Views, 4, 12));
        progress.Report(new BuildProgress(BuildStage.Views, 12, 12));
        progress.Complete();
        progress.Dispose();
        Assert.Equal("", writer.ToString());

        // Log lines are the command's to silence (--quiet does); when given, they are plain lines.
        progress.WriteLine("warning");
        Assert.Equal("warning" + Environment.NewLine, writer.ToString());
    }

    [Fact]
    public void ChoosesTheModeFromQuietAndWhereErrorsGo()
    {
        var redirected = new CliOutput(new StringWriter(), new StringWriter());
        Assert.Equal(ProgressMode.Off, ConsoleProgress.ModeFor(redirected, quiet: true));
        Assert.Equal(ProgressMode.Lines, ConsoleProgress.ModeFor(redirected, quiet: false));
    }

    [Theory]
    [InlineData(0.04, "0.0 s")]
    [InlineData(41.24, "41.2 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(75, "1:15")]
    [InlineData(3725, "1:02:05")]
    public void FormatsDurations(double seconds, string expected) =>
        Assert.Equal(expected, ConsoleProgress.Duration(TimeSpan.FromSeconds(seconds)));
}
