namespace Clip3D.Cli.Tests;

/// <summary>Runs the <c>clip3d</c> command in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Skips the test, with the renderer's one-line reason, where no headless OpenGL context can be made.</summary>
    public static void RequireRendering()
    {
        try
        {
            using var renderer = new Views.Rendering.HeadlessRenderer();
        }
        catch (Views.Rendering.RenderingUnavailableException e)
        {
            throw new Xunit.SkipException(e.Message);
        }
    }
}
