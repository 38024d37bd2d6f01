using System.Text;

namespace Clip3D.Mesh.Tests.Fuzzing;

/// <summary>
/// Seeded mutations of a file's bytes: bit flips, byte overwrites with interesting values, truncation, insertion
/// and deletion of runs, chunk duplication, and (for text) replacement of numbers with hostile ones. The same
/// (input, seed) always gives the same output, so a failing case can be replayed from its seed.
/// </summary>
internal static class ByteMutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE, (byte)'\n', (byte)' ', (byte)'/', (byte)'-'];

    private static readonly string[] HostileNumbers =
        ["0", "-1", "-2147483648", "2147483647", "4294967295", "99999999999999999999", "nan", "inf", "-inf", "1e39", "-1e-45", "1.#QNAN", "0x10", ""];

    public static byte[] Mutate(byte[] input, ulong seed)
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
            switch (random.NextInt(9))
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
                    int at = random.NextInt(data.Count - 3);
                    uint[] extremes = [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x10000, 0x7FFF];
                    var bytes = BitConverter.GetBytes(extremes[random.NextInt(extremes.Length)]);
                    for (int i = 0; i < 4; i++) data[at + i] = bytes[i];
                    break;
                }
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

    private static bool IsNumberByte(byte b) => b is >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'-' or (byte)'e' or (byte)'E' or (byte)'+';
}
