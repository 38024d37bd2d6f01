namespace Clip3D.Encoders;

/// <summary>
/// The calls running inside an encoder's ONNX Runtime sessions, so that disposing the encoder frees the sessions only
/// once the last of them has left. Releasing a session frees its native memory at once: a <c>Run</c> still inside it on
/// another thread would read freed memory — a crash of the process, not an exception. With this gate a call that
/// starts after <see cref="Close"/> throws <see cref="ObjectDisposedException"/>, and <see cref="Close"/> waits for
/// the running ones to finish.
/// </summary>
internal sealed class InFlightCalls(object owner)
{
    private readonly object _gate = new();
    private int _running;
    private bool _closed;

    /// <summary>Whether <see cref="Close"/> was called.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Counts one more running call until the result is disposed.</summary>
    /// <exception cref="ObjectDisposedException">The owner is disposed.</exception>
    public Call Enter()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, owner);
            _running++;
        }
        return new Call(this);
    }

    /// <summary>
    /// Refuses new calls and waits for the running ones to end; true the first time (the caller then frees the
    /// sessions), false when already closed.
    /// </summary>
    public bool Close()
    {
        lock (_gate)
        {
            if (_closed) return false;
            _closed = true;
            while (_running > 0)
                Monitor.Wait(_gate);
            return true;
        }
    }

    private void Exit()
    {
        lock (_gate)
        {
            if (--_running == 0)
                Monitor.PulseAll(_gate);
        }
    }

    /// <summary>One running call; dispose it when the call leaves the sessions.</summary>
    public readonly struct Call(InFlightCalls calls) : IDisposable
    {
        public void Dispose() => calls.Exit();
    }
}
