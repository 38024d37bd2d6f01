using System.CommandLine;
using System.CommandLine.Invocation;
using Clip3D.Cli.Commands;

namespace Clip3D.Cli;

/// <summary>
/// The <c>clip3d</c> command: one verb per API call. Results go to standard output (human-readable, or one JSON
/// object with <c>--json</c>); progress and errors go to standard error. A failure the user can fix (a bad file,
/// bad options) prints one line <c>error: &lt;file&gt;: &lt;problem&gt;</c> and exits with code 2. Ctrl-C (SIGINT) or
/// SIGTERM cancels the long commands (build, demo, query, encoder train-default) through their token: they print
/// <c>cancelled</c> and exit with code 130 (<see cref="SignalCancellation"/>).
/// </summary>
internal static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitUsage = 1;
    public const int ExitInputError = 2;
    public const int ExitInternalError = 3;

    /// <summary>Cancelled by Ctrl-C or SIGTERM: 128 + SIGINT's number, as shells report a program Ctrl-C ended.</summary>
    public const int ExitCancelled = 130;

    /// <summary>The exit codes, as the root command's help lists them (and the README's "Exit codes").</summary>
    public const string ExitCodesHelp = "Exit codes: 0 success, 1 bad command line, 2 the input cannot be used (a file, folder or option), 3 internal error, 130 cancelled (Ctrl-C or SIGTERM).";

    /// <summary>Runs on the console; the first Ctrl-C or SIGTERM cancels a command that takes a token.</summary>
    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, CancellationToken.None, handleSignals: true);

    /// <summary>Runs with explicit output writers, so tests can run the command in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CancellationToken.None, handleSignals: false);

    /// <summary>Runs in-process with a token that cancels the command as Ctrl-C would (for tests).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        Run(args, output, error, cancellationToken, handleSignals: false);

    private static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, bool handleSignals)
    {
        var io = new CliOutput(output, error);
        var root = new RootCommand("Clip3D: 3D scene understanding for robots — read meshes, render views, query scenes by text.\n" + ExitCodesHelp)
        {
            InspectCommand.Create(io),
            ScenesCommand.Create(io),
            RenderCommand.Create(io),
            TokenizeCommand.Create(io),
            EmbedCommand.Create(io),
            EncoderCommand.Create(io),
            BuildCommand.Create(io),
            QueryCommand.Create(io),
            FeaturesCommand.Create(io),
            DemoCommand.Create(io),
            MapCommand.Create(io),
            GoalCommand.Create(io),
            ClassifyCommand.Create(io),
            EvalCommand.Create(io),
            BenchCommand.Create(io),
            ViewCommand.Create(io),
        };
        // Signals are handled here (SignalCancellation), not by System.CommandLine's ProcessTerminationTimeout: once its
        // timeout passes, that returns the signal's exit code while the action may still be running, with no "cancelled".
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        var parsed = root.Parse(args);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = handleSignals && parsed.Action is AsynchronousCommandLineAction ? new SignalCancellation(cancellation) : null;
        try
        {
            return parsed.InvokeAsync(configuration, cancellation.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && IsCancellation(e))
        {
            // Every file is written atomically and only after the last cancellable step, so nothing is left half-written.
            error.WriteLine("cancelled");
            return ExitCancelled;
        }
        catch (Exception e) when (e is CliInputException or Mesh.MeshFormatException or Encoders.ModelFolderException
                                       or Fields.Index.IndexFileException or Fields.Field.FieldConfigException or Views.Rendering.RenderingUnavailableException
                                       or ArgumentException)
        {
            // What the user gave (a file, a folder, an option) is wrong or cannot be served here: one line, exit 2.
            io.Error(e.Message);
            return ExitInputError;
        }
        catch (Exception e)
        {
            // A bug, not a user error: still one line, with the type so it can be reported.
            io.Error($"internal error ({e.GetType().Name}): {e.Message}");
            if (Environment.GetEnvironmentVariable("CLIP3D_TRACE") == "1")
                error.WriteLine(e);
            return ExitInternalError;
        }
    }

    private static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.All(inner => inner is OperationCanceledException),
        _ => false,
    };
}

/// <summary>A problem with what the user asked for (a path, an option value), reported as one line with exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message);
