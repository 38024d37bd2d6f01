using System.Diagnostics;

namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// Runs seeded mutations of every <see cref="FuzzTarget"/> and checks the invariant: each case loads or is refused
/// with a documented exception, within <see cref="FuzzRunOptions.CaseLimit"/>, allocating no more than the memory
/// bound. Cases run one at a time on a worker thread, so a hang is seen; allocations are those of that thread (the
/// readers read on the calling thread), so tests running in parallel in the same process do not count against a case.
/// </summary>
public static class FuzzRunner
{
    public static FuzzReport Run(IReadOnlyList<FuzzTarget> targets, string workDirectory, FuzzRunOptions? options = null)
    {
        options ??= FuzzRunOptions.Default;
        options.Validate();
        var clock = Stopwatch.StartNew();
        var failures = new List<FuzzFailure>();
        var stats = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        for (int t = 0; t < targets.Count; t++)
        {
            var target = targets[t];
            if (!stats.TryGetValue(target.Reader, out var acc))
                stats[target.Reader] = acc = new Accumulator();
            acc.Inputs++;
            int cases = options.Cases / targets.Count + (t < options.Cases % targets.Count ? 1 : 0);
            RunTarget(target, Donor(targets, t), Path.Combine(workDirectory, $"t{t}"), cases, options, (ulong)t, acc, failures);
            options.Log?.Invoke($"{target.Reader} {target.Input}: {cases} cases, {acc.Failures} failures so far for {target.Reader}");
        }
        var readers = stats.Select(kv => new FuzzReaderStats(kv.Key, kv.Value.Inputs, kv.Value.Cases, kv.Value.Loaded, kv.Value.Rejected,
            kv.Value.Failures, kv.Value.MaxMilliseconds, kv.Value.MaxAllocated)).ToArray();
        return new FuzzReport(options.Seed, readers, failures, clock.Elapsed.TotalSeconds, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    /// <summary>The first other input of the same reader: the bytes that splices take.</summary>
    private static byte[]? Donor(IReadOnlyList<FuzzTarget> targets, int index)
    {
        for (int k = 1; k < targets.Count; k++)
        {
            var other = targets[(index + k) % targets.Count];
            if (other.Reader == targets[index].Reader && other.Input != targets[index].Input)
                return File.ReadAllBytes(Path.Combine(other.Folder, other.MutatedFile));
        }
        return null;
    }

    private static void RunTarget(FuzzTarget target, byte[]? donor, string folder, int cases, FuzzRunOptions options, ulong targetIndex,
        Accumulator acc, List<FuzzFailure> failures)
    {
        CopyFolder(target.Folder, folder);
        var mutatedPath = Path.Combine(folder, target.MutatedFile);
        var original = File.ReadAllBytes(mutatedPath);
        // The unmutated input sets the memory baseline (its own failure is reported too: a seed must load).
        var baseline = RunCase(target, folder, options.CaseLimit);
        if (baseline.Problem is not null)
            failures.Add(new FuzzFailure(target.Reader, target.Input, 0, $"the unmutated input fails: {baseline.Problem}"));
        for (int c = 0; c < cases; c++)
        {
            ulong caseSeed = Mix(options.Seed, targetIndex, (ulong)c);
            var mutated = ByteMutator.Mutate(original, caseSeed, donor);
            if (target.Repair is not null) mutated = target.Repair(mutated);
            File.WriteAllBytes(mutatedPath, mutated);
            var outcome = RunCase(target, folder, options.CaseLimit);
            acc.Cases++;
            acc.MaxMilliseconds = Math.Max(acc.MaxMilliseconds, outcome.Milliseconds);
            acc.MaxAllocated = Math.Max(acc.MaxAllocated, outcome.Allocated);
            long bound = options.AllocationAllowance + options.AllocationPerBaseline * baseline.Allocated + (long)options.AllocationPerInputByte * mutated.Length;
            string? problem = outcome.Problem;
            if (problem is null && outcome.Allocated > bound)
                problem = $"allocated {outcome.Allocated / (1 << 20)} MiB for a {mutated.Length}-byte file (bound {bound / (1 << 20)} MiB)";
            if (problem is null)
            {
                if (outcome.Loaded) acc.Loaded++; else acc.Rejected++;
                continue;
            }
            acc.Failures++;
            failures.Add(new FuzzFailure(target.Reader, target.Input, caseSeed, problem));
            if (outcome.Hung)
            {
                // The stuck case still holds the folder: carry on in a fresh copy.
                folder += "h";
                CopyFolder(target.Folder, folder);
                mutatedPath = Path.Combine(folder, target.MutatedFile);
            }
        }
        File.WriteAllBytes(mutatedPath, original);
    }

    private readonly record struct Outcome(bool Loaded, string? Problem, double Milliseconds, long Allocated, bool Hung);

    private static Outcome RunCase(FuzzTarget target, string folder, TimeSpan limit)
    {
        bool loaded = false;
        string? problem = null;
        long allocated = 0;
        var clock = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                target.Load(folder);
                loaded = true;
            }
            catch (Exception e) when (target.IsDocumented(e))
            {
            }
            catch (Exception e)
            {
                problem = $"{e.GetType().Name}: {FirstLine(e.Message)} at {FirstFrames(e)}";
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }, maxStackSize: 16 << 20) { IsBackground = true, Name = "fuzz case" };
        thread.Start();
        if (!thread.Join(limit))
            return new Outcome(false, $"no result after {limit.TotalSeconds:0} s (hang)", clock.Elapsed.TotalMilliseconds, 0, Hung: true);
        double ms = clock.Elapsed.TotalMilliseconds;
        return new Outcome(loaded, problem, ms, allocated, Hung: false);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    private static string FirstFrames(Exception e) =>
        string.Join(" < ", (e.StackTrace ?? "").Split('\n').Take(3).Select(l => l.Trim().Replace("at ", "", StringComparison.Ordinal)));

    /// <summary>SplitMix64 of the run seed, target and case: independent, reproducible case seeds.</summary>
    public static ulong Mix(ulong seed, ulong target, ulong index)
    {
        ulong z = seed * 0x9E3779B97F4A7C15UL ^ (target + 1) * 0xBF58476D1CE4E5B9UL ^ (index + 1) * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var sub in Directory.GetDirectories(source))
            CopyFolder(sub, Path.Combine(target, Path.GetFileName(sub)));
    }

    private sealed class Accumulator
    {
        public int Inputs, Cases, Loaded, Rejected, Failures;
        public double MaxMilliseconds;
        public long MaxAllocated;
    }
}
