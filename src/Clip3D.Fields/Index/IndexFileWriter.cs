using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Clip3D.Mesh.IO;

namespace Clip3D.Fields.Index;

/// <summary>Writes the layout of <see cref="IndexLayout"/> through <see cref="AtomicFile"/>.</summary>
internal static class IndexFileWriter
{
    public static void Write(string path, IndexHeader header, IEnumerable<IndexSection> sections)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(sections);
        var list = sections.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in list)
        {
            ArgumentNullException.ThrowIfNull(section, nameof(sections));
            if (!names.Add(section.Name))
                throw new ArgumentException($"two sections are named \"{section.Name}\"", nameof(sections));
        }
        if (list.Count > IndexLayout.MaxSections)
            throw new ArgumentException($"{list.Count} sections, at most {IndexLayout.MaxSections}", nameof(sections));
        var headerBytes = header.ToJsonBytes();
        if (headerBytes.Length > IndexLayout.MaxHeaderBytes)
            throw new ArgumentException($"the header is {headerBytes.Length:N0} bytes, at most {IndexLayout.MaxHeaderBytes:N0}", nameof(header));

        var tableLength = list.Sum(IndexLayout.EntryLength);
        long position = IndexLayout.PreambleLength + headerBytes.Length + IndexLayout.TablePrefixLength + tableLength + IndexLayout.ChecksumLength;
        var offsets = new long[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            offsets[i] = IndexLayout.Align(position);
            position = offsets[i] + list[i].Data.Length;
        }

        try
        {
            AtomicFile.Write(path, stream => WriteContent(stream, headerBytes, list, offsets, tableLength));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IndexFileException(path, $"cannot write: {e.Message}", e);
        }
    }

    private static void WriteContent(Stream stream, byte[] headerBytes, List<IndexSection> sections, long[] offsets, int tableLength)
    {
        Span<byte> preamble = stackalloc byte[IndexLayout.PreambleLength];
        IndexLayout.Magic.CopyTo(preamble);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[8..], (uint)IndexFile.FormatVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(preamble[12..], (uint)headerBytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(preamble[16..], XxHash64.HashToUInt64(headerBytes));
        stream.Write(preamble);
        stream.Write(headerBytes);

        // The sections' checksums are computed only now, with the preamble already in the temporary file: a data
        // source that fails here fails mid-write, which AtomicFile turns into "old file untouched, no temporary left".
        var table = new byte[IndexLayout.TablePrefixLength + tableLength + IndexLayout.ChecksumLength];
        BinaryPrimitives.WriteUInt32LittleEndian(table, (uint)sections.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(table.AsSpan(4), (uint)tableLength);
        var at = IndexLayout.TablePrefixLength;
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            var name = Encoding.UTF8.GetBytes(section.Name);
            BinaryPrimitives.WriteUInt16LittleEndian(table.AsSpan(at), (ushort)name.Length);
            name.CopyTo(table, at + 2);
            at += 2 + name.Length;
            table[at++] = (byte)section.ElementType;
            table[at++] = (byte)section.Shape.Count;
            foreach (var dimension in section.Shape)
            {
                BinaryPrimitives.WriteInt32LittleEndian(table.AsSpan(at), dimension);
                at += 4;
            }
            BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(at), (ulong)offsets[i]);
            BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(at + 8), (ulong)section.Data.Length);
            BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(at + 16), XxHash64.HashToUInt64(section.Data.Span));
            at += 24;
        }
        BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(at), XxHash64.HashToUInt64(table.AsSpan(0, at)));
        stream.Write(table);

        long position = IndexLayout.PreambleLength + headerBytes.Length + table.Length;
        Span<byte> padding = stackalloc byte[IndexLayout.Alignment];
        padding.Clear();
        for (var i = 0; i < sections.Count; i++)
        {
            stream.Write(padding[..(int)(offsets[i] - position)]);
            stream.Write(sections[i].Data.Span);
            position = offsets[i] + sections[i].Data.Length;
        }
    }
}
