using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;

namespace Clip3D.Views.Features;

/// <summary>
/// Turns a rendered view into <see cref="ViewFeatures"/> with an <see cref="IImageTextEncoder"/>.
/// <list type="number">
/// <item>The colour image (composited over white) is cut into the crop pyramid of <see cref="CropPyramidOptions"/>;
/// crops whose covered fraction (pixel centres with part id ≥ 0) is below <see cref="CropPyramidOptions.MinCoveredFraction"/>
/// or zero are skipped. The rest are embedded in batches of <see cref="CropPyramidOptions.BatchSize"/>; the encoder
/// resizes each crop to its input.</item>
/// <item>Per scale, the feature of a grid cell is the weighted mean of the embeddings of the kept crops that contain
/// the cell's centre (weights <see cref="CropPyramid.Weight"/>, Gaussian in the distance from each crop's centre),
/// scaled back to unit length; a cell no kept crop contains has none.</item>
/// <item>When the view shows at least two parts with <see cref="CropPyramidOptions.MinPartPixels"/> pixels each (and
/// <see cref="CropPyramidOptions.PartMasks"/> is on), each such part (up to <see cref="CropPyramidOptions.MaxParts"/>, the
/// largest first) is embedded twice from a padded square crop around it: alone, every other pixel replaced by
/// <see cref="CropPyramidOptions.NeutralGrey"/>, and in context. Their blend is the part's feature on the separate
/// object level, as ConceptFusion and LangSplat keep mask features apart from the pyramid.</item>
/// </list>
/// Deterministic for a deterministic encoder; thread-safe when the encoder is (one extractor can serve many threads).
/// </summary>
public sealed class ViewFeatureExtractor
{
    public ViewFeatureExtractor(IImageTextEncoder encoder, CropPyramidOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        Options = options ?? CropPyramidOptions.Default;
        Options.Validate();
        Encoder = encoder;
    }

    public IImageTextEncoder Encoder { get; }

    public CropPyramidOptions Options { get; }

    /// <summary>Embeds the view's crops and builds its feature grids (and object level).</summary>
    /// <exception cref="InvalidOperationException">The encoder returned the wrong number or dimension of embeddings, or non-finite values.</exception>
    public ViewFeatures Extract(RenderedView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        int width = view.Width, height = view.Height, dimension = Encoder.Dimension;
        var image = RgbImage.FromRgba(view.Colour, width, height);
        var covered = CoveredIntegral(view.PartId, width, height);

        var kept = new List<CropRect>();
        var plan = CropPyramid.Plan(width, height, Options);
        foreach (var crop in plan)
        {
            long count = CountCovered(covered, width, crop.X, crop.Y, crop.Size);
            if (count > 0 && count >= Options.MinCoveredFraction * crop.Size * (double)crop.Size)
                kept.Add(crop);
        }
        var embeddings = Embed(kept.Count, i => image.Crop(kept[i].X, kept[i].Y, kept[i].Size, kept[i].Size), cancellationToken);

        var grids = new FeatureGrid[Options.Scales.Count];
        for (int s = 0; s < grids.Length; s++)
            grids[s] = BuildGrid(s, width, height, dimension, kept, embeddings);

        var (parts, partCrops) = Options.PartMasks ? BuildParts(view, image, dimension, cancellationToken) : (null, 0);
        return new ViewFeatures(view.Camera, dimension, grids, parts, kept.Count, plan.Count - kept.Count, partCrops);
    }

