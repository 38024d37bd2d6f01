using System.Globalization;
using System.Reflection;
using System.Text;

namespace Clip3D.Views.Encoders;

/// <summary>
/// Unicode NFC composition (UAX #15) from tables of Unicode 14 (Resources/unicode-nfc.txt, made from Python 3.11's
/// <c>unicodedata</c>). The project runs with <c>InvariantGlobalization</c>, where <see cref="string.Normalize()"/>
/// has no ICU data and returns non-ASCII text unchanged, so the tokenizer carries its own.
/// </summary>
internal static class ClipTokenizerNfc
{
    private const string Resource = "Clip3D.Views.Encoders.Resources.unicode-nfc.txt";
    private const int HangulSBase = 0xAC00, HangulLBase = 0x1100, HangulVBase = 0x1161, HangulTBase = 0x11A7;
    private const int HangulLCount = 19, HangulVCount = 21, HangulTCount = 28, HangulNCount = HangulVCount * HangulTCount, HangulSCount = HangulLCount * HangulNCount;

    private static readonly Lazy<Tables> Data = new(Load);

    /// <summary>The NFC form of <paramref name="text"/> (lone surrogates pass through unchanged).</summary>
    public static string Compose(string text)
    {
        int first = 0;
        while (first < text.Length && text[first] < 0x300) first++; // below U+0300 every string is already NFC
        if (first == text.Length) return text;
        var tables = Data.Value;
        if (!NeedsWork(text, first, tables)) return text;

        var codePoints = new List<int>(text.Length);
        for (int i = 0; i < text.Length;)
        {
            int cp = ReadCodePoint(text, ref i);
            Decompose(cp, codePoints, tables);
        }
        ReorderMarks(codePoints, tables);
        ComposeInPlace(codePoints, tables);

        var result = new StringBuilder(text.Length);
        foreach (int cp in codePoints)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) result.Append((char)cp);
            else result.Append(char.ConvertFromUtf32(cp));
        }
        return result.ToString();
    }

    // Text with no decomposable character, no combining mark, no character that composes as a second part and no
    // Hangul jamo is already NFC.
    private static bool NeedsWork(string text, int start, Tables tables)
    {
        for (int i = start; i < text.Length;)
        {
            int cp = ReadCodePoint(text, ref i);
            if (cp < 0x300) continue;
            if (tables.Decompositions.ContainsKey(cp) || tables.CombiningClass(cp) != 0 || tables.ComposesAsSecond.Contains(cp)
                || cp is >= HangulLBase and < HangulLBase + HangulLCount or >= HangulVBase and < HangulVBase + HangulVCount
                    or > HangulTBase and < HangulTBase + HangulTCount or >= HangulSBase and < HangulSBase + HangulSCount)
                return true;
        }
        return false;
    }

    private static int ReadCodePoint(string text, ref int i)
    {
        char c = text[i++];
        if (char.IsHighSurrogate(c) && i < text.Length && char.IsLowSurrogate(text[i]))
            return char.ConvertToUtf32(c, text[i++]);
        return c;
    }

    private static void Decompose(int cp, List<int> output, Tables tables)
    {
        if (cp is >= HangulSBase and < HangulSBase + HangulSCount)
        {
            int index = cp - HangulSBase;
            output.Add(HangulLBase + index / HangulNCount);
            output.Add(HangulVBase + index % HangulNCount / HangulTCount);
            if (index % HangulTCount != 0) output.Add(HangulTBase + index % HangulTCount);
            return;
        }
        if (tables.Decompositions.TryGetValue(cp, out var parts))
        {
            foreach (int part in parts) Decompose(part, output, tables);
            return;
        }
        output.Add(cp);
    }

    // Canonical ordering: a stable sort by combining class within each run of non-starters.
    private static void ReorderMarks(List<int> codePoints, Tables tables)
    {
        for (int i = 1; i < codePoints.Count; i++)
        {
            int ccc = tables.CombiningClass(codePoints[i]);
            if (ccc == 0) continue;
            int j = i;
            while (j > 0 && tables.CombiningClass(codePoints[j - 1]) > ccc)
            {
                (codePoints[j - 1], codePoints[j]) = (codePoints[j], codePoints[j - 1]);
                j--;
            }
        }
    }

    // The canonical composition algorithm: each character joins the last starter when it is not blocked from it
    // (no character in between with a class of zero or at least its own) and the pair has a primary composite.
    private static void ComposeInPlace(List<int> codePoints, Tables tables)
    {
        if (codePoints.Count == 0) return;
        int starterIndex = 0;
        int lastClass = tables.CombiningClass(codePoints[0]) == 0 ? 0 : 256;
        int write = 1;
        for (int read = 1; read < codePoints.Count; read++)
        {
            int cp = codePoints[read];
            int ccc = tables.CombiningClass(cp);
            if ((lastClass == 0 || lastClass < ccc) && TryCompose(codePoints[starterIndex], cp, tables, out int composite))
            {
                codePoints[starterIndex] = composite;
                continue;
            }
            if (ccc == 0) starterIndex = write;
            lastClass = ccc;
            codePoints[write++] = cp;
        }
        codePoints.RemoveRange(write, codePoints.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables tables, out int composite)
    {
        if (first is >= HangulLBase and < HangulLBase + HangulLCount && second is >= HangulVBase and < HangulVBase + HangulVCount)
        {
            composite = HangulSBase + ((first - HangulLBase) * HangulVCount + second - HangulVBase) * HangulTCount;
            return true;
        }
        if (first is >= HangulSBase and < HangulSBase + HangulSCount && (first - HangulSBase) % HangulTCount == 0
            && second is > HangulTBase and < HangulTBase + HangulTCount)
        {
            composite = first + second - HangulTBase;
            return true;
        }
        return tables.Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private sealed class Tables
    {
        public readonly Dictionary<int, int[]> Decompositions = new();
        public readonly Dictionary<long, int> Compositions = new();
        public readonly HashSet<int> ComposesAsSecond = new();
        public readonly List<(int First, int Last, byte Class)> ClassRanges = new();

        public int CombiningClass(int cp)
        {
            if (cp < 0x300) return 0;
            int lo = 0, hi = ClassRanges.Count - 1;
            while (lo <= hi)
            {
                int mid = (lo + hi) >> 1;
                var (first, last, ccc) = ClassRanges[mid];
                if (cp < first) hi = mid - 1;
                else if (cp > last) lo = mid + 1;
                else return ccc;
            }
            return 0;
        }
    }

    private static Tables Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing from {Assembly.GetExecutingAssembly().GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var tables = new Tables();
        static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(' ');
            if (fields[0] == "C")
            {
                tables.ClassRanges.Add((Hex(fields[1]), Hex(fields[2]), byte.Parse(fields[3], CultureInfo.InvariantCulture)));
                continue;
            }
            bool composes = fields[^1] == "*";
            var parts = fields[2..(composes ? fields.Length - 1 : fields.Length)].Select(Hex).ToArray();
            int cp = Hex(fields[1]);
            tables.Decompositions[cp] = parts;
            if (composes)
            {
                tables.Compositions[((long)parts[0] << 21) | (uint)parts[1]] = cp;
                tables.ComposesAsSecond.Add(parts[1]);
            }
        }
        return tables;
    }
}
