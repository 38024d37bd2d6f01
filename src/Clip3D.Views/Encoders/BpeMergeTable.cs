namespace Clip3D.Views.Encoders;

/// <summary>
/// The ranked merges of a byte-level BPE vocabulary over token ids, and the merge loop of openai/CLIP's
/// <c>SimpleTokenizer.bpe</c>: repeatedly take the adjacent pair of lowest rank and merge every occurrence of it,
/// left to right without overlap, until no adjacent pair has a rank. Immutable, so thread-safe.
/// </summary>
internal sealed class BpeMergeTable
{
    private readonly Dictionary<long, int> _rankByPair;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly int[] _merged;

    /// <param name="merges">(left id, right id, merged id) in rank order. A pair listed twice keeps its later
    /// rank, as Python's <c>dict(zip(merges, range(len(merges))))</c> does.</param>
    public BpeMergeTable(IReadOnlyList<(int Left, int Right, int Merged)> merges)
    {
        _rankByPair = new Dictionary<long, int>(merges.Count);
        _left = new int[merges.Count];
        _right = new int[merges.Count];
        _merged = new int[merges.Count];
        for (int rank = 0; rank < merges.Count; rank++)
        {
            var (left, right, merged) = merges[rank];
            _left[rank] = left;
            _right[rank] = right;
            _merged[rank] = merged;
            _rankByPair[Key(left, right)] = rank;
        }
    }

    public int Count => _left.Length;

    /// <summary>Merges <paramref name="symbols"/> in place and returns how many symbols remain at its start.</summary>
    public int Apply(Span<int> symbols)
    {
        int count = symbols.Length;
        while (count > 1)
        {
            int best = int.MaxValue;
            for (int i = 0; i + 1 < count; i++)
                if (_rankByPair.TryGetValue(Key(symbols[i], symbols[i + 1]), out int rank) && rank < best)
                    best = rank;
            if (best == int.MaxValue) break;

            int first = _left[best], second = _right[best], merged = _merged[best];
            int write = 0;
            for (int read = 0; read < count;)
            {
                if (read + 1 < count && symbols[read] == first && symbols[read + 1] == second)
                {
                    symbols[write++] = merged;
                    read += 2;
                }
                else
                {
                    symbols[write++] = symbols[read++];
                }
            }
            count = write;
        }
        return count;
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;
}
