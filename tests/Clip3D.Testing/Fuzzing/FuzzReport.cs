using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Clip3D.Testing.Fuzzing;

/// <summary>The outcome of a <see cref="FuzzRunner"/> run: per reader and in all, with every failure.</summary>
public sealed record FuzzReport(ulong Seed, IReadOnlyList<FuzzReaderStats> Readers, IReadOnlyList<FuzzFailure> Failures, double Seconds, long PeakWorkingSetBytes)
{
    public int Cases => Readers.Sum(r => r.Cases);

    /// <summary>One line: cases, inputs, outcome counts, time, peak memory.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Cases} cases over {Readers.Sum(r => r.Inputs)} inputs of {Readers.Count} readers in {Seconds:0.0} s (seed {Seed}): " +
        $"{Readers.Sum(r => r.Loaded)} loaded, {Readers.Sum(r => r.Rejected)} refused with the documented exception, {Failures.Count} failures; " +
        $"slowest case {Readers.Max(r => r.MaxCaseMilliseconds):0} ms, peak working set {PeakWorkingSetBytes / (1 << 20)} MiB");

    /// <summary>
    /// Rows of the README's reliability table (part "fuzz"), one per reader: inputs, cases (loaded / refused),
    /// failures in this run and <paramref name="fixedBefore"/> (what earlier runs found and what was fixed, per
    /// reader), the slowest case, and memory (the most one case allocated / the run's peak working set).
    /// </summary>
    public string MarkdownRows(IReadOnlyDictionary<string, string>? fixedBefore = null)
    {
        var text = new StringBuilder();
        foreach (var r in Readers)
        {
            var found = fixedBefore is not null && fixedBefore.TryGetValue(r.Reader, out var f) ? f : "none";
            text.Append(CultureInfo.InvariantCulture,
                $"| fuzz | {r.Reader} | {r.Inputs} | {r.Cases:N0} ({r.Loaded:N0} loaded, {r.Rejected:N0} refused) | {r.Failures} | {found} | " +
                $"{r.MaxCaseMilliseconds:0} ms | {Math.Max(1, (r.MaxAllocatedBytes + (1 << 19)) >> 20)} MiB / {PeakWorkingSetBytes >> 20} MiB |\n");
        }
        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        seed = Seed,
        cases = Cases,
        seconds = Math.Round(Seconds, 1),
        peakWorkingSetBytes = PeakWorkingSetBytes,
        readers = Readers.Select(r => new
        {
            reader = r.Reader, inputs = r.Inputs, cases = r.Cases, loaded = r.Loaded, rejected = r.Rejected, failures = r.Failures,
            maxCaseMilliseconds = Math.Round(r.MaxCaseMilliseconds, 1), maxAllocatedBytes = r.MaxAllocatedBytes,
        }),
        failures = Failures.Select(f => new { reader = f.Reader, input = f.Input, caseSeed = f.CaseSeed, problem = f.Problem }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
