using System.Diagnostics;
using System.Text;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary>
/// An Xvfb X server on a free display number (chosen by Xvfb itself through <c>-displayfd</c>), for the window tests,
/// with helpers to run clip3d and xdotool against it. Skips the test, saying why, only where Xvfb or xdotool is not
/// installed or Xvfb does not start (CI installs both: scripts/setup-debian.sh).
/// </summary>
internal sealed class XvfbDisplay : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly Process _server;

    private XvfbDisplay(Process server, string display)
    {
        _server = server;
        Display = display;
    }

    /// <summary>":N".</summary>
    public string Display { get; }

    public static XvfbDisplay Start()
    {
        Skip.IfNot(OnPath("Xvfb"), "Xvfb is not installed (Debian package xvfb; scripts/setup-debian.sh installs it)");
        Skip.IfNot(OnPath("xdotool"), "xdotool is not installed (Debian package xdotool; scripts/setup-debian.sh installs it)");
        var start = new ProcessStartInfo("Xvfb") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-displayfd", "1", "-screen", "0", "1024x768x24", "-nolisten", "tcp" }) start.ArgumentList.Add(arg);
        var server = Process.Start(start)!;
        var errors = new StringBuilder();
        server.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        server.BeginErrorReadLine();
        var line = server.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result is not { } number || !int.TryParse(number, out _))
        {
            if (!server.HasExited) server.Kill();
            server.WaitForExit();
            string why;
            lock (errors) why = errors.ToString().Trim();
            throw new SkipException($"Xvfb did not start: {(why.Length == 0 ? "no display number within 30 s" : why)}");
        }
        return new XvfbDisplay(server, ":" + line.Result!.Trim());
    }

    /// <summary>clip3d (the clip3d.dll beside the tests, on the dotnet host) as a child process on <paramref name="display"/>.</summary>
    public static ChildProcess StartClip3d(string display, params string[] args)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["DISPLAY"] = display;
        start.Environment.Remove("WAYLAND_DISPLAY");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clip3d.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>Runs xdotool on <paramref name="display"/> and returns what it printed; fails the test when it fails.</summary>
    public static string Xdotool(string display, params string[] args)
    {
        var (code, stdout, stderr) = Run(display, "xdotool", args);
        Assert.True(code == 0, $"xdotool {string.Join(' ', args)} → exit {code}: {stderr}");
        return stdout;
    }

    /// <summary>Waits until a window whose name contains <paramref name="name"/> is mapped (focus needs a viewable window); its id.</summary>
    public static string WaitForWindow(string display, string name, ChildProcess owner)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            Assert.False(owner.Process.HasExited, $"clip3d exited ({(owner.Process.HasExited ? owner.Process.ExitCode : 0)}) before its window opened: {owner.Errors}");
            var (code, stdout, _) = Run(display, "xdotool", ["search", "--onlyvisible", "--name", name]);
            var id = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (code == 0 && id is not null) return id;
            Thread.Sleep(250);
        }
        throw new TimeoutException($"no window named '{name}' after {Patience.TotalSeconds} s: {owner.Errors}");
    }

    /// <summary>Waits until <paramref name="path"/> exists (the window writes it atomically).</summary>
    public static void WaitForFile(string path, ChildProcess owner)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            Assert.False(owner.Process.HasExited, $"clip3d exited before writing {path}: {owner.Errors}");
            if (clock.Elapsed > Patience) throw new TimeoutException($"{path} was not written within {Patience.TotalSeconds} s: {owner.Errors}");
            Thread.Sleep(100);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string display, string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DISPLAY"] = display;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, program)));

    public void Dispose()
    {
        if (!_server.HasExited) _server.Kill();
        _server.WaitForExit();
        _server.Dispose();
    }

    /// <summary>A child process whose standard error is collected (for failure messages).</summary>
    internal sealed class ChildProcess : IDisposable
    {
        private readonly StringBuilder _errors = new();

        public ChildProcess(Process process)
        {
            Process = process;
            process.ErrorDataReceived += (_, e) => { lock (_errors) _errors.AppendLine(e.Data); };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public Process Process { get; }

        public string Errors
        {
            get { lock (_errors) return _errors.ToString().Trim(); }
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }
}
