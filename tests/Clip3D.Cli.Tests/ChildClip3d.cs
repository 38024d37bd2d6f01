using System.Diagnostics;

namespace Clip3D.Cli.Tests;

/// <summary>
/// A real <c>clip3d</c> process (clip3d.dll beside the test assembly, on the dotnet host that runs the tests), its
/// standard output and error collected line by line, for the tests that signal or kill it. Killed on dispose if still running.
/// </summary>
internal sealed class ChildClip3d : IDisposable
{
    private readonly List<string> _stderr = [];
    private readonly List<string> _stdout = [];
    private readonly Action<string>? _onLine;

    private ChildClip3d(Process process, Action<string>? onLine)
    {
        Process = process;
        _onLine = onLine;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.Add(e.Data);
            _onLine?.Invoke(e.Data);
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stdout) _stdout.Add(e.Data);
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public Process Process { get; }

    /// <summary>The standard error lines so far.</summary>
    public IReadOnlyList<string> Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToArray();
        }
    }

    /// <summary>The standard output lines so far.</summary>
    public IReadOnlyList<string> Stdout
    {
        get
        {
            lock (_stdout) return _stdout.ToArray();
        }
    }

    /// <summary>Starts <c>clip3d <paramref name="args"/></c>; <paramref name="environment"/> is added to this process's.</summary>
    public static ChildClip3d Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, Action<string>? onStderrLine = null)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clip3d.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return new ChildClip3d(Process.Start(start)!, onStderrLine);
    }

    /// <summary>Sends SIGINT (kill -INT), as Ctrl+C does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL, which the process cannot catch: as a crash or a power loss would stop it. Waits for it to end.</summary>
    public void KillHard()
    {
        try
        {
            Process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It ended first.
        }
        Process.WaitForExit();
    }

    /// <summary>Waits for the end (and the last redirected lines); false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout)) return false;
        Process.WaitForExit(); // drains the redirected streams
        return true;
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
        Process.Dispose();
    }
}
