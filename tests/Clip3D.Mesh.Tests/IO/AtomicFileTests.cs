using System.Diagnostics;
using Clip3D.Mesh.IO;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Mesh.Tests.IO;

/// <summary>The write steps of <see cref="AtomicFile"/>, faults and crashes at each, and what a killed writer leaves.</summary>
public class AtomicFileTests(ITestOutputHelper output)
{
    [Fact]
    public void AWriteSyncsTheTemporaryFileBeforeTheRenameAndTheFolderAfter()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "data.bin");
        var steps = AtomicWriteFaults.Steps(() => AtomicFile.Write(path, s =>
        {
            s.Write([1, 2, 3]);
            s.Flush();
            s.WriteByte(4);
        }));
        Assert.Equal(
        [
            AtomicWriteStep.TemporaryCreated, AtomicWriteStep.Written, AtomicWriteStep.Flushed, AtomicWriteStep.Written,
            AtomicWriteStep.BeforeFileSync, AtomicWriteStep.AfterFileSync, AtomicWriteStep.BeforeRename,
            AtomicWriteStep.AfterRename, AtomicWriteStep.AfterDirectorySync,
        ], steps);
        Assert.Equal([1, 2, 3, 4], File.ReadAllBytes(path));
    }

    [Fact]
    public void AFaultOrACrashAtEveryStepLeavesTheOldFileOrTheWholeNewOne()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "data.bin");
        var old = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var next = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(path, old);
        // Three writes and a flush in the middle, as the index writer does on a larger scale.
        var summary = AtomicWriteFaults.EveryStep(path,
            () => AtomicFile.Write(path, s =>
            {
                s.Write(next.AsSpan(0, 1000));
                s.Flush();
                s.Write(next.AsSpan(1000, 1000));
                s.Write(next.AsSpan(2000));
            }),
            bytes => bytes.AsSpan().SequenceEqual(next),
            () => Assert.Equal(next, File.ReadAllBytes(path)),
            e => e is AtomicWriteFaults.InjectedFault);
        Assert.Equal(10, summary.Steps);
        Assert.Equal(8, summary.OldKept); // every step up to the rename
        output.WriteLine($"reliability: AtomicFile: {summary.Steps} steps × (fault + crash), old kept {summary.OldKept}, new whole {summary.NewWhole}, lost 0");
    }

    [Fact]
    public void ATemporaryOfAKilledWriterIsDeletedByTheNextWriteOfItsTarget()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "scene.c3d");
        File.WriteAllBytes(path, [9]);
        int dead = ExitedProcessId();
        string guid = new('a', 32);
        var stale = Path.Combine(folder.Path, $".scene.c3d.{dead}.{guid}.tmp");
        var live = Path.Combine(folder.Path, $".scene.c3d.{Environment.ProcessId}.{guid}.tmp"); // a write still running here
        var otherTarget = Path.Combine(folder.Path, $".other.c3d.{dead}.{guid}.tmp");
        var notOurs = Path.Combine(folder.Path, ".scene.c3d.notes.tmp");
        foreach (var file in new[] { stale, live, otherTarget, notOurs })
            File.WriteAllBytes(file, [1, 2]);
        Assert.True(AtomicFile.IsTemporaryFileName(Path.GetFileName(stale)));
        Assert.False(AtomicFile.IsTemporaryFileName(Path.GetFileName(notOurs)));

        AtomicFile.WriteAllBytes(path, [7, 7]);
        Assert.Equal([7, 7], File.ReadAllBytes(path));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(otherTarget));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void FaultsReachOnlyTheFlowThatAskedForThem()
    {
        using var folder = new TempDirectory();
        var mine = Path.Combine(folder.Path, "mine.bin");
        var theirs = Path.Combine(folder.Path, "theirs.bin");
        // A thread started before the faults were asked for: another flow (threads started later inherit them).
        using var go = new ManualResetEventSlim();
        var other = new Thread(() =>
        {
            go.Wait();
            AtomicFile.WriteAllBytes(theirs, [1]);
        });
        other.Start();
        using (AtomicFile.InjectFaults(step => throw new AtomicWriteFaults.InjectedFault(step, 0)))
        {
            go.Set();
            other.Join();
            Assert.Throws<AtomicWriteFaults.InjectedFault>(() => AtomicFile.WriteAllBytes(mine, [1]));
        }
        Assert.True(File.Exists(theirs));
        Assert.False(File.Exists(mine));
        AtomicFile.WriteAllBytes(mine, [2]);
        Assert.Equal([2], File.ReadAllBytes(mine));
    }

    /// <summary>The id of a process that has exited (and whose id no process holds now).</summary>
    private static int ExitedProcessId()
    {
        for (int attempt = 0; ; attempt++)
        {
            using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
            process.WaitForExit();
            int id = process.Id;
            try
            {
                using var again = Process.GetProcessById(id);
                if (attempt > 20) throw new InvalidOperationException("every exited process id was taken again");
            }
            catch (ArgumentException)
            {
                return id;
            }
        }
    }
}
