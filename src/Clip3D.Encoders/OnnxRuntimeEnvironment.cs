using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Clip3D.Encoders;

/// <summary>
/// The process-wide ONNX Runtime environment, created with a logging callback instead of the runtime's default
/// console log: the runtime explains a CUDA load failure (e.g. which libcublasLt.so.13 is missing) only in its log,
/// printed in colour on stderr, while the exception says just "Failed to load shared library". Messages logged on a
/// thread inside <see cref="Capture"/> are collected for the encoder's warning; others are dropped (every error
/// also reaches the caller as an exception). When the host created the environment first, its logging stays.
/// </summary>
internal static partial class OnnxRuntimeEnvironment
{
    private static readonly object Gate = new();

    // Kept in a static field: the runtime holds a pointer to this delegate for the life of the process.
    private static readonly DOrtLoggingFunction Logger = OnLog;

    [ThreadStatic]
    private static List<string>? _captured;

    /// <summary>Creates the environment with Clip3D's logger unless one exists already.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (OrtEnv.IsCreated)
                return;
            var options = new EnvironmentCreationOptions
            {
                logId = "clip3d",
                logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
                loggingFunction = Logger,
            };
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
    }

    /// <summary>Runs <paramref name="action"/>, collecting the runtime's error messages logged on this thread meanwhile.</summary>
    public static IReadOnlyList<string> Capture(Action action)
    {
        var previous = _captured;
        var messages = new List<string>();
        _captured = messages;
        try
        {
            action();
        }
        finally
        {
            _captured = previous;
        }
        return messages;
    }

    /// <summary>
    /// The useful part of a runtime log line: "Failed to load library /long/path/libX.so with error: libY.so.13: cannot
    /// open shared object file" becomes "libX.so: libY.so.13: cannot open shared object file".
    /// </summary>
    public static string Summarize(string message)
    {
        var failedLoad = FailedLoad().Match(message);
        if (failedLoad.Success)
            return $"{Path.GetFileName(failedLoad.Groups[1].Value)}: {failedLoad.Groups[2].Value.Trim()}";
        int status = message.LastIndexOf(" : ", StringComparison.Ordinal);
        return (status >= 0 ? message[(status + 3)..] : message).Trim();
    }

    [GeneratedRegex(@"Failed to load library (\S+) with error: (.*)$", RegexOptions.Singleline)]
    private static partial Regex FailedLoad();

    private static void OnLog(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        _captured?.Add(message);
    }
}
