namespace Clip3D.Cli;

/// <summary>The <c>clip3d</c> command: one verb per API call.</summary>
internal static class CliApp
{
    public static int Run(string[] args) => 0;
}