    private FeatureGrid BuildGrid(int scale, int width, int height, int dimension, List<CropRect> crops, float[] embeddings)
    {
        float fraction = Options.Scales[scale];
        int tile = CropPyramid.TileSize(width, height, fraction);
        int cell = CropPyramid.CellSize(tile, Options);
        int columns = (width + cell - 1) / cell, rows = (height + cell - 1) / cell;
        var sum = new float[columns * rows * dimension];
        var weights = new float[columns * rows];
        for (int c = 0; c < crops.Count; c++)
        {
            var crop = crops[c];
            if (crop.Scale != scale)
                continue;
            var embedding = embeddings.AsSpan(c * dimension, dimension);
            int firstColumn = Math.Max(0, crop.X / cell - 1), lastColumn = Math.Min(columns - 1, (crop.X + crop.Size) / cell + 1);
            int firstRow = Math.Max(0, crop.Y / cell - 1), lastRow = Math.Min(rows - 1, (crop.Y + crop.Size) / cell + 1);
            for (int row = firstRow; row <= lastRow; row++)
                for (int column = firstColumn; column <= lastColumn; column++)
                {
                    var (x, y) = CellCentre(column, row, cell, width, height);
                    float w = CropPyramid.Weight(crop, x, y, Options);
                    if (!(w > 0))
                        continue;
                    int index = row * columns + column;
                    weights[index] += w;
                    var target = sum.AsSpan(index * dimension, dimension);
                    for (int d = 0; d < dimension; d++)
                        target[d] += w * embedding[d];
                }
        }
        var features = new Half[sum.Length];
        for (int index = 0; index < weights.Length; index++)
            if (weights[index] > 0)
                FeatureMath.NormalizeToHalf(sum.AsSpan(index * dimension, dimension), features.AsSpan(index * dimension, dimension));
        return new FeatureGrid(fraction, tile, cell, columns, rows, dimension, features);
    }

    /// <summary>Centre of the part of a grid cell that lies inside the image.</summary>
    internal static (float X, float Y) CellCentre(int column, int row, int cell, int width, int height) =>
        ((column * cell + Math.Min((column + 1) * cell, width)) / 2f, (row * cell + Math.Min((row + 1) * cell, height)) / 2f);

