using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Clip3D.Mesh.IO;

/// <summary>
/// Writes that never leave a half-written file where a good one was: data goes to a temporary file in the same
/// folder, which is flushed and synced to disk (fsync), closed and renamed over the target; on Linux the folder is
/// synced too, so the rename itself survives a power loss. A failed write deletes its temporary file; one left by a
/// process that died mid-write (a kill, a power loss) is deleted by the next write of the same target.
/// </summary>
public static class AtomicFile
{
    private const string TemporarySuffix = ".tmp";

    private static readonly AsyncLocal<Action<AtomicWriteStep>?> FaultHook = new();

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(full);
        var temp = Path.Combine(directory, $"{TemporaryPrefix(full)}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}{TemporarySuffix}");
        var hook = FaultHook.Value;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                hook?.Invoke(AtomicWriteStep.TemporaryCreated);
                if (hook is null)
                    write(stream);
                else
                    using (var observed = new ObservedStream(stream, hook))
                        write(observed);
                stream.Flush();
                hook?.Invoke(AtomicWriteStep.BeforeFileSync);
                // fsync before the rename: otherwise a power loss can leave the new name on a file whose blocks never
                // reached the disk (an empty or partial file where the old one was).
                stream.Flush(flushToDisk: true);
            }
            hook?.Invoke(AtomicWriteStep.AfterFileSync);
            hook?.Invoke(AtomicWriteStep.BeforeRename);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
        hook?.Invoke(AtomicWriteStep.AfterRename);
        SyncDirectory(directory);
        hook?.Invoke(AtomicWriteStep.AfterDirectorySync);
    }

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, s => s.Write(copy));
    }

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>Whether <paramref name="fileName"/> is the name of one of this class's temporary files.</summary>
    public static bool IsTemporaryFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.StartsWith('.') && fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal) && TemporaryOwner(fileName) is not null;
    }

    /// <summary>
    /// Calls <paramref name="hook"/> at every <see cref="AtomicWriteStep"/> of the writes made by this async flow (this
    /// thread and what it starts) until the result is disposed; an exception from the hook is a fault at that step.
    /// For tests only: other threads' writes are not affected.
    /// </summary>
    internal static IDisposable InjectFaults(Action<AtomicWriteStep> hook)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var previous = FaultHook.Value;
        FaultHook.Value = hook;
        return new HookScope(previous);
    }

    private sealed class HookScope(Action<AtomicWriteStep>? previous) : IDisposable
    {
        public void Dispose() => FaultHook.Value = previous;
    }

    /// <summary>".name." — the start of every temporary file of the target <paramref name="full"/>.</summary>
    private static string TemporaryPrefix(string full) => $".{Path.GetFileName(full)}.";

    /// <summary>The process id in a temporary file's name (".name.PID.GUID.tmp"), or null when it has none.</summary>
    private static int? TemporaryOwner(string fileName)
    {
        var parts = fileName[..^TemporarySuffix.Length].Split('.');
        return parts.Length >= 4 && parts[^1].Length == 32 && int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    /// <summary>Deletes the target's temporary files whose writing process is gone (killed mid-write).</summary>
    private static void RemoveStaleTemporaries(string full)
    {
        var directory = Path.GetDirectoryName(full)!;
        var prefix = TemporaryPrefix(full);
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, prefix + "*" + TemporarySuffix).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            var name = Path.GetFileName(candidate);
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || TemporaryOwner(name) is not int owner)
                continue;
            // This process's own temporaries belong to writes still running on other threads.
            if (owner == Environment.ProcessId || IsRunning(owner))
                continue;
            try { File.Delete(candidate); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// fsync of the folder, so that the rename is on disk too (Linux: a rename is durable only once its folder is
    /// synced). Best effort: a file system that cannot sync folders has the data already.
    /// </summary>
    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() || !_canSyncDirectories)
            return;
        try
        {
            int fd = LinuxFiles.Open(directory, LinuxFiles.ReadOnly | LinuxFiles.CloseOnExec);
            if (fd < 0)
                return;
            LinuxFiles.Fsync(fd);
            LinuxFiles.Close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library that cannot be bound (not glibc's names): the data is synced already, the folder cannot be.
            _canSyncDirectories = false;
        }
    }

    private static bool _canSyncDirectories = true;

    private static class LinuxFiles
    {
        // O_RDONLY and O_CLOEXEC have these values on every Linux architecture .NET runs on; a folder opens read-only.
        public const int ReadOnly = 0;
        public const int CloseOnExec = 0x80000;

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);
    }

    /// <summary>The write callback's view of the temporary file: every write and flush is a step for the fault hook.</summary>
    private sealed class ObservedStream(FileStream inner, Action<AtomicWriteStep> hook) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => true;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Flush()
        {
            inner.Flush();
            hook(AtomicWriteStep.Flushed);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            hook(AtomicWriteStep.Written);
        }

        public override void WriteByte(byte value)
        {
            inner.WriteByte(value);
            hook(AtomicWriteStep.Written);
        }
    }
}
