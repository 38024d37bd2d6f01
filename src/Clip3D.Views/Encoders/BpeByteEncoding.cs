namespace Clip3D.Views.Encoders;

/// <summary>
/// GPT-2's <c>bytes_to_unicode</c>, which CLIP reuses: each of the 256 byte values gets a printable character, so
/// that byte-level BPE vocabularies can be written as text. Printable Latin-1 bytes map to themselves; the other
/// 68 (controls, space, soft hyphen…) map to U+0100 onwards, in byte order.
/// </summary>
internal static class BpeByteEncoding
{
    private static readonly char[] ByteToCharTable = BuildTable();
    private static readonly short[] CharToByteTable = BuildInverse(ByteToCharTable);

    /// <summary>The characters of bytes in the order CLIP lists them in its vocabulary (GPT-2's dict order).</summary>
    public static IReadOnlyList<char> VocabularyOrder { get; } = BuildVocabularyOrder();

    /// <summary>The printable character standing for <paramref name="value"/>.</summary>
    public static char ToChar(byte value) => ByteToCharTable[value];

    /// <summary>The byte a mapped character stands for, or -1 for characters outside the mapping.</summary>
    public static int ToByte(char c) => c < CharToByteTable.Length ? CharToByteTable[c] : -1;

    private static bool IsPrintableAsItself(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;

    private static char[] BuildTable()
    {
        var table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
            table[b] = IsPrintableAsItself(b) ? (char)b : (char)next++;
        return table;
    }

    private static short[] BuildInverse(char[] table)
    {
        var inverse = new short[table.Max() + 1];
        Array.Fill(inverse, (short)-1);
        for (int b = 0; b < table.Length; b++) inverse[table[b]] = (short)b;
        return inverse;
    }

    // bytes_to_unicode builds its dict from the printable ranges first, then appends the rest in byte order; CLIP's
    // vocabulary lists the characters in that dict order (ids 0..255, then the same with </w> at 256..511).
    private static char[] BuildVocabularyOrder()
    {
        var order = new List<char>(256);
        for (int b = 0; b < 256; b++) if (IsPrintableAsItself(b)) order.Add(ByteToCharTable[b]);
        for (int b = 0; b < 256; b++) if (!IsPrintableAsItself(b)) order.Add(ByteToCharTable[b]);
        return order.ToArray();
    }
}
