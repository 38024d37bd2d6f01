using Clip3D.Mesh.IO;
using Xunit;

namespace Clip3D.Mesh.Tests.IO;

/// <summary>
/// Fault injection at every step of an <see cref="AtomicFile"/> save (shared by the test projects of every stage that
/// saves files): the save is run once to list its steps, then once per step with a fault there, in two forms — an I/O
/// error at that step (the save fails and must clean up), and a crash at that step (the folder as a kill there would
/// leave it, taken before the save goes on). After each, the target must be the old file byte for byte (or the new one
/// whole, once the rename is done), nothing but temporary files may lie beside it, and the next save must succeed.
/// </summary>
internal static class AtomicWriteFaults
{
    /// <summary>The injected I/O error.</summary>
    public sealed class InjectedFault(AtomicWriteStep step, int index) : IOException($"injected fault at step {index} ({step})")
    {
        public AtomicWriteStep Step { get; } = step;
    }

    /// <summary>What one run over every step found.</summary>
    public sealed record Summary(int Steps, int Faults, int Crashes, int OldKept, int NewWhole);

    /// <summary>The steps one call of <paramref name="save"/> goes through, in order.</summary>
    public static List<AtomicWriteStep> Steps(Action save)
    {
        var steps = new List<AtomicWriteStep>();
        using (AtomicFile.InjectFaults(steps.Add))
            save();
        return steps;
    }

    /// <summary>
    /// Saves over an existing <paramref name="target"/> with a fault, then a crash, at every step of
    /// <paramref name="save"/>; checks what is left each time with <paramref name="isWholeNew"/> (whether bytes are a
    /// complete new file) and <paramref name="isReadable"/> (the target loads). <paramref name="save"/> must write the
    /// same content every time; <paramref name="expectedFault"/> says whether an exception is the injected one (a
    /// wrapper such as IndexFileException may carry it as inner exception).
    /// </summary>
    public static Summary EveryStep(string target, Action save, Func<byte[], bool> isWholeNew, Action isReadable, Func<Exception, bool> expectedFault)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        var steps = Steps(save);
        Assert.Contains(AtomicWriteStep.BeforeFileSync, steps);
        Assert.Contains(AtomicWriteStep.AfterDirectorySync, steps);
        int renamed = steps.IndexOf(AtomicWriteStep.AfterRename);
        Assert.True(steps.IndexOf(AtomicWriteStep.AfterFileSync) < steps.IndexOf(AtomicWriteStep.BeforeRename), "the temporary file is synced before the rename");
        int oldKept = 0, newWhole = 0;
        var old = File.ReadAllBytes(target);
        Assert.False(isWholeNew(old) && old.Length == 0);

        for (int at = 0; at < steps.Count; at++)
        {
            // An I/O error at this step: the save throws it, and cleans up after itself.
            Reset(target, old, folder);
            var thrown = Record.Exception(() => Run(at, save, folder, snapshot: null));
            Assert.True(thrown is not null && expectedFault(thrown), $"step {at} ({steps[at]}): expected the injected fault, got {thrown}");
            var after = File.ReadAllBytes(target);
            if (at < renamed)
            {
                Assert.Equal(old, after);
                oldKept++;
            }
            else
            {
                Assert.True(isWholeNew(after), $"step {at} ({steps[at]}): the target is neither the old file nor a whole new one");
                newWhole++;
            }
            Assert.Equal([Path.GetFileName(target)], Directory.GetFiles(folder).Select(Path.GetFileName));

            // A crash at this step: what the folder held at that instant.
            Reset(target, old, folder);
            var files = new Dictionary<string, byte[]?>();
            Record.Exception(() => Run(at, save, folder, files));
            Assert.True(files.TryGetValue(Path.GetFileName(target), out var crashed) && crashed is not null, $"step {at}: the target vanished");
            Assert.True(crashed.AsSpan().SequenceEqual(old) || isWholeNew(crashed), $"step {at} ({steps[at]}): a crash there leaves a target that is neither old nor whole");
            Assert.All(files.Keys.Where(name => name != Path.GetFileName(target)), name => Assert.True(AtomicFile.IsTemporaryFileName(name), $"{name} left beside the target"));

            // And the next save succeeds.
            save();
            Assert.True(isWholeNew(File.ReadAllBytes(target)));
            isReadable();
            Assert.Equal([Path.GetFileName(target)], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        return new Summary(steps.Count, steps.Count, steps.Count, oldKept, newWhole);
    }

    private static void Reset(string target, byte[] old, string folder)
    {
        foreach (var file in Directory.GetFiles(folder))
            File.Delete(file);
        File.WriteAllBytes(target, old);
    }

    /// <summary>Runs the save with a fault at step <paramref name="at"/>; with <paramref name="snapshot"/>, records the folder there first.</summary>
    private static void Run(int at, Action save, string folder, Dictionary<string, byte[]?>? snapshot)
    {
        int step = 0;
        using (AtomicFile.InjectFaults(kind =>
        {
            if (step++ != at) return;
            if (snapshot is not null)
                foreach (var file in Directory.GetFiles(folder))
                {
                    // The temporary file is open for writing (and locked): its name is what matters.
                    var name = Path.GetFileName(file);
                    snapshot[name] = AtomicFile.IsTemporaryFileName(name) ? null : File.ReadAllBytes(file);
                }
            throw new InjectedFault(kind, at);
        }))
            save();
    }
}
