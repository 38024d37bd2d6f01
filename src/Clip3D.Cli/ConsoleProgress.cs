using System.Diagnostics;
using System.Globalization;
using Clip3D.Indexing;

namespace Clip3D.Cli;

/// <summary>How a long command shows its progress on standard error.</summary>
internal enum ProgressMode
{
    /// <summary>Nothing (<c>--quiet</c>, <c>--json</c>).</summary>
    Off,

    /// <summary>One plain line per finished stage, for a log file or a pipe (standard error redirected).</summary>
    Lines,

    /// <summary>A bar redrawn in place with a carriage return, then the stage's final line (standard error is a terminal).</summary>
    Bar,
}

/// <summary>
/// Draws a build's <see cref="BuildProgress"/> on a writer: in <see cref="ProgressMode.Bar"/> one line redrawn in place
/// (<c>views  [########............]   57/120  ETA 0:41</c>), at most every <see cref="RedrawInterval"/>, with the
/// time left estimated from the rate within the current stage; when a stage ends (it reports all its steps, or the
/// next stage starts) its final line <c>views  120/120  done in 41.2 s</c> replaces the bar. In
/// <see cref="ProgressMode.Lines"/> only those final lines are written. Log lines go through <see cref="WriteLine"/>
/// so they do not land in the middle of a bar. Dispose ends a bar left unfinished (a cancelled or failed build) with
/// a line break, so what follows starts on its own line.
/// </summary>
internal sealed class ConsoleProgress : IProgress<BuildProgress>, IDisposable
{
    /// <summary>Characters between the bar's brackets.</summary>
    public const int BarWidth = 20;

    /// <summary>The shortest time between two redraws of a stage's bar (at most 10 a second).</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _writer;
    private readonly Func<TimeSpan> _clock;
    private readonly Lock _gate = new();
    private BuildStage? _stage;
    private BuildStage? _finished;
    private int _completed, _total;
    private TimeSpan _stageStart, _lastDraw;
    private int _barLength;

    /// <param name="writer">Standard error, or a <see cref="StringWriter"/> in tests.</param>
    /// <param name="mode">What to draw.</param>
    /// <param name="clock">Time since some fixed start; default a stopwatch started here. Tests pass a fake clock.</param>
    public ConsoleProgress(TextWriter writer, ProgressMode mode, Func<TimeSpan>? clock = null)
    {
        _writer = writer;
        Mode = mode;
        if (clock is null)
        {
            var stopwatch = Stopwatch.StartNew();
            clock = () => stopwatch.Elapsed;
        }
        _clock = clock;
    }

    public ProgressMode Mode { get; }

    /// <summary>The mode for a command's standard error: off when asked to be quiet, a bar on a terminal, else plain lines.</summary>
    public static ProgressMode ModeFor(CliOutput io, bool quiet) => quiet ? ProgressMode.Off : io.ErrIsTerminal ? ProgressMode.Bar : ProgressMode.Lines;

    public void Report(BuildProgress value)
    {
        if (Mode == ProgressMode.Off) return;
        lock (_gate)
        {
            var now = _clock();
            if (value.Stage != _stage)
            {
                // A report of the stage that just ended (its last step announced twice) changes nothing.
                if (value.Stage == _finished) return;
                FinishStage(now);
                _stage = value.Stage;
                _stageStart = now;
            }
            else if (value.Completed < value.Total && now - _lastDraw < RedrawInterval)
            {
                _completed = value.Completed;
                _total = value.Total;
                return;
            }
            _completed = value.Completed;
            _total = value.Total;
            if (_completed >= _total) FinishStage(now);
            else DrawBar(now);
        }
    }

    /// <summary>Writes a log line above the bar (the bar is redrawn under it).</summary>
    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (_barLength == 0)
            {
                _writer.WriteLine(line);
                return;
            }
            _writer.Write('\r');
            _writer.WriteLine(line.PadRight(_barLength));
            _barLength = 0;
            DrawBar(_clock());
        }
    }

    /// <summary>Ends the stage in progress with its final line: the work is done.</summary>
    public void Complete()
    {
        if (Mode == ProgressMode.Off) return;
        lock (_gate) FinishStage(_clock());
    }

    /// <summary>Ends an unfinished bar's line; writes no final line (the stage did not finish).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_barLength == 0) return;
            _writer.WriteLine();
            _writer.Flush();
            _barLength = 0;
        }
    }

    /// <summary>The bar line: stage, bar, steps and the time left at the stage's rate so far (<c>-:--</c> before the first step).</summary>
    internal static string BarLine(BuildStage stage, int completed, int total, TimeSpan elapsed)
    {
        double fraction = total > 0 ? Math.Clamp((double)completed / total, 0, 1) : 0;
        int filled = (int)(fraction * BarWidth);
        string eta = "-:--";
        if (completed > 0 && elapsed > TimeSpan.Zero)
            eta = Clock(TimeSpan.FromSeconds(Math.Ceiling(elapsed.TotalSeconds / completed * (total - completed))));
        int digits = total.ToString(CultureInfo.InvariantCulture).Length;
        return string.Create(CultureInfo.InvariantCulture,
            $"{Name(stage),-5}  [{new string('#', filled)}{new string('.', BarWidth - filled)}]  {completed.ToString(CultureInfo.InvariantCulture).PadLeft(digits)}/{total}  ETA {eta}");
    }

    /// <summary>A finished stage's line: its steps (when there is more than one) and how long it took.</summary>
    internal static string FinalLine(BuildStage stage, int total, TimeSpan elapsed) => total > 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Name(stage),-5}  {total}/{total}  done in {Duration(elapsed)}")
        : $"{Name(stage),-5}  done in {Duration(elapsed)}";

    /// <summary>Under a minute in tenths of a second (<c>41.2 s</c>), else <c>m:ss</c> or <c>h:mm:ss</c>.</summary>
    internal static string Duration(TimeSpan elapsed) => elapsed < TimeSpan.FromMinutes(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F1} s")
        : Clock(TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds)));

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");

    private static string Name(BuildStage stage) => stage.ToString().ToLowerInvariant();

    private void DrawBar(TimeSpan now)
    {
        _lastDraw = now;
        if (Mode != ProgressMode.Bar || _stage is not { } stage) return;
        var line = BarLine(stage, _completed, _total, now - _stageStart);
        _writer.Write('\r');
        // Spaces clear what is left of a longer line drawn before.
        _writer.Write(line.PadRight(_barLength));
        _writer.Flush();
        _barLength = line.Length;
    }

    private void FinishStage(TimeSpan now)
    {
        if (_stage is not { } stage) return;
        var line = FinalLine(stage, _total, now - _stageStart);
        if (_barLength > 0) _writer.Write('\r');
        _writer.WriteLine(line.PadRight(_barLength));
        _writer.Flush();
        _barLength = 0;
        _finished = stage;
        _stage = null;
    }
}
