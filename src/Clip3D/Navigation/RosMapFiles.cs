using System.Globalization;
using System.Text;
using Clip3D.Mesh.IO;

namespace Clip3D.Navigation;

/// <summary>
/// Writes a <see cref="TopDownMap"/>'s occupancy as the pair ROS's map_server (and nav2's map_server) loads: an 8-bit
/// binary PGM (P5) — occupied 0, free 254, unknown 205, map_server's trinary convention — and a YAML file with
/// <c>image</c>, <c>mode: trinary</c>, <c>resolution</c>, <c>origin: [x, y, 0.0]</c> (the lower-left corner of the
/// lower-left cell), <c>negate: 0</c>, <c>occupied_thresh: 0.65</c> and <c>free_thresh: 0.196</c>. Image rows run from
/// the top (highest Y) down, as map_server reads them; columns run along +X. Each file is written atomically.
/// </summary>
public static class RosMapFiles
{
    /// <summary>The PGM value of an occupied cell: (255 − 0) / 255 = 1 is above occupied_thresh.</summary>
    public const byte OccupiedValue = 0;

    /// <summary>The PGM value of a free cell: (255 − 254) / 255 ≈ 0.004 is below free_thresh.</summary>
    public const byte FreeValue = 254;

    /// <summary>The PGM value of an unknown cell: (255 − 205) / 255 ≈ 0.196 is neither above 0.65 nor below 0.196.</summary>
    public const byte UnknownValue = 205;

    public const double OccupiedThreshold = 0.65;

    public const double FreeThreshold = 0.196;

    /// <summary>Writes <paramref name="pgmPath"/> and <paramref name="yamlPath"/>; the YAML names the image relative to its own folder.</summary>
    public static void Write(TopDownMap map, string pgmPath, string yamlPath)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrWhiteSpace(pgmPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(yamlPath);
        AtomicFile.WriteAllBytes(pgmPath, Pgm(map));
        var yamlFolder = Path.GetDirectoryName(Path.GetFullPath(yamlPath))!;
        var image = Path.GetRelativePath(yamlFolder, Path.GetFullPath(pgmPath)).Replace('\\', '/');
        AtomicFile.WriteAllText(yamlPath, Yaml(map, image));
    }

    /// <summary>The PGM file's bytes: header, then one byte per cell, top row (highest Y) first.</summary>
    public static byte[] Pgm(TopDownMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        string query = map.Query.Replace('\n', ' ').Replace('\r', ' ');
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"P5\n# Clip3D top-down map for \"{query}\", {map.Resolution} m/cell\n{map.Width} {map.Height}\n255\n"));
        var bytes = new byte[header.Length + map.Width * map.Height];
        header.CopyTo(bytes, 0);
        int at = header.Length;
        for (int r = map.Height - 1; r >= 0; r--)
            for (int c = 0; c < map.Width; c++)
                bytes[at++] = map.State(c, r) switch
                {
                    CellState.Occupied => OccupiedValue,
                    CellState.Free => FreeValue,
                    _ => UnknownValue,
                };
        return bytes;
    }

    /// <summary>The YAML file's text, naming <paramref name="image"/>.</summary>
    public static string Yaml(TopDownMap map, string image)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        // "R" keeps the floats' exact values; the origin's yaw is 0: the map's axes are the world's.
        return string.Create(CultureInfo.InvariantCulture,
            $"image: {image}\nmode: trinary\nresolution: {map.Resolution:R}\norigin: [{map.Origin.X:R}, {map.Origin.Y:R}, 0.0]\nnegate: 0\noccupied_thresh: {OccupiedThreshold}\nfree_thresh: {FreeThreshold}\n");
    }
}
