using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Clip3D.Fields.Index;

/// <summary>
/// Reads and validates the layout of <see cref="IndexLayout"/>. Every length is checked against the bytes left in
/// the file before anything is allocated, and every failure is an <see cref="IndexFileException"/>.
/// </summary>
internal sealed class IndexFileReader
{
    private readonly string _path;
    private readonly SafeFileHandle _handle;
    private readonly long _length;

    private IndexFileReader(string path, SafeFileHandle handle)
    {
        _path = path;
        _handle = handle;
        _length = RandomAccess.GetLength(handle);
    }

    public static IndexFile Read(string path, IndexReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IndexFileException(path, "cannot open: no such file", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexFileException(path, $"cannot open: {e.Message}", e);
        }
        using (handle)
        {
            try
            {
                return new IndexFileReader(path, handle).Read(options);
            }
            catch (OutOfMemoryException e)
            {
                throw new IndexFileException(path, "not enough memory to load the index", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IndexFileException(path, $"cannot read: {e.Message}", e);
            }
        }
    }

    private IndexFile Read(IndexReadOptions options)
    {
        // Preamble: magic, version (checked before anything else so that other versions get that message), header.
        if (_length == 0)
            throw Fail("empty file, not a Clip3D index");
        Span<byte> preamble = stackalloc byte[IndexLayout.PreambleLength];
        var available = (int)Math.Min(_length, IndexLayout.PreambleLength);
        ReadAt(0, preamble[..available], "the preamble");
        var magicBytes = Math.Min(available, IndexLayout.Magic.Length);
        if (!preamble[..magicBytes].SequenceEqual(IndexLayout.Magic[..magicBytes]))
            throw Fail("not a Clip3D index (the file does not start with \"C3DINDEX\")");
        if (available < 12)
            throw Truncated("the preamble", 0, IndexLayout.PreambleLength);
        var version = BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..]);
        if (version != IndexFile.FormatVersion)
            throw Fail($"format version {version}, this build reads version {IndexFile.FormatVersion}");
        if (available < IndexLayout.PreambleLength)
            throw Truncated("the preamble", 0, IndexLayout.PreambleLength);
        var headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[12..]);
        var headerChecksum = BinaryPrimitives.ReadUInt64LittleEndian(preamble[16..]);
        if (headerLength > IndexLayout.MaxHeaderBytes)
            throw Fail($"header of {headerLength:N0} bytes, more than the limit of {IndexLayout.MaxHeaderBytes:N0}");
        long position = IndexLayout.PreambleLength;
        RequireBytes(position, headerLength, "the header");
        var headerBytes = new byte[headerLength];
        ReadAt(position, headerBytes, "the header");
        if (XxHash64.HashToUInt64(headerBytes) != headerChecksum)
            throw Fail("header: checksum mismatch");
        var header = IndexHeader.Parse(headerBytes, _path, version);
        position += headerLength;

        if (options.ExpectedEncoder is { } expected && !header.Encoder.IsCompatibleWith(expected))
            throw Fail($"built with encoder {header.Encoder}, the query encoder is {expected} — rebuild the index");

        var entries = ReadTable(ref position);

        // Bounds, order and padding of every section, loaded or not; then the file must end where the last one does.
        var end = position;
        Span<byte> padding = stackalloc byte[IndexLayout.Alignment];
        foreach (var entry in entries)
        {
            if (entry.Offset > _length || entry.Length > _length - entry.Offset)
                throw Truncated($"section \"{entry.Name}\"", entry.Offset, entry.Length);
            if (entry.Offset < end || entry.Offset % IndexLayout.Alignment != 0)
                throw Fail($"section \"{entry.Name}\": data offset {entry.Offset} overlaps the table or the previous section, or is not a multiple of {IndexLayout.Alignment}");
            var paddingLength = (int)(entry.Offset - end);
            if (paddingLength >= IndexLayout.Alignment)
                throw Fail($"section \"{entry.Name}\": {paddingLength} bytes of padding before it, at most {IndexLayout.Alignment - 1}");
            ReadAt(end, padding[..paddingLength], $"padding before section \"{entry.Name}\"");
            if (padding[..paddingLength].ContainsAnyExcept((byte)0))
                throw Fail($"padding before section \"{entry.Name}\" is not zero (corrupted)");
            end = entry.Offset + entry.Length;
        }
        if (_length > end)
            throw Fail($"{_length - end:N0} unexpected bytes after the end of the index at byte {end}");

        var sections = new List<IndexSection>();
        foreach (var entry in entries)
        {
            if (options.Sections is { } wanted && !wanted.Contains(entry.Name))
                continue;
            if (entry.Length > Array.MaxLength)
                throw Fail($"section \"{entry.Name}\" is {IndexFile.FormatBytes(entry.Length)}, more than one array can hold");
            byte[] data;
            try
            {
                data = new byte[entry.Length];
            }
            catch (OutOfMemoryException e)
            {
                throw new IndexFileException(_path, $"not enough memory to load section \"{entry.Name}\" ({IndexFile.FormatBytes(entry.Length)})", e);
            }
            ReadAt(entry.Offset, data, $"section \"{entry.Name}\"");
            if (XxHash64.HashToUInt64(data) != entry.Checksum)
                throw Fail($"section \"{entry.Name}\": checksum mismatch");
            sections.Add(new IndexSection(entry.Name, entry.ElementType, [.. entry.Shape], data, _path));
        }
        return new IndexFile(_path, _length, header, entries, sections);
    }

    private List<IndexSectionEntry> ReadTable(ref long position)
    {
        var tableStart = position;
        RequireBytes(position, IndexLayout.TablePrefixLength, "the section table");
        Span<byte> prefix = stackalloc byte[IndexLayout.TablePrefixLength];
        ReadAt(position, prefix, "the section table");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        var entriesLength = BinaryPrimitives.ReadUInt32LittleEndian(prefix[4..]);
        if (count > IndexLayout.MaxSections)
            throw Fail($"section table: {count:N0} sections, at most {IndexLayout.MaxSections:N0}");
        if (entriesLength > (long)count * IndexLayout.MaxEntryBytes)
            throw Fail($"section table: {entriesLength:N0} bytes for {count} sections, at most {(long)count * IndexLayout.MaxEntryBytes:N0}");
        long tableLength = IndexLayout.TablePrefixLength + entriesLength + IndexLayout.ChecksumLength;
        RequireBytes(tableStart, tableLength, "the section table");
        var table = new byte[tableLength];
        ReadAt(tableStart, table, "the section table");
        var checksumAt = (int)tableLength - IndexLayout.ChecksumLength;
        if (XxHash64.HashToUInt64(table.AsSpan(0, checksumAt)) != BinaryPrimitives.ReadUInt64LittleEndian(table.AsSpan(checksumAt)))
            throw Fail("section table: checksum mismatch");

        var entries = new List<IndexSectionEntry>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var cursor = new TableCursor(this, table.AsSpan(IndexLayout.TablePrefixLength, (int)entriesLength));
        for (var i = 0; i < count; i++)
        {
            var where = $"section table: entry {i}";
            var nameLength = cursor.UInt16(where);
            string name;
            try
            {
                name = IndexSection.StrictUtf8.GetString(cursor.Bytes(nameLength, where));
            }
            catch (DecoderFallbackException)
            {
                throw Fail($"{where}: the name is not UTF-8");
            }
            if (IndexSection.NameProblem(name) is { } problem)
                throw Fail($"{where}: invalid name {IndexSection.Quote(name)} ({problem})");
            if (!names.Add(name))
                throw Fail($"section table: two sections are named \"{name}\"");
            where = $"section \"{name}\"";
            var type = (IndexElementType)cursor.Byte(where);
            if (!IndexElementTypes.IsDefined(type))
                throw Fail($"{where}: unknown element type {(byte)type}");
            var rank = cursor.Byte(where);
            if (rank > IndexSection.MaxRank)
                throw Fail($"{where}: rank {rank}, at most {IndexSection.MaxRank}");
            var shape = new int[rank];
            for (var d = 0; d < rank; d++)
                shape[d] = cursor.Int32(where);
            var offset = cursor.UInt64(where);
            var length = cursor.UInt64(where);
            var checksum = cursor.UInt64(where);
            var expected = IndexSection.ByteLength(type, shape, out var shapeProblem);
            if (shapeProblem is not null)
                throw Fail($"{where}: {shapeProblem}");
            if (length != (ulong)expected)
                throw Fail($"{where}: {length:N0} bytes, but shape {IndexSection.FormatShape(shape)} of {type} needs {expected:N0}");
            // An offset beyond any long lies beyond the file too; the bounds check after the table reports it.
            entries.Add(new IndexSectionEntry(name, type, shape, offset > long.MaxValue ? long.MaxValue : (long)offset, expected, checksum));
        }
        if (cursor.Remaining != 0)
            throw Fail($"section table: {cursor.Remaining} bytes after the last entry");
        position = tableStart + tableLength;
        return entries;
    }

    private void RequireBytes(long offset, long count, string what)
    {
        if (offset > _length || count > _length - offset)
            throw Truncated(what, offset, count);
    }

    private void ReadAt(long offset, Span<byte> destination, string what)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(_handle, destination[done..], offset + done);
            if (read <= 0)
                throw Fail($"truncated at byte {offset + done} while reading {what} (the file shrank while being read)");
            done += read;
        }
    }

    private IndexFileException Fail(string problem) => new(_path, problem);

    private IndexFileException Truncated(string what, long offset, long needed) =>
        Fail($"truncated at byte {_length} ({what} needs {needed:N0} bytes from byte {offset})");

    /// <summary>Reads fields of the table, failing with the entry's name when it ends early.</summary>
    private ref struct TableCursor(IndexFileReader reader, ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _bytes = bytes;

        public readonly int Remaining => _bytes.Length;

        public ReadOnlySpan<byte> Bytes(int count, string where)
        {
            if (count > _bytes.Length)
                throw reader.Fail($"{where}: the section table ends inside the entry");
            var result = _bytes[..count];
            _bytes = _bytes[count..];
            return result;
        }

        public byte Byte(string where) => Bytes(1, where)[0];
        public ushort UInt16(string where) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2, where));
        public int Int32(string where) => BinaryPrimitives.ReadInt32LittleEndian(Bytes(4, where));
        public ulong UInt64(string where) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, where));
    }
}
