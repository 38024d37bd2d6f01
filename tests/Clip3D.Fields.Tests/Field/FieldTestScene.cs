using System.Numerics;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Mesh;

namespace Clip3D.Fields.Tests.Field;

/// <summary>
/// A synthetic scene for field tests: points on the faces of two boxes (a 1 m table-sized box and a 0.4 m cube on the
/// floor beside it) with outward normals, and per point a unit feature of dimension D that is a smooth function of
/// position: the normalised sum of a per-box base vector and low-frequency sines and cosines of x, y, z along fixed
/// random directions. The features span a low-dimensional subspace, so a PCA to 16 dimensions keeps them well.
/// </summary>
internal sealed class FieldTestScene
{
    public const int Dimension = 64;

    private FieldTestScene(Vector3[] positions, Vector3[] normals, float[] features)
    {
        Positions = positions;
        Normals = normals;
        Features = features;
    }

    public Vector3[] Positions { get; }
    public Vector3[] Normals { get; }
    /// <summary>Positions.Length × <see cref="Dimension"/> unit features.</summary>
    public float[] Features { get; }
    public Bounds Bounds => Bounds.Of(Positions);
    public int Count => Positions.Length;

    /// <summary>
    /// The features PCA-compressed to <paramref name="rank"/> dimensions, and the training data of every point on them
    /// (with <paramref name="scales"/> per point when given).
    /// </summary>
    public (FeatureCompression Compression, FieldTrainingData Data) TrainingData(int rank, float[]? scales = null)
    {
        var compression = FeatureCompression.Fit(Features, Dimension, rank);
        return (compression, new FieldTrainingData(Positions, Normals, compression.Compress(Features), rank, scales));
    }

    public static FieldTestScene Create(int count, ulong seed)
    {
        var random = new DeterministicRandom(seed);
        var fixedRandom = new DeterministicRandom(42);
        var directions = new float[9 * Dimension];
        for (var i = 0; i < directions.Length; i++)
            directions[i] = fixedRandom.NextSingle(-1, 1);
        var positions = new Vector3[count];
        var normals = new Vector3[count];
        var features = new float[count * Dimension];
        (Vector3 Min, Vector3 Max)[] boxes = [(new(0, 0, 0), new(1, 0.6f, 0.7f)), (new(1.3f, 0.1f, 0), new(1.7f, 0.5f, 0.4f))];
        for (var p = 0; p < count; p++)
        {
            var box = p % 2;
            var (min, max) = boxes[box];
            var face = random.NextInt(6);
            var axis = face / 2;
            var u = new Vector3(random.NextSingle(), random.NextSingle(), random.NextSingle());
            var point = min + u * (max - min);
            var normal = Vector3.Zero;
            if (face % 2 == 0) { point = With(point, axis, Get(min, axis)); normal = With(normal, axis, -1); }
            else { point = With(point, axis, Get(max, axis)); normal = With(normal, axis, 1); }
            positions[p] = point;
            normals[p] = normal;
            Feature(point, box, directions, features.AsSpan(p * Dimension, Dimension));
        }
        return new FieldTestScene(positions, normals, features);
    }

    /// <summary>The feature at a point of box <paramref name="box"/>.</summary>
    public static void Feature(Vector3 point, int box, ReadOnlySpan<float> directions, Span<float> feature)
    {
        Span<float> weights = stackalloc float[9];
        weights[0] = box == 0 ? 1.5f : 0f;
        weights[1] = box == 1 ? 1.5f : 0f;
        weights[2] = MathF.Sin(3 * point.X);
        weights[3] = MathF.Cos(4 * point.Y);
        weights[4] = MathF.Sin(5 * point.Z + 1);
        weights[5] = MathF.Cos(2 * (point.X + point.Z));
        weights[6] = MathF.Sin(3 * (point.Y - point.X));
        weights[7] = 0.5f;
        weights[8] = MathF.Cos(6 * point.Z);
        feature.Clear();
        for (var j = 0; j < 9; j++)
            for (var i = 0; i < feature.Length; i++)
                feature[i] += weights[j] * directions[j * Dimension + i];
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares((ReadOnlySpan<float>)feature));
        for (var i = 0; i < feature.Length; i++)
            feature[i] /= norm;
    }

    private static float Get(Vector3 v, int axis) => axis == 0 ? v.X : axis == 1 ? v.Y : v.Z;
    private static Vector3 With(Vector3 v, int axis, float value) => axis == 0 ? v with { X = value } : axis == 1 ? v with { Y = value } : v with { Z = value };

    /// <summary>A small, quick config for tests.</summary>
    public static FieldConfig SmallConfig => new()
    {
        CompressedDimension = 16,
        Levels = 8,
        Log2TableSize = 12,
        BaseResolution = 4,
        FinestCellSize = 0.03f,
        MaxResolution = 128,
        MlpWidth = 32,
        HiddenLayers = 2,
        Steps = 300,
        BatchSize = 512,
        LogEvery = 50,
        NormalJitter = 0.005f,
    };
}
