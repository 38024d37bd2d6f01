using System.CommandLine;
using Clip3D.Mesh.Demo;

namespace Clip3D.Cli.Commands;

/// <summary><c>clip3d scenes [--out DIR] [--name NAME]</c>: (re)generates the procedural demo scenes and their labels.</summary>
internal static class ScenesCommand
{
    public static Command Create(CliOutput io)
    {
        var output = new Option<string>("--out", "-o") { Description = "Folder to write <name>.glb and <name>.labels.json into.", DefaultValueFactory = _ => "scenes" };
        var name = new Option<string?>("--name") { Description = $"Only this scene ({string.Join(", ", DemoScenes.Names)}); default all." };
        var command = new Command("scenes", "Generate the procedural demo scenes (labelled .glb plus ground-truth .labels.json).") { output, name };
        command.SetAction(result =>
        {
            var folder = result.GetValue(output)!;
            var only = result.GetValue(name);
            if (only is not null && !DemoScenes.Names.Contains(only))
                throw new CliInputException($"--name: unknown scene '{only}' (known: {string.Join(", ", DemoScenes.Names)})");
            var written = only is null ? DemoScenes.WriteAll(folder) : [DemoScenes.Write(only, folder)];
            foreach (var files in written)
                io.Out.WriteLine($"{files.Name}: {files.GlbPath}, {files.LabelsPath}");
            return CliApp.ExitOk;
        });
        return command;
    }
}
