using System.Globalization;
using System.Text;

namespace Clip3D.Tests.Navigation;

/// <summary>
/// The test's own reader of a map_server PGM + YAML pair, written from the format (not from Clip3D's writer), so checks
/// made on what it reads are independent of the map object.
/// </summary>
internal sealed class RosMapReader
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int MaxValue { get; init; }

    /// <summary>Pixels as stored: row 0 is the top of the image (the highest Y).</summary>
    public required byte[,] Pixels { get; init; }

    public required Dictionary<string, string> Yaml { get; init; }

    public double Resolution => double.Parse(Yaml["resolution"], CultureInfo.InvariantCulture);

    public double[] Origin => Yaml["origin"].Trim('[', ']').Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The pixel of the cell <paramref name="column"/>, <paramref name="rowFromBottom"/> (world rows count up in Y).</summary>
    public byte At(int column, int rowFromBottom) => Pixels[Height - 1 - rowFromBottom, column];

    /// <summary>The (column, row from bottom) holding world XY, or null outside the image.</summary>
    public (int Column, int Row)? CellOf(double x, double y)
    {
        int c = (int)Math.Floor((x - Origin[0]) / Resolution);
        int r = (int)Math.Floor((y - Origin[1]) / Resolution);
        return c < 0 || r < 0 || c >= Width || r >= Height ? null : (c, r);
    }

    public static RosMapReader Read(string yamlPath)
    {
        var yaml = new Dictionary<string, string>();
        foreach (var line in File.ReadAllLines(yamlPath))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            yaml[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var bytes = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(yamlPath)!, yaml["image"]));
        int at = 0;
        var tokens = new List<string>();
        // Four header tokens (magic, width, height, maxval), '#' comments to the end of their line, one whitespace after maxval.
        while (tokens.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[at])) at++;
            if (bytes[at] == '#')
            {
                while (bytes[at] != '\n') at++;
                continue;
            }
            var token = new StringBuilder();
            while (!char.IsWhiteSpace((char)bytes[at])) token.Append((char)bytes[at++]);
            tokens.Add(token.ToString());
        }
        at++;
        if (tokens[0] != "P5") throw new InvalidDataException($"not a binary PGM: {tokens[0]}");
        int w = int.Parse(tokens[1], CultureInfo.InvariantCulture), h = int.Parse(tokens[2], CultureInfo.InvariantCulture);
        if (bytes.Length - at != w * h) throw new InvalidDataException($"{bytes.Length - at} pixel bytes for {w}×{h}");
        var pixels = new byte[h, w];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
                pixels[r, c] = bytes[at++];
        return new RosMapReader { Width = w, Height = h, MaxValue = int.Parse(tokens[3], CultureInfo.InvariantCulture), Pixels = pixels, Yaml = yaml };
    }
}
