using System.Text;
using Clip3D.Mesh;

namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// Seeded mutations of a file's bytes: bit flips, byte overwrites with interesting values, truncation, insertion
/// and deletion of runs, chunk duplication, splices of another file of the same reader, extreme little-endian
/// integers (binary counts and offsets), and for text: numbers replaced with hostile ones and the counts of
/// headers ("element vertex 8", "count": 24) made huge. The same (input, seed, donor) always gives the same output,
/// so a failing case is replayed from its seed.
/// </summary>
public static class ByteMutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE, (byte)'\n', (byte)' ', (byte)'/', (byte)'-'];

    private static readonly string[] HostileNumbers =
        ["0", "-1", "-2147483648", "2147483647", "4294967295", "99999999999999999999", "nan", "inf", "-inf", "1e39", "-1e-45", "1.#QNAN", "0x10", ""];

    private static readonly string[] HugeCounts = ["2147483647", "4294967295", "1000000000", "9223372036854775807", "65536", "268435456"];

    private static readonly uint[] ExtremeIntegers = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x10000, 0x7FFF, 0x40000000, 0x0FFFFFFF];

    /// <summary>The kinds of mutation, for reports.</summary>
    public const int Kinds = 11;

    /// <summary>
    /// A mutation of <paramref name="input"/> (one to four rounds). <paramref name="donor"/>, when given, is another
    /// valid file of the same reader whose bytes a splice may take.
    /// </summary>
    public static byte[] Mutate(byte[] input, ulong seed, byte[]? donor = null)
    {
        var random = new DeterministicRandom(seed);
        var data = new List<byte>(input);
        int rounds = 1 + random.NextInt(4);
        for (int r = 0; r < rounds; r++)
        {
            if (data.Count == 0)
            {
                data.Add((byte)random.NextInt(256));
                continue;
            }
            switch (random.NextInt(Kinds))
            {
                case 0: // flip one bit
                {
                    int i = random.NextInt(data.Count);
                    data[i] ^= (byte)(1 << random.NextInt(8));
                    break;
                }
                case 1: // overwrite a byte with an interesting value
                    data[random.NextInt(data.Count)] = InterestingBytes[random.NextInt(InterestingBytes.Length)];
                    break;
                case 2: // truncate
                {
                    int cut = random.NextInt(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                }
                case 3: // insert random bytes
                {
                    int at = random.NextInt(data.Count + 1);
                    int n = 1 + random.NextInt(16);
                    var bytes = new byte[n];
                    for (int i = 0; i < n; i++) bytes[i] = (byte)random.NextInt(256);
                    data.InsertRange(at, bytes);
                    break;
                }
                case 4: // delete a run
                {
                    int at = random.NextInt(data.Count);
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.NextInt(32)));
                    break;
                }
                case 5: // duplicate a chunk somewhere else
                {
                    int at = random.NextInt(data.Count);
                    int n = Math.Min(data.Count - at, 1 + random.NextInt(64));
                    var chunk = data.GetRange(at, n);
                    data.InsertRange(random.NextInt(data.Count + 1), chunk);
                    break;
                }
                case 6: // overwrite 4 bytes with an extreme little-endian integer (binary counts and offsets)
                {
                    if (data.Count < 4) break;
                    // Half the time near the start, where binary headers keep their counts and lengths.
                    int span = random.NextInt(2) == 0 ? Math.Min(data.Count - 3, 128) : data.Count - 3;
                    int at = random.NextInt(span);
                    var bytes = BitConverter.GetBytes(ExtremeIntegers[random.NextInt(ExtremeIntegers.Length)]);
                    for (int i = 0; i < 4; i++) data[at + i] = bytes[i];
                    break;
                }
                case 7: // splice: this file's head, a donor's tail (or a run of the donor inserted)
                {
                    if (donor is null || donor.Length == 0) goto case 5;
                    int cut = random.NextInt(data.Count);
                    int from = random.NextInt(donor.Length);
                    int n = Math.Min(donor.Length - from, 1 + random.NextInt(4096));
                    if (random.NextInt(2) == 0)
                        data.RemoveRange(cut, data.Count - cut);
                    data.InsertRange(cut, donor.AsSpan(from, n).ToArray());
                    break;
                }
                case 8: // a header count made huge
                    ReplaceCount(data, random);
                    break;
                default: // replace a number in text with a hostile one
                    ReplaceNumber(data, random);
                    break;
            }
        }
        return data.ToArray();
    }

    private static void ReplaceNumber(List<byte> data, DeterministicRandom random)
    {
        // Find the digit run around a random position and swap it for a hostile token.
        int start = random.NextInt(data.Count);
        int i = start;
        while (i < data.Count && !IsNumberByte(data[i])) i++;
        if (i == data.Count) return;
        int end = i;
        while (end < data.Count && IsNumberByte(data[end])) end++;
        var replacement = Encoding.ASCII.GetBytes(HostileNumbers[random.NextInt(HostileNumbers.Length)]);
        data.RemoveRange(i, end - i);
        data.InsertRange(i, replacement);
    }

    /// <summary>
    /// Replaces the integer that follows a count keyword (PLY's "element NAME N", glTF's "count"/"byteLength"/
    /// "byteOffset", OBJ's indices) with a huge one; falls back to the first integer of the file.
    /// </summary>
    private static void ReplaceCount(List<byte> data, DeterministicRandom random)
    {
        var text = Encoding.Latin1.GetString(data.ToArray());
        string[] keywords = ["element ", "\"count\":", "\"byteLength\":", "\"byteOffset\":", "\"byteStride\":", "\"bufferView\":", "\"width\":", "f ", "facet"];
        var keyword = keywords[random.NextInt(keywords.Length)];
        var hits = new List<int>();
        for (int at = text.IndexOf(keyword, StringComparison.Ordinal); at >= 0 && hits.Count < 256; at = text.IndexOf(keyword, at + 1, StringComparison.Ordinal))
            hits.Add(at + keyword.Length);
        int i = hits.Count > 0 ? hits[random.NextInt(hits.Count)] : 0;
        while (i < data.Count && data[i] is not (>= (byte)'0' and <= (byte)'9')) i++;
        if (i == data.Count) return;
        int end = i;
        while (end < data.Count && data[end] is >= (byte)'0' and <= (byte)'9') end++;
        data.RemoveRange(i, end - i);
        data.InsertRange(i, Encoding.ASCII.GetBytes(HugeCounts[random.NextInt(HugeCounts.Length)]));
    }

    private static bool IsNumberByte(byte b) => b is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'-' or (byte)'e' or (byte)'E' or (byte)'+';
}
