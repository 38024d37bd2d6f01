using Microsoft.ML.OnnxRuntime;

namespace Clip3D.Encoders;

/// <summary>
/// Creates every ONNX Runtime session of the encoders with <see cref="OnnxEncoderOptions"/>: CUDA when asked for
/// (or found by <see cref="OnnxExecutionProvider.Auto"/>) and loadable, else the CPU with a warning saying why —
/// any exception while appending or running CUDA counts (missing libcudart/cuBLAS/cuDNN, no driver, a wrong CUDA
/// major version). Owns the sessions and their options and disposes them together.
/// </summary>
internal sealed class OnnxSessionFactory : IDisposable
{
    private readonly OnnxEncoderOptions _options;
    private readonly List<IDisposable> _owned = [];
    private readonly List<string> _warnings = [];
    private bool _useCuda;

    public OnnxSessionFactory(OnnxEncoderOptions? options)
    {
        _options = options ?? OnnxEncoderOptions.Default;
        _options.Validate();
        OnnxRuntimeEnvironment.Ensure();
        _useCuda = _options.ExecutionProvider != OnnxExecutionProvider.Cpu;
    }

    public OnnxEncoderOptions Options => _options;

    /// <summary>CUDA if every session so far runs on it, else the CPU.</summary>
    public OnnxExecutionProvider ExecutionProvider => _useCuda ? OnnxExecutionProvider.Cuda : OnnxExecutionProvider.Cpu;

    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>A session over the model file at <paramref name="file"/>.</summary>
    public InferenceSession Create(string file) => Create(file, options => new InferenceSession(file, options));

    /// <summary>A session over the model bytes; <paramref name="file"/> names them in messages.</summary>
    public InferenceSession Create(string file, byte[] model) => Create(file, options => new InferenceSession(model, options));

    /// <summary>Records a warning (also sent to the options' log).</summary>
    public void Warn(string message)
    {
        _warnings.Add(message);
        _options.Log?.Invoke(message);
    }

    private InferenceSession Create(string file, Func<SessionOptions, InferenceSession> open)
    {
        InferenceSession? session = null;
        if (_useCuda)
        {
            SessionOptions? cuda = null;
            Exception? failure = null;
            var log = OnnxRuntimeEnvironment.Capture(() =>
            {
                try
                {
                    cuda = CreateOptions(cuda: true);
                    session = open(cuda);
                }
                catch (Exception e)
                {
                    // Missing CUDA libraries, no driver, a model CUDA cannot run: the CPU runs it.
                    failure = e;
                }
            });
            if (failure is not null)
            {
                cuda?.Dispose();
                var why = log.Count > 0 ? $"{FirstLine(failure.Message)}: {OnnxRuntimeEnvironment.Summarize(log[^1])}" : FirstLine(failure.Message);
                Warn($"{file}: CUDA is not available ({why}); running on the CPU");
                _useCuda = false;
            }
            else
                _owned.Add(cuda!);
        }
        if (session is null)
        {
            var cpu = CreateOptions(cuda: false);
            try
            {
                session = open(cpu);
                _owned.Add(cpu);
            }
            catch (OnnxRuntimeException e)
            {
                cpu.Dispose();
                throw new ModelFolderException(file, $"{file}: ONNX Runtime cannot load it: {FirstLine(e.Message)}", e);
            }
        }
        _owned.Add(session);
        return session;
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        _owned.Clear();
    }

    public static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    private SessionOptions CreateOptions(bool cuda)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // Problems reach the caller as exceptions and warnings; the runtime's own log would repeat them on stderr.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
        if (_options.IntraOpThreads > 0)
            options.IntraOpNumThreads = _options.IntraOpThreads;
        if (cuda)
        {
            try
            {
                options.AppendExecutionProvider_CUDA(_options.DeviceId);
            }
            catch
            {
                options.Dispose();
                throw;
            }
        }
        return options;
    }

}
