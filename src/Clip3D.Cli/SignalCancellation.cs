using System.Runtime.InteropServices;

namespace Clip3D.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation request that the running command sees through its
/// token: it stops at its next check (a view, a field step, a batch), writes nothing and exits with
/// <see cref="CliApp.ExitCancelled"/>. A second signal gets the default handling, which ends the process at once.
/// Installed only around commands that take a token; the others end on Ctrl-C as any program does.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signalled;

    public SignalCancellation(CancellationTokenSource source)
    {
        _source = source;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 1) return;
        context.Cancel = true;
        _source.Cancel();
    }
}
