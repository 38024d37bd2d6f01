using System.Text;

namespace Clip3D.Fields.Index;

/// <summary>
/// The binary layout of a <c>.c3d</c> file, format version 1. All integers little-endian; checksums XxHash64 (seed 0).
/// <code>
/// offset 0   8 bytes  magic "C3DINDEX"
///        8   uint32   format version (1)
///       12   uint32   header length H (at most 16 MiB)
///       16   uint64   checksum of the header bytes
///       24   H bytes  header, UTF-8 JSON (<see cref="IndexHeader"/>)
///   24 + H   uint32   section count N (at most 4096)
///            uint32   length T of the table entries in bytes
///            T bytes  N entries: uint16 name length, UTF-8 name, uint8 element type, uint8 rank,
///                     int32 × rank dimensions, uint64 data offset, uint64 data length, uint64 data checksum
///            uint64   checksum of the table (count, length and entries)
///            then each section's data in table order, each starting at a multiple of 64 bytes, zero padding between;
///            the file ends where the last section's data ends (or after the table when there is none).
/// </code>
/// Every byte is covered by a checksum, a zero-padding check or a structural check.
/// </summary>
internal static class IndexLayout
{
    public static ReadOnlySpan<byte> Magic => "C3DINDEX"u8;
    public const int PreambleLength = 24;
    public const int TablePrefixLength = 8;
    public const int ChecksumLength = 8;
    public const int Alignment = 64;
    public const int MaxHeaderBytes = 16 << 20;
    public const int MaxSections = 4096;
    public const int MaxEntryBytes = 2 + IndexSection.MaxNameBytes + 2 + 4 * IndexSection.MaxRank + 24;

    public static long Align(long offset) => (offset + Alignment - 1) / Alignment * Alignment;

    public static int EntryLength(IndexSection section) =>
        2 + Encoding.UTF8.GetByteCount(section.Name) + 2 + 4 * section.Shape.Count + 24;
}
