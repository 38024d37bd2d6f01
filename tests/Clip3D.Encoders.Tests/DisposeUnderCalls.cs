namespace Clip3D.Encoders.Tests;

/// <summary>
/// Threads calling an encoder without pause while it is disposed under them: once every thread has had
/// <c>warmCalls</c> answers, <c>dispose</c> runs; each thread then calls until it is refused with
/// <see cref="ObjectDisposedException"/>. Any other exception is collected, not thrown, so the test sees them all.
/// </summary>
internal static class DisposeUnderCalls
{
    /// <param name="threads">Threads calling.</param>
    /// <param name="warmCalls">Answers every thread has had before the dispose.</param>
    /// <param name="call">One call (thread index, call index); it asserts its own answer.</param>
    /// <param name="dispose">Disposes the encoder.</param>
    public static (int Answered, int Refused, IReadOnlyList<Exception> Unexpected) Run(int threads, int warmCalls, Action<int, int> call, Action dispose)
    {
        int answered = 0, refused = 0;
        var unexpected = new List<Exception>();
        using var warm = new CountdownEvent(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (int i = 0; ; i++)
            {
                try
                {
                    call(t, i);
                    Interlocked.Increment(ref answered);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
                catch (Exception e)
                {
                    lock (unexpected) unexpected.Add(e);
                    return;
                }
                finally
                {
                    if (i == warmCalls - 1) warm.Signal();
                }
            }
        })).ToArray();
        foreach (var worker in workers) worker.Start();
        if (!warm.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException("the threads did not all get answers within a minute");
        dispose();
        foreach (var worker in workers) worker.Join();
        return (answered, refused, unexpected);
    }
}
