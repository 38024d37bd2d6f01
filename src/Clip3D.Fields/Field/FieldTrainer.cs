using System.Diagnostics;
using System.Globalization;
using Clip3D.Fields.Compression;
using Clip3D.Mesh;

namespace Clip3D.Fields.Field;

/// <summary>
/// Trains a <see cref="FeatureField"/> with ILGPU kernels on the accelerator <see cref="FieldConfig.Accelerator"/>
/// names. Each step draws <see cref="FieldConfig.BatchSize"/> random points, moves each along its normal by up to
/// ±<see cref="FieldConfig.NormalJitter"/>, runs the hash encoding and MLP forward, the cosine loss to the point's
/// compressed feature (equal to the cosine of the decoded features; see <see cref="FeatureCompression.Frame"/>), the
/// backward passes (hash-table gradients with atomic adds) and Adam — all in kernels; the host only reads the loss
/// back every <see cref="FieldConfig.LogEvery"/> steps. Deterministic on the CPU up to the order of the atomic adds.
/// </summary>
public sealed class FieldTrainer
{
    private readonly Action<string>? _log;

    /// <param name="config">Validated here.</param>
    /// <param name="log">Receives one line per logged step and a summary line; null for none.</param>
    public FieldTrainer(FieldConfig config, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validate();
        _log = log;
    }

    public FieldConfig Config { get; }

    /// <summary>
    /// Trains a field on <paramref name="data"/> over <paramref name="bounds"/> (the scene's). <c>progress</c> (optional)
    /// receives the number of steps done after each step; <c>cancellationToken</c> is checked before every step.
    /// </summary>
    /// <exception cref="ArgumentException">The data's K differs from the compression's or the config's.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not available.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public FieldTrainingResult Train(FieldTrainingData data, FeatureCompression compression, Bounds bounds,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(compression);
        data.RequireDimension(compression, Config);
        var layout = FieldLayout.Create(Config, bounds);
        var (grid, mlp) = layout.InitialWeights();
        var setup = Stopwatch.StartNew();
        using var device = FieldDevice.Open(Config.Accelerator);
        using var session = new FieldKernelSession(device, layout, grid, mlp, Config.BatchSize, data, compression.Frame);
        var seed = FieldRandom.Seed(Config.Seed);
        // Compile every kernel before the clock starts: one step on a throw-away batch is not possible without
        // changing the weights, so warm up the forward only.
        session.DrawBatch(seed, 0);
        session.Forward();
        device.Synchronize();
        setup.Stop();
        _log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"field: {device.Name}, {data.Count} points, {layout.GridParameterCount:N0} grid + {layout.MlpParameterCount:N0} MLP parameters, " +
            $"levels {layout.LevelResolutions[0]}…{layout.LevelResolutions[^1]} over a {layout.Side:0.###} m box, setup {setup.Elapsed.TotalSeconds:0.00} s"));
        var losses = new List<FieldLossPoint>();
        var clock = Stopwatch.StartNew();
        for (var step = 1; step <= Config.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.DrawBatch(seed, step);
            session.Forward();
            session.Backward();
            session.Adam(step);
            if (step == 1 || step == Config.Steps || step % Config.LogEvery == 0)
            {
                var loss = session.ReadLosses().Average(l => (double)l);
                var point = new FieldLossPoint(step, clock.Elapsed.TotalSeconds, loss);
                losses.Add(point);
                _log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"field: step {step}/{Config.Steps}, loss {loss:0.00000}, {point.Seconds:0.00} s"));
            }
            progress?.Report(step);
        }
        device.Synchronize();
        clock.Stop();
        var field = new FeatureField(layout, session.ReadGrid(), session.ReadMlp(), compression);
        var summary = new FieldTrainingSummary
        {
            FirstLoss = losses[0].Loss,
            LastLoss = losses[^1].Loss,
            Steps = Config.Steps,
            BatchSize = Config.BatchSize,
            Seconds = clock.Elapsed.TotalSeconds,
            SetupSeconds = setup.Elapsed.TotalSeconds,
            Accelerator = device.Name,
            Losses = losses,
        };
        _log?.Invoke("field: " + summary);
        return new FieldTrainingResult(field, summary);
    }
}
