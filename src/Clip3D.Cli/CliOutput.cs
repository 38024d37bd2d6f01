using Spectre.Console;

namespace Clip3D.Cli;

/// <summary>Where a command writes: results to <see cref="Out"/>, diagnostics to the error writer.</summary>
internal sealed class CliOutput
{
    public CliOutput(TextWriter output, TextWriter error)
    {
        Out = output;
        Err = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            // Colours only on a real terminal; tests and pipes get plain text.
            Ansi = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.Detect,
        });
        // Spectre assumes 80 columns when output is not a terminal; tables of long part names would wrap.
        if (!ReferenceEquals(output, System.Console.Out) || System.Console.IsOutputRedirected)
            Console.Profile.Width = 200;
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    /// <summary>Whether diagnostics go to a terminal, where a progress line can be redrawn with a carriage return.</summary>
    public bool ErrIsTerminal => ReferenceEquals(Err, System.Console.Error) && !System.Console.IsErrorRedirected;

    /// <summary>Spectre console over <see cref="Out"/> for tables.</summary>
    public IAnsiConsole Console { get; }

    public void Error(string message) => Err.WriteLine($"error: {message}");

    public void Warning(string message) => Err.WriteLine($"warning: {message}");
}
