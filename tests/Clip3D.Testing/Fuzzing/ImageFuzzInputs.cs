using Clip3D.Views.Encoders;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// Fuzz targets of the image decoder behind <see cref="ImageFile"/> (what <c>clip3d embed</c> and the texture
/// path share): the shared assets' PNG and JPEG files up to 300 KB and small generated PNG, JPEG, BMP, GIF and TGA
/// images, each decoded under a 2048×2048 pixel limit. Only <see cref="InvalidDataException"/> may escape.
/// </summary>
public static class ImageFuzzInputs
{
    public const long MaxPixels = 2048L * 2048;

    public static IReadOnlyList<FuzzTarget> Targets(string workDirectory)
    {
        var targets = new List<FuzzTarget>();
        var generated = Path.Combine(workDirectory, "images");
        Directory.CreateDirectory(generated);
        using (var image = new Image<Rgba32>(24, 16))
        {
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++)
                    image[x, y] = new Rgba32((byte)(x * 10), (byte)(y * 15), (byte)(x * y), (byte)(255 - x));
            image.SaveAsPng(Path.Combine(generated, "gen.png"));
            image.SaveAsJpeg(Path.Combine(generated, "gen.jpg"));
            image.SaveAsBmp(Path.Combine(generated, "gen.bmp"));
            image.SaveAsGif(Path.Combine(generated, "gen.gif"));
            image.SaveAsTga(Path.Combine(generated, "gen.tga"));
        }
        foreach (var name in new[] { "gen.png", "gen.jpg", "gen.bmp", "gen.gif", "gen.tga" })
            targets.Add(Target($"generated {name}", generated, name));
        if (SharedAssets.Directory is { } shared && Directory.Exists(Path.Combine(shared, "assets")))
        {
            var assets = Path.Combine(shared, "assets");
            foreach (var file in Directory.EnumerateFiles(assets, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (Path.GetExtension(file).ToLowerInvariant() is not (".png" or ".jpg" or ".jpeg") || new FileInfo(file).Length > 300 << 10)
                    continue;
                // Each image alone in its folder: the folder is copied for every target.
                var folder = Path.Combine(workDirectory, "image-assets", targets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(folder);
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
                targets.Add(Target(Path.GetRelativePath(assets, file).Replace('\\', '/'), folder, Path.GetFileName(file)));
            }
        }
        return targets;
    }

    private static FuzzTarget Target(string input, string folder, string file) =>
        new("image (ImageFile)", input, folder, file,
            copy => ImageFile.Load<Rgb24>(Path.Combine(copy, file), MaxPixels).Dispose(),
            e => e is InvalidDataException);
}
