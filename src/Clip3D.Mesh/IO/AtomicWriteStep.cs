namespace Clip3D.Mesh.IO;

/// <summary>
/// The steps of one <see cref="AtomicFile"/> write, in the order they happen; a fault hook
/// (<see cref="AtomicFile.InjectFaults"/>) is called at each, so that tests can fail or "crash" the write there.
/// </summary>
internal enum AtomicWriteStep
{
    /// <summary>The temporary file beside the target exists, empty.</summary>
    TemporaryCreated,

    /// <summary>After each write to the temporary file (the hook is called once per write call).</summary>
    Written,

    /// <summary>After each flush of the temporary file's buffers to the operating system.</summary>
    Flushed,

    /// <summary>Every byte is written; the temporary file is not yet synced to the disk.</summary>
    BeforeFileSync,

    /// <summary>The temporary file is synced to the disk (fsync) and closed.</summary>
    AfterFileSync,

    /// <summary>Just before the temporary file is renamed over the target.</summary>
    BeforeRename,

    /// <summary>The target is the new file; its folder's entry is not yet synced.</summary>
    AfterRename,

    /// <summary>The folder is synced (on Linux), so the rename survives a power loss.</summary>
    AfterDirectorySync,
}
