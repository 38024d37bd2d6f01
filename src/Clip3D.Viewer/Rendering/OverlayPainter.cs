using System.Globalization;
using Clip3D.Export;
using Clip3D.Navigation;
using Clip3D.Views.Cameras;
using SkiaSharp;

namespace Clip3D.Viewer.Rendering;

/// <summary>
/// Paints the frame's 2-D layer with SkiaSharp into a premultiplied RGBA image (row 0 at the top) that the frame renderer
/// draws over the scene: the title and key line, hit labels at their boxes, the colour bar of the heatmap with its
/// threshold, the top-down map, and the query box or status line.
/// </summary>
internal sealed class OverlayPainter : IDisposable
{
    // Fonts the NoDependencies Skia build can open without fontconfig: Debian's fonts-dejavu-core first.
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    ];

    private const string KeyHelp = "/ query   1-4 shading   [ ] threshold   F fit   R reset   H hits   V views   M map   F12 screenshot";

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
        FontFiles.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null) ?? SKTypeface.Default);

    private SKBitmap? _bitmap;
    private SKCanvas? _canvas;
    private readonly SKFont _font = new(Typeface.Value, 14);
    private readonly SKFont _smallFont = new(Typeface.Value, 12);
    private readonly SKPaint _text = new() { Color = SKColors.White, IsAntialias = true };
    private readonly SKPaint _dimText = new() { Color = new SKColor(200, 205, 215), IsAntialias = true };
    private readonly SKPaint _panel = new() { Color = new SKColor(20, 22, 26, 190), IsAntialias = true };
    private readonly SKPaint _fill = new() { IsAntialias = true };
    private readonly SKPaint _pixelated = new() { IsAntialias = false };
    // The map's image, kept until the session builds another map (a new answer).
    private TopDownMap? _mapShown;
    private SKBitmap? _mapImage;

    /// <summary>The last painted image, premultiplied RGBA, row 0 at the top.</summary>
    public ReadOnlySpan<byte> Pixels => _bitmap is null ? [] : _bitmap.GetPixelSpan();

    /// <summary>Whether a font file was found (without one Skia's empty default typeface draws no glyphs).</summary>
    public static bool HasFont => Typeface.Value.GlyphCount > 0;

    public void Paint(ViewerSession session, Camera camera, int width, int height, double? framesPerSecond)
    {
        if (_bitmap is null || _bitmap.Width != width || _bitmap.Height != height)
        {
            _canvas?.Dispose();
            _bitmap?.Dispose();
            _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            _canvas = new SKCanvas(_bitmap);
        }
        var canvas = _canvas!;
        canvas.Clear(SKColors.Transparent);
        var answer = session.Answer;
        bool relevancy = session.Mode == ShadingMode.Relevancy && answer is not null;
        if (relevancy && session.ShowHits) HitLabels(canvas, session, camera);
        if (relevancy) ColourBar(canvas, session, width, height);
        if (session.ShowMap) MapInset(canvas, session, width, height);
        TitleLines(canvas, session, width, framesPerSecond);
        BottomLine(canvas, session, width, height);
        canvas.Flush();
    }

    private void TitleLines(SKCanvas canvas, ViewerSession session, int width, double? framesPerSecond)
    {
        var scene = session.Content.Scene;
        string title = string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(session.Content.Path)}   {ModeName(session.Mode)}   {scene.TriangleCount:N0} triangles");
        if (framesPerSecond is { } fps) title += string.Create(CultureInfo.InvariantCulture, $"   {fps:0} fps");
        canvas.DrawRect(0, 0, width, 42, _panel);
        canvas.DrawText(title, 8, 17, SKTextAlign.Left, _font, _text);
        canvas.DrawText(KeyHelp, 8, 35, SKTextAlign.Left, _smallFont, _dimText);
    }

    private void BottomLine(SKCanvas canvas, ViewerSession session, int width, int height)
    {
        canvas.DrawRect(0, height - 26, width, 26, _panel);
        string line = session.IsTyping ? "query: " + session.QueryInput + "_" : session.Status;
        canvas.DrawText(line, 8, height - 8, SKTextAlign.Left, _font, session.IsTyping ? _text : _dimText);
    }

    private void HitLabels(SKCanvas canvas, ViewerSession session, Camera camera)
    {
        var hits = session.Answer!.Hits;
        for (int i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (!camera.TryProject(hit.Position, out var centre, out _)) continue;
            _fill.Color = SKColors.White;
            canvas.DrawCircle(centre.X, centre.Y, 4, _fill);
            _fill.Color = new SKColor(20, 22, 26);
            canvas.DrawCircle(centre.X, centre.Y, 2, _fill);
            var top = new System.Numerics.Vector3(hit.Position.X, hit.Position.Y, hit.Box.Max.Z);
            var anchor = camera.TryProject(top, out var above, out _) ? above : centre;
            string label = string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {hit.Label}  {hit.Score:0.00}");
            float textWidth = _font.MeasureText(label);
            float x = anchor.X - textWidth / 2, y = anchor.Y - 10;
            canvas.DrawRoundRect(x - 5, y - 15, textWidth + 10, 20, 4, 4, _panel);
            canvas.DrawText(label, x, y, SKTextAlign.Left, _font, _text);
        }
    }

    private void ColourBar(SKCanvas canvas, ViewerSession session, int width, int height)
    {
        float barWidth = 14, top = 60, bottom = Math.Max(top + 40, height * 0.6f), left = width - barWidth - 56;
        canvas.DrawRoundRect(left - 8, top - 24, barWidth + 64, bottom - top + 36, 4, 4, _panel);
        int rows = (int)(bottom - top);
        float low = session.MedianRelevancy, high = session.MaxRelevancy, span = Math.Max(high - low, 1e-6f);
        // Where the threshold falls on the bar: rows below it are dimmed (those points are not painted).
        float thresholdRow = top + (1 - Math.Clamp((session.Threshold - low) / span, 0f, 1f)) * (rows - 1);
        for (int row = 0; row < rows; row++)
        {
            // Top = the answer's highest relevancy (the map's hot end), bottom = the median point (its cold end).
            float t = 1f - row / (float)Math.Max(1, rows - 1);
            var (r, g, b) = RelevancyPly.ColourOf(0.5f + 0.5f * t);
            bool hidden = top + row > thresholdRow;
            _fill.Color = hidden ? new SKColor((byte)(r / 3), (byte)(g / 3), (byte)(b / 3)) : new SKColor(r, g, b);
            canvas.DrawRect(left, top + row, barWidth, 1, _fill);
        }
        _fill.Color = SKColors.White;
        canvas.DrawRect(left - 4, thresholdRow - 1, barWidth + 8, 2, _fill);
        canvas.DrawText("relevancy", left - 2, top - 10, SKTextAlign.Left, _smallFont, _text);
        canvas.DrawText(Label(high), left + barWidth + 5, top + 10, SKTextAlign.Left, _smallFont, _text);
        canvas.DrawText(Label(low), left + barWidth + 5, bottom, SKTextAlign.Left, _smallFont, _dimText);
        if (thresholdRow > top + 16 && thresholdRow < bottom - 14)
            canvas.DrawText(Label(session.Threshold), left + barWidth + 5, thresholdRow + 4, SKTextAlign.Left, _smallFont, _text);
    }

    private static string Label(float value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private void MapInset(SKCanvas canvas, ViewerSession session, int width, int height)
    {
        var map = session.Map();
        if (map is null) return;
        if (!ReferenceEquals(map, _mapShown) || _mapImage is null)
        {
            _mapImage?.Dispose();
            _mapImage = MapBitmap(map);
            _mapShown = map;
        }
        var image = _mapImage;
        float scale = Math.Min(width * 0.3f / map.Width, (height - 90) * 0.45f / map.Height);
        float w = map.Width * scale, h = map.Height * scale, x = 10, y = height - 36 - h;
        canvas.DrawRect(x - 4, y - 4, w + 8, h + 8, _panel);
        canvas.DrawBitmap(image, new SKRect(x, y, x + w, y + h), _pixelated);
        var eye = session.Camera.Eye;
        float ex = x + (eye.X - map.Origin.X) / map.Resolution * scale, ey = y + h - (eye.Y - map.Origin.Y) / map.Resolution * scale;
        ex = Math.Clamp(ex, x, x + w);
        ey = Math.Clamp(ey, y, y + h);
        _fill.Color = new SKColor(80, 200, 255);
        canvas.DrawCircle(ex, ey, 4, _fill);
    }

    private static SKBitmap MapBitmap(TopDownMap map)
    {
        var image = new SKBitmap(map.Width, map.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (int row = 0; row < map.Height; row++)
            for (int column = 0; column < map.Width; column++)
            {
                var c = MapImage.Colour(map, column, row);
                // Map rows count up from the lowest Y; image rows down from the top.
                image.SetPixel(column, map.Height - 1 - row, new SKColor(c.R, c.G, c.B));
            }
        return image;
    }

    private static string ModeName(ShadingMode mode) => mode switch
    {
        ShadingMode.Colour => "colour",
        ShadingMode.Normals => "normals",
        ShadingMode.PartIds => "part ids",
        _ => "relevancy",
    };

    public void Dispose()
    {
        _canvas?.Dispose();
        _bitmap?.Dispose();
        _font.Dispose();
        _smallFont.Dispose();
        _text.Dispose();
        _dimText.Dispose();
        _panel.Dispose();
        _fill.Dispose();
        _pixelated.Dispose();
        _mapImage?.Dispose();
    }
}
