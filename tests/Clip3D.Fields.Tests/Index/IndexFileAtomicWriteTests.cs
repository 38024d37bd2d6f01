using System.Buffers;
using Clip3D.Fields.Index;
using Clip3D.Testing;
using Xunit;
using static Clip3D.Fields.Tests.Index.IndexTestData;

namespace Clip3D.Fields.Tests.Index;

public sealed class IndexFileAtomicWriteTests
{
    /// <summary>Section data whose bytes cannot be read: the write fails when it reaches them.</summary>
    private sealed class FailingData(int length, Action onRead) : MemoryManager<byte>
    {
        public Memory<byte> Create() => CreateMemory(length);
        public override Span<byte> GetSpan()
        {
            onRead();
            throw new InvalidOperationException("the feature source failed");
        }
        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();
        public override void Unpin() { }
        protected override void Dispose(bool disposing) { }
    }

    [Fact]
    public void SourceFailingMidWrite_LeavesTheOldFileAndNoTemporary()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        IndexFile.Write(path, Header(), Sections());
        var before = File.ReadAllBytes(path);

        string[]? filesWhenFailing = null;
        var failing = new FailingData(4 * 6, () => filesWhenFailing = Directory.GetFiles(dir.Path));
        var sections = new[] { IndexSection.FromInts("labels", [1, 2]), new IndexSection("features", IndexElementType.Float32, [2, 3], failing.Create()) };

        var e = Assert.Throws<InvalidOperationException>(() => IndexFile.Write(path, Header(), sections));
        Assert.Equal("the feature source failed", e.Message);
        // The failure came mid-write: a temporary file beside the target already held the start of the new index.
        Assert.NotNull(filesWhenFailing);
        Assert.Contains(filesWhenFailing, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
        Assert.Equal(7, IndexFile.Read(path).Sections.Count);
    }

    [Fact]
    public void TargetThatCannotBeReplaced_IsAnIndexFileException_AndNoTemporaryIsLeft()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "a-folder.c3d");
        Directory.CreateDirectory(target);
        var e = Assert.Throws<IndexFileException>(() => IndexFile.Write(target, Header(), Sections()));
        Assert.StartsWith($"{target}: cannot write: ", e.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
        Assert.True(Directory.Exists(target));
    }

    [Fact]
    public void AFileWhereTheFolderShouldBe_IsACannotWriteErrorThatCreatesNothing()
    {
        // (A read-only folder would be the classic failure, but root, which CI may run as, ignores permissions.)
        using var dir = new TempDirectory();
        var blocker = Path.Combine(dir.Path, "not-a-folder");
        File.WriteAllText(blocker, "x");
        var path = Path.Combine(blocker, "scene.c3d");
        var e = Assert.Throws<IndexFileException>(() => IndexFile.Write(path, Header(), Sections()));
        Assert.StartsWith($"{path}: cannot write: ", e.Message);
        Assert.Equal([blocker], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void InvalidInput_IsRejectedBeforeTouchingTheDisk()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "scene.c3d");
        var twice = new[] { IndexSection.FromInts("a", [1]), IndexSection.FromInts("a", [2]) };
        Assert.Contains("two sections are named \"a\"", Assert.Throws<ArgumentException>(() => IndexFile.Write(path, Header(), twice)).Message);
        var zeroDimension = IndexTestData.Encoder with { Dimension = 0 };
        Assert.Contains("encoder dimension 0", Assert.Throws<ArgumentException>(() => IndexFile.Write(path, Header(zeroDimension), [])).Message);
        var clash = new IndexHeader { CreatedBy = "t", Scene = Header().Scene, Encoder = IndexTestData.Encoder, Extensions = new() { ["scene"] = 1 } };
        Assert.Contains("\"scene\" is a header field", Assert.Throws<ArgumentException>(() => IndexFile.Write(path, clash, [])).Message);
        var infinite = new IndexHeader { CreatedBy = "t", Scene = new IndexScene("h", "s", Clip3D.Mesh.Bounds.Empty), Encoder = IndexTestData.Encoder };
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => IndexFile.Write(path, infinite, [])).Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }
}