    private (PartFeatures? Parts, int Crops) BuildParts(RenderedView view, RgbImage image, int dimension, CancellationToken cancellationToken)
    {
        int width = view.Width, height = view.Height;
        var ids = view.PartId;
        var stats = new Dictionary<int, (int Count, int MinX, int MinY, int MaxX, int MaxY)>();
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int id = ids[y * width + x];
                if (id < 0)
                    continue;
                stats[id] = stats.TryGetValue(id, out var s)
                    ? (s.Count + 1, Math.Min(s.MinX, x), Math.Min(s.MinY, y), Math.Max(s.MaxX, x), Math.Max(s.MaxY, y))
                    : (1, x, y, x, y);
            }
        var chosen = stats.Where(kv => kv.Value.Count >= Options.MinPartPixels)
            .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key)
            .Take(Options.MaxParts).ToArray();
        if (chosen.Length < 2)
            return (null, 0);

        var squares = chosen.Select(kv => SquareAround(kv.Value.MinX, kv.Value.MinY, kv.Value.MaxX, kv.Value.MaxY)).ToArray();
        var idArray = ids.ToArray();
        var embeddings = Embed(2 * chosen.Length, i =>
            PartCrop(image, idArray, squares[i / 2], isolatedPart: i % 2 == 0 ? chosen[i / 2].Key : null), cancellationToken);

        var features = new Half[chosen.Length * dimension];
        var blend = new float[dimension];
        float context = Options.PartContextWeight;
        for (int p = 0; p < chosen.Length; p++)
        {
            var isolated = embeddings.AsSpan(2 * p * dimension, dimension);
            var inContext = embeddings.AsSpan((2 * p + 1) * dimension, dimension);
            for (int d = 0; d < dimension; d++)
                blend[d] = context * inContext[d] + (1 - context) * isolated[d];
            if (!FeatureMath.NormalizeToHalf(blend, features.AsSpan(p * dimension, dimension)))
                throw new InvalidOperationException($"The isolated and in-context embeddings of part {chosen[p].Key} cancel out; no part feature can be formed.");
        }
        var indexOf = new Dictionary<int, byte>();
        for (int p = 0; p < chosen.Length; p++)
            indexOf[chosen[p].Key] = (byte)(p + 1);
        var map = new byte[width * height];
        for (int i = 0; i < map.Length; i++)
            if (ids[i] >= 0 && indexOf.TryGetValue(ids[i], out byte k))
                map[i] = k;
        return (new PartFeatures(width, height, dimension, chosen.Select(kv => kv.Key).ToArray(), features, map), 2 * chosen.Length);
    }

    /// <summary>A square of the padded bounding box's longer side, centred on the box (it may reach past the image).</summary>
    private (int X, int Y, int Size) SquareAround(int minX, int minY, int maxX, int maxY)
    {
        int boxWidth = maxX - minX + 1, boxHeight = maxY - minY + 1;
        int longer = Math.Max(boxWidth, boxHeight);
        int size = Math.Max(1, (int)MathF.Ceiling(longer * (1 + 2 * Options.PartPadding)));
        int x = (int)MathF.Round((minX + maxX + 1) / 2f - size / 2f), y = (int)MathF.Round((minY + maxY + 1) / 2f - size / 2f);
        return (x, y, size);
    }

    /// <summary>
    /// The square crop; pixels outside the image are neutral grey, and with <paramref name="isolatedPart"/> so is every
    /// pixel whose centre does not see that part.
    /// </summary>
    internal RgbImage PartCrop(RgbImage image, ReadOnlySpan<int> partIds, (int X, int Y, int Size) square, int? isolatedPart)
    {
        int size = square.Size;
        var rgb = new byte[size * size * 3];
        rgb.AsSpan().Fill(Options.NeutralGrey);
        var source = image.Rgb;
        for (int row = 0; row < size; row++)
        {
            int y = square.Y + row;
            if ((uint)y >= (uint)image.Height)
                continue;
            for (int column = 0; column < size; column++)
            {
                int x = square.X + column;
                if ((uint)x >= (uint)image.Width)
                    continue;
                int pixel = y * image.Width + x;
                if (isolatedPart is { } part && partIds[pixel] != part)
                    continue;
                source.Slice(pixel * 3, 3).CopyTo(rgb.AsSpan((row * size + column) * 3, 3));
            }
        }
        return new RgbImage(size, size, rgb);
    }

    /// <summary>Embeds <paramref name="count"/> images made on demand, in batches; returns count·D unit values.</summary>
    private float[] Embed(int count, Func<int, RgbImage> make, CancellationToken cancellationToken)
    {
        int dimension = Encoder.Dimension;
        var result = new float[count * dimension];
        for (int start = 0; start < count; start += Options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = Math.Min(Options.BatchSize, count - start);
            var images = new RgbImage[n];
            for (int i = 0; i < n; i++)
                images[i] = make(start + i);
            var batch = Encoder.EmbedImages(images, cancellationToken);
            if (batch.Count != n || batch.Dimension != dimension)
                throw new InvalidOperationException(
                    $"Encoder {Encoder.Identity} returned {batch.Count}×{batch.Dimension} embeddings for {n} images of a {dimension}-d encoder.");
            foreach (float v in batch.Data)
                if (!float.IsFinite(v))
                    throw new InvalidOperationException($"Encoder {Encoder.Identity} returned a non-finite embedding value ({v}).");
            batch.Data.CopyTo(result.AsSpan(start * dimension));
        }
        EmbeddingBatch.NormalizeRows(result, dimension);
        return result;
    }

    /// <summary>Summed-area table of covered pixels, (width + 1) × (height + 1).</summary>
    private static int[] CoveredIntegral(ReadOnlySpan<int> partIds, int width, int height)
    {
        var table = new int[(width + 1) * (height + 1)];
        for (int y = 0; y < height; y++)
        {
            int rowSum = 0;
            for (int x = 0; x < width; x++)
            {
                rowSum += partIds[y * width + x] >= 0 ? 1 : 0;
                table[(y + 1) * (width + 1) + x + 1] = table[y * (width + 1) + x + 1] + rowSum;
            }
        }
        return table;
    }

    private static long CountCovered(int[] table, int width, int x, int y, int size)
    {
        int stride = width + 1;
        return (long)table[(y + size) * stride + x + size] - table[y * stride + x + size] - table[(y + size) * stride + x] + table[y * stride + x];
    }
}
