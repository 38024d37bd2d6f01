using System.Numerics;
using Clip3D.Mesh;

namespace Clip3D.Fields.Field;

/// <summary>
/// The shape of a field derived from its <see cref="FieldConfig"/> and scene bounds: the cubic box the hash grid
/// covers (the bounds grown by twice the normal jitter plus 1% of their diagonal, centred), the resolution of every
/// level (geometric from <see cref="FieldConfig.BaseResolution"/> to the finest, the box side over
/// <see cref="FieldConfig.FinestCellSize"/> capped at <see cref="FieldConfig.MaxResolution"/>), which levels index
/// their table densely (when (N+1)³ entries fit in it) instead of hashing, and where every MLP weight lives in the
/// flat parameter vector: per layer the out×in weights row-major, then the out biases.
/// </summary>
internal sealed class FieldLayout
{
    public FieldLayout(FieldConfig config, Vector3 origin, float side, float[] levelResolutions)
    {
        Config = config.Validate();
        if (!(side > 0) || !float.IsFinite(side))
            throw new ArgumentException($"the field box side must be positive, got {side}", nameof(side));
        if (levelResolutions.Length != config.Levels)
            throw new ArgumentException($"{levelResolutions.Length} level resolutions for {config.Levels} levels", nameof(levelResolutions));
        Origin = origin;
        Side = side;
        LevelResolutions = levelResolutions;
        LevelDense = new int[config.Levels];
        for (var l = 0; l < config.Levels; l++)
        {
            var r = levelResolutions[l];
            if (!(r >= 1) || r != MathF.Floor(r) || r > 1 << 20)
                throw new ArgumentException($"level {l} resolution {r} is not a whole number in 1…2^20", nameof(levelResolutions));
            var cells = Math.Pow(r + 1, 3);
            LevelDense[l] = cells <= config.TableSize ? 1 : 0;
        }
        LayerSizes = new int[config.HiddenLayers + 2];
        LayerSizes[0] = config.InputDimension;
        for (var j = 1; j <= config.HiddenLayers; j++)
            LayerSizes[j] = config.MlpWidth;
        LayerSizes[^1] = config.CompressedDimension;
        WeightOffsets = new int[LayerCount];
        var offset = 0;
        for (var j = 0; j < LayerCount; j++)
        {
            WeightOffsets[j] = offset;
            offset += LayerSizes[j + 1] * (LayerSizes[j] + 1);
        }
        MlpParameterCount = offset;
        GridParameterCount = config.Levels * config.TableSize * config.FeaturesPerLevel;
    }

    /// <summary>The layout of <paramref name="config"/> over <paramref name="bounds"/>.</summary>
    public static FieldLayout Create(FieldConfig config, Bounds bounds)
    {
        config.Validate();
        if (bounds.IsEmpty || !float.IsFinite(bounds.Min.X + bounds.Min.Y + bounds.Min.Z + bounds.Max.X + bounds.Max.Y + bounds.Max.Z))
            throw new ArgumentException($"scene bounds {bounds} are empty or not finite", nameof(bounds));
        var margin = 2 * config.NormalJitter + 0.01f * bounds.Diagonal + 1e-6f;
        var size = bounds.Size;
        var side = MathF.Max(size.X, MathF.Max(size.Y, size.Z)) + 2 * margin;
        var origin = bounds.Center - new Vector3(side / 2);
        var finest = Math.Clamp(Math.Ceiling(side / (double)config.FinestCellSize), config.BaseResolution, config.MaxResolution);
        var levels = new float[config.Levels];
        var growth = config.Levels > 1 ? Math.Exp(Math.Log(finest / config.BaseResolution) / (config.Levels - 1)) : 1;
        for (var l = 0; l < config.Levels; l++)
            levels[l] = (float)Math.Min(Math.Floor(config.BaseResolution * Math.Pow(growth, l) + 1e-9), finest);
        return new FieldLayout(config, origin, side, levels);
    }

    public FieldConfig Config { get; }

    /// <summary>The low corner of the cubic box the grid covers.</summary>
    public Vector3 Origin { get; }

    /// <summary>The box's side in metres.</summary>
    public float Side { get; }

    /// <summary>Cells along a side per level, coarse to fine (whole numbers).</summary>
    public float[] LevelResolutions { get; }

    /// <summary>Per level, 1 when the table is indexed densely, 0 when hashed.</summary>
    public int[] LevelDense { get; }

    /// <summary>Neurons per layer boundary: input, hidden…, output (K).</summary>
    public int[] LayerSizes { get; }

    /// <summary>Dense layers (hidden layers + the output layer).</summary>
    public int LayerCount => LayerSizes.Length - 1;

    /// <summary>Offset of layer j's weights in the MLP parameters; its biases follow the out×in weights.</summary>
    public int[] WeightOffsets { get; }

    public int MlpParameterCount { get; }

    public int GridParameterCount { get; }

    public GridParams GridParams => new()
    {
        Levels = Config.Levels,
        Features = Config.FeaturesPerLevel,
        TableSize = Config.TableSize,
        InputDim = Config.InputDimension,
        HasScale = Config.ScaleInput ? 1 : 0,
        OriginX = Origin.X,
        OriginY = Origin.Y,
        OriginZ = Origin.Z,
        InvSide = 1f / Side,
    };

    /// <summary>Initial weights: grid entries uniform in ±1e-4 (as instant-NGP), hidden layers He-uniform, the output layer Glorot-uniform, biases zero.</summary>
    public (float[] Grid, float[] Mlp) InitialWeights()
    {
        var random = new DeterministicRandom(Config.Seed, stream: 7);
        var grid = new float[GridParameterCount];
        for (var i = 0; i < grid.Length; i++)
            grid[i] = random.NextSingle(-1e-4f, 1e-4f);
        var mlp = new float[MlpParameterCount];
        for (var j = 0; j < LayerCount; j++)
        {
            int fanIn = LayerSizes[j], fanOut = LayerSizes[j + 1];
            var limit = j < LayerCount - 1 ? MathF.Sqrt(6f / fanIn) : MathF.Sqrt(6f / (fanIn + fanOut));
            for (var i = 0; i < fanIn * fanOut; i++)
                mlp[WeightOffsets[j] + i] = random.NextSingle(-limit, limit);
        }
        return (grid, mlp);
    }
}

/// <summary>The hash grid's scalars as kernels take them.</summary>
internal struct GridParams
{
    public int Levels;
    public int Features;
    public int TableSize;
    public int InputDim;
    public int HasScale;
    public float OriginX;
    public float OriginY;
    public float OriginZ;
    public float InvSide;
}

/// <summary>Adam's scalars for one step as kernels take them.</summary>
internal struct AdamParams
{
    public float LearningRate;
    public float Beta1;
    public float Beta2;
    public float Epsilon;
    /// <summary>1 − β1^t.</summary>
    public float Correction1;
    /// <summary>1 − β2^t.</summary>
    public float Correction2;
    /// <summary>1: leave parameters whose gradient is exactly zero (and their moments) untouched (lazy Adam, for the hash tables).</summary>
    public int SkipZero;
}
