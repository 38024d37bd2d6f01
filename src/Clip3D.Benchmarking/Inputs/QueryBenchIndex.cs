using System.Numerics;
using System.Text.Json.Nodes;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Encoders;
using Clip3D.Views.Fusion;

namespace Clip3D.Benchmarking.Inputs;

/// <summary>
/// A synthetic scene index for the query benchmarks, made without rendering: an 8 m × 8 m floor with eight boxes
/// (0.6–1.2 m) standing on it, N surface points (60% on the floor, the rest spread over the boxes by area, 5% left
/// unseen), and per seen point a 384-d half-precision feature <c>normalise(0.6·u + 0.8·noise)</c> where u is the
/// encoder's plain embedding of the point's part name ("floor", "sofa", "lamp", …) and noise a random unit vector —
/// so a query for "sofa" lights up the sofa box and the hits have real clusters to find. With a field, a default-preset
/// network (16 levels, 2^18 entries, MLP 64×2) with K = 48 is trained for a few SIMD steps on 20k of the points: its
/// weights are barely trained, but evaluating it costs what a real field's evaluation costs.
/// </summary>
internal static class QueryBenchIndex
{
    public const int Dimension = 384;

    /// <summary>The boxes' part names (part ids 1…8; 0 is the floor).</summary>
    public static readonly string[] Objects = ["sofa", "lamp", "television", "bed", "table", "chair", "plant", "bookshelf"];

    /// <summary>Builds the index; the encoder must give <see cref="Dimension"/>-d embeddings and stays the caller's.</summary>
    public static SceneIndex Create(int pointCount, IImageTextEncoder encoder, bool withField, ulong seed = 1)
    {
        if (encoder.Dimension != Dimension)
            throw new InvalidOperationException($"The query benchmarks need a {Dimension}-d encoder, {encoder.Identity} is {encoder.Dimension}-d.");
        var random = new DeterministicRandom(seed);
        var boxes = new (Vector3 Min, Vector3 Max)[Objects.Length];
        for (int b = 0; b < boxes.Length; b++)
        {
            var centre = new Vector3(-2.7f + 1.8f * (b % 4), b < 4 ? -1.8f : 1.8f, 0);
            var half = new Vector3(random.NextSingle(0.3f, 0.6f), random.NextSingle(0.3f, 0.6f), 0);
            boxes[b] = (centre - half, centre + half + new Vector3(0, 0, random.NextSingle(0.6f, 1.2f)));
        }
        var areas = boxes.Select(b => BoxArea(b.Min, b.Max)).ToArray();
        float totalArea = areas.Sum();

        var positions = new Vector3[pointCount];
        var normals = new Vector3[pointCount];
        var parts = new int[pointCount];
        for (int i = 0; i < pointCount; i++)
        {
            if (random.NextSingle() < 0.6f)
            {
                positions[i] = new Vector3(random.NextSingle(-4, 4), random.NextSingle(-4, 4), 0);
                normals[i] = Vector3.UnitZ;
                continue;
            }
            float pick = random.NextSingle() * totalArea;
            int box = 0;
            while (box < boxes.Length - 1 && pick > areas[box]) pick -= areas[box++];
            (positions[i], normals[i]) = OnBox(boxes[box].Min, boxes[box].Max, random);
            parts[i] = box + 1;
        }
        var points = SurfacePoints.Create(positions, normals, Enumerable.Repeat(Vector4.One, pointCount).ToArray(), parts, new int[pointCount]);

        var names = new[] { "floor" }.Concat(Objects).ToArray();
        var directions = encoder.EmbedTexts(names);
        var pooled = new Half[(long)pointCount * Dimension];
        var views = new int[pointCount];
        var feature = new float[Dimension];
        var noise = new DeterministicRandom(seed, stream: 1);
        for (int i = 0; i < pointCount; i++)
        {
            if (noise.NextSingle() < 0.05f) continue;
            views[i] = 1;
            double norm = 0;
            for (int k = 0; k < Dimension; k++)
            {
                feature[k] = noise.NextSingle(-1, 1);
                norm += feature[k] * feature[k];
            }
            float scale = (float)(0.8 / Math.Sqrt(norm));
            var u = directions[parts[i]];
            for (int k = 0; k < Dimension; k++) feature[k] = 0.6f * u[k] + scale * feature[k];
            EmbeddingBatch.NormalizeRows(feature, Dimension);
            for (int k = 0; k < Dimension; k++) pooled[(long)i * Dimension + k] = (Half)feature[k];
        }
        var fused = new FusedFeatures(Dimension, ["pooled"], pooled, null, new bool[pointCount], views);

        var bounds = new Bounds(new Vector3(-4, -4, 0), new Vector3(4, 4, 1.2f));
        FeatureField? field = withField ? TrainField(points, fused, bounds) : null;
        var content = new SceneIndexContent($"query bench ({pointCount:N0} points)", "bench-" + pointCount, bounds, names, points, fused,
            encoder.Identity, new JsonObject()) { Field = field };
        return new SceneIndex(content, encoder, ownsEncoder: false, timings: null);
    }

    private static FeatureField TrainField(SurfacePoints points, FusedFeatures fused, Bounds bounds)
    {
        var seen = fused.FeaturedPoints();
        int sample = Math.Min(seen.Length, 20_000);
        var chosen = Enumerable.Range(0, sample).Select(j => seen[(int)((long)j * seen.Length / sample)]).ToArray();
        var features = new float[sample * Dimension];
        for (int j = 0; j < sample; j++)
        {
            var f = fused.Feature(chosen[j]);
            for (int k = 0; k < Dimension; k++) features[j * Dimension + k] = (float)f[k];
        }
        var compression = FeatureCompression.Fit(features, Dimension, 48);
        var data = new FieldTrainingData(chosen.Select(i => points.Positions[i]).ToArray(), chosen.Select(i => points.Normals[i]).ToArray(),
            compression.Compress(features), compression.Rank);
        var config = FieldConfig.For(FieldPreset.Default) with { CompressedDimension = compression.Rank, Steps = 20, BatchSize = 1024 };
        return new SimdFieldTrainer(config).Train(data, compression, bounds).Field;
    }

    private static float BoxArea(Vector3 min, Vector3 max)
    {
        var s = max - min;
        return s.X * s.Y + 2 * (s.X * s.Z + s.Y * s.Z);
    }

    /// <summary>A uniform point on the box's top and four sides (the bottom stands on the floor).</summary>
    private static (Vector3, Vector3) OnBox(Vector3 min, Vector3 max, DeterministicRandom random)
    {
        var s = max - min;
        float[] faces = [s.X * s.Y, s.X * s.Z, s.X * s.Z, s.Y * s.Z, s.Y * s.Z];
        float pick = random.NextSingle() * faces.Sum();
        int face = 0;
        while (face < faces.Length - 1 && pick > faces[face]) pick -= faces[face++];
        float u = random.NextSingle(), v = random.NextSingle();
        return face switch
        {
            0 => (new Vector3(min.X + u * s.X, min.Y + v * s.Y, max.Z), Vector3.UnitZ),
            1 => (new Vector3(min.X + u * s.X, min.Y, min.Z + v * s.Z), -Vector3.UnitY),
            2 => (new Vector3(min.X + u * s.X, max.Y, min.Z + v * s.Z), Vector3.UnitY),
            3 => (new Vector3(min.X, min.Y + u * s.Y, min.Z + v * s.Z), -Vector3.UnitX),
            _ => (new Vector3(max.X, min.Y + u * s.Y, min.Z + v * s.Z), Vector3.UnitX),
        };
    }
}
