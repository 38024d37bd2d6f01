using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Clip3D.Fields.Index;
using Clip3D.Mesh.IO;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Cli.Tests;

/// <summary>
/// Real <c>clip3d build</c> processes killed with SIGKILL at seeded random moments (a crash or a power loss, which no
/// handler sees): the index at <c>-o</c> is always the old one or a whole new one, nothing but temporary files is left
/// beside it, the view-feature cache holds only whole entries, and a later build cleans up, trusts no damaged entry
/// (one flipped, one truncated on disk) and gives the same index as before.
/// </summary>
public partial class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Kills = 3;
    private const int Seed = 20261130;
    private static readonly string Tabletop = Path.Combine(SharedAssets.RepositoryRoot, "scenes", "tabletop.glb");

    private static string[] Build(string output) =>
        ["build", Tabletop, "-o", output, "--preset", "lite", "--views", "2", "--close-ups", "0", "--size", "96x72", "--points", "1500", "--no-field"];

    [GeneratedRegex(@"(\d+) from the cache\)")]
    private static partial Regex FromTheCache();

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void BuildsKilledAtRandomPointsLeaveTheOldIndexOrAWholeOneAndACacheThatIsNeverTrustedBlindly()
    {
        CliRunner.RequireRendering();
        Skip.If(OperatingSystem.IsWindows(), "SIGKILL and the XDG cache folder are Unix things");
        using var dir = new TempDirectory();
        var outFolder = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outFolder);
        var index = Path.Combine(outFolder, "tabletop.c3d");
        var environment = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(dir.Path, "cache") };
        var views = Path.Combine(dir.Path, "cache", "clip3d", "views");
        byte[] current = "an older index"u8.ToArray();
        File.WriteAllBytes(index, current);

        // Kill moments spread over a build's phases: a seeded delay after the start (loading), after the "load" line
        // (rendering, embedding, writing cache entries) or after the "views" line (fusing, saving the index).
        (string? Trigger, double MaxSeconds)[] phases = [(null, 3), ("load ", 4), ("views ", 0.8)];
        var random = new Random(Seed);
        int killed = 0, finished = 0, replaced = 0;
        for (int k = 0; k < Kills; k++)
        {
            var (trigger, maxSeconds) = phases[k % phases.Length];
            var delay = TimeSpan.FromSeconds(maxSeconds * random.NextDouble());
            using var reached = new ManualResetEventSlim(trigger is null);
            using (var child = ChildClip3d.Start(Build(index), environment, line =>
            {
                if (trigger is not null && line.StartsWith(trigger, StringComparison.Ordinal)) reached.Set();
            }))
            {
                while (!reached.Wait(100) && !child.Process.HasExited)
                {
                }
                if (child.Process.WaitForExit(delay))
                {
                    child.WaitForExit(TimeSpan.FromMinutes(1));
                    Assert.True(child.Process.ExitCode == 0, $"exit {child.Process.ExitCode}: {string.Join(" | ", child.Stderr)}");
                    finished++;
                }
                else
                {
                    var last = child.Stderr.LastOrDefault() ?? "(nothing printed yet)";
                    child.KillHard();
                    killed++;
                    output.WriteLine($"kill {killed}: {delay.TotalSeconds:F2} s after {trigger ?? "the start"}; last line: {last}");
                }
            }
            var after = File.ReadAllBytes(index);
            if (!after.AsSpan().SequenceEqual(current))
            {
                // Not the old one: then a whole index, every checksum right.
                Assert.NotEmpty(IndexFile.Read(index).Sections);
                current = after;
                replaced++;
            }
            AssertOnlyTemporariesBeside(outFolder, index);
            AssertCacheEntriesWhole(views);
        }
        Assert.True(killed >= 1, "no build was killed");

        // A build to the end: it uses what the killed ones cached, and replaces the index whole.
        int cachedBefore = Entries(views).Length;
        var first = RunToTheEnd(index, environment);
        Assert.Equal(cachedBefore, CachedViews(first));
        var expected = IndexFile.Read(index);
        Assert.Equal(2, Entries(views).Length);

        // Damage both entries on disk: a flipped byte and a truncation. The next build detects both, recomputes both.
        var entries = Entries(views);
        var flipped = File.ReadAllBytes(entries[0]);
        flipped[flipped.Length / 3] ^= 0x10;
        File.WriteAllBytes(entries[0], flipped);
        var truncated = File.ReadAllBytes(entries[1]);
        File.WriteAllBytes(entries[1], truncated[..(truncated.Length / 2)]);
        var again = RunToTheEnd(index, environment);
        Assert.Equal(0, CachedViews(again));
        Assert.Equal(2, again.Count(line => line.Contains("Deleting it; the view's features are recomputed.", StringComparison.Ordinal)));
        AssertCacheEntriesWhole(views);
        Assert.Equal(2, Entries(views).Length);

        // Nothing lost: the same index as before the damage, and no temporary file left anywhere.
        var rebuilt = IndexFile.Read(index);
        Assert.Equal(expected.Sections.Select(s => s.Name), rebuilt.Sections.Select(s => s.Name));
        foreach (var section in expected.Sections)
            Assert.True(section.Data.Span.SequenceEqual(rebuilt.GetSection(section.Name).Data.Span), $"section {section.Name} differs after the rebuild");
        Assert.Equal([index], Directory.GetFiles(outFolder));
        Assert.DoesNotContain(Directory.GetFiles(views), file => AtomicFile.IsTemporaryFileName(Path.GetFileName(file)));
        output.WriteLine($"reliability: clip3d build SIGKILLed {killed} times, {finished} ran to the end first (seed {Seed}); index replaced whole {replaced} times, never half-written; 2 damaged cache entries detected and rebuilt; lost 0");
    }

    /// <summary>A build run to the end: its standard output and error lines.</summary>
    private static List<string> RunToTheEnd(string index, Dictionary<string, string> environment)
    {
        using var child = ChildClip3d.Start(Build(index), environment);
        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(3)), "the build did not end: " + string.Join(" | ", child.Stderr));
        Assert.True(child.Process.ExitCode == 0, $"exit {child.Process.ExitCode}: {string.Join(" | ", child.Stderr)}");
        return [.. child.Stdout, .. child.Stderr];
    }

    private static int CachedViews(IEnumerable<string> stderr)
    {
        var match = stderr.Select(line => FromTheCache().Match(line)).Single(m => m.Success);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string[] Entries(string views) =>
        Directory.Exists(views) ? [.. Directory.GetFiles(views, "*.c3dvf").Order(StringComparer.Ordinal)] : [];

    private static void AssertOnlyTemporariesBeside(string folder, string index)
    {
        foreach (var file in Directory.GetFileSystemEntries(folder))
            Assert.True(file == index || AtomicFile.IsTemporaryFileName(Path.GetFileName(file)), $"{file} left beside the index");
    }

    /// <summary>Every entry ends with the SHA-256 of what precedes it (the cache's format): a killed write leaves none half-done.</summary>
    private static void AssertCacheEntriesWhole(string views)
    {
        if (!Directory.Exists(views)) return;
        foreach (var file in Directory.GetFiles(views))
        {
            var name = Path.GetFileName(file);
            if (AtomicFile.IsTemporaryFileName(name)) continue;
            Assert.EndsWith(".c3dvf", name, StringComparison.Ordinal);
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.Length > 32 && SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32)), $"{name} is not whole");
        }
    }
}
