using System.CommandLine;
using Clip3D.Cli.Commands;

namespace Clip3D.Cli;

/// <summary>
/// The <c>clip3d</c> command: one verb per API call. Results go to standard output (human-readable, or one JSON
/// object with <c>--json</c>); progress and errors go to standard error. A failure the user can fix (a bad file,
/// bad options) prints one line <c>error: &lt;file&gt;: &lt;problem&gt;</c> and exits with code 2.
/// </summary>
internal static class CliApp
{
    public const int ExitOk = 0;
    public const int ExitUsage = 1;
    public const int ExitInputError = 2;
    public const int ExitInternalError = 3;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs with explicit output writers, so tests can run the command in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var io = new CliOutput(output, error);
        var root = new RootCommand("Clip3D: 3D scene understanding for robots — read meshes, render views, query scenes by text.")
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
        };
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(configuration);
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
}

/// <summary>A problem with what the user asked for (a path, an option value), reported as one line with exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message);
