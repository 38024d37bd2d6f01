using System.Text.Json;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d classify</c> with the shipped default encoder on a small box model (two views, so it stays fast).</summary>
public class ClassifyCommandTests
{
    private const string BoxObj = """
        v 0 0 0
        v 1 0 0
        v 1 1 0
        v 0 1 0
        v 0 0 1
        v 1 0 1
        v 1 1 1
        v 0 1 1
        f 1 4 3 2
        f 5 6 7 8
        f 1 2 6 5
        f 2 3 7 6
        f 3 4 8 7
        f 4 1 5 8
        """;

    [SkippableFact]
    public void PrintsEveryLabelWithItsProbabilityBestFirstAsOneJsonDocument()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var box = Path.Combine(dir.Path, "box.obj");
        File.WriteAllText(box, BoxObj);
        var (code, stdout, stderr) = CliRunner.Run("classify", box, "--labels", "cow, teapot,box", "--views", "2", "--json");
        Assert.True(code == 0, $"exit {code}: {stderr}");

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(box, root.GetProperty("model").GetString());
        Assert.Equal(2, root.GetProperty("views").GetInt32());
        var labels = root.GetProperty("labels").EnumerateArray().ToArray();
        Assert.Equal(["box", "cow", "teapot"], labels.Select(l => l.GetProperty("label").GetString()).Order());
        var probabilities = labels.Select(l => l.GetProperty("probability").GetDouble()).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 6);
        Assert.Equal(probabilities.OrderDescending(), probabilities);

        var (textCode, text, _) = CliRunner.Run("classify", box, "--labels", "cow,teapot", "--views", "1");
        Assert.Equal(0, textCode);
        Assert.Contains("1 views in", text);
        Assert.Contains("%", text);
    }

    [Theory]
    [InlineData("cow,,teapot", "error: --labels: expected comma-separated labels such as cow,teapot,chair, got 'cow,,teapot' (a label is empty)")]
    [InlineData("cow", "error: --labels: expected at least two labels (probabilities are among the labels given), got 'cow'")]
    [InlineData("cow,Cow", "error: --labels: 'cow' is given twice")]
    public void BadLabelsAreOneErrorLineWithExitCode2(string labels, string message)
    {
        using var dir = new TempDirectory();
        var box = Path.Combine(dir.Path, "box.obj");
        File.WriteAllText(box, BoxObj);
        var (code, stdout, stderr) = CliRunner.Run("classify", box, "--labels", labels);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(message, stderr.Trim());
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var (code, _, stderr) = CliRunner.Run("classify", "/nonexistent/cow.obj", "--labels", "cow,teapot");
        Assert.Equal(2, code);
        Assert.Equal("error: /nonexistent/cow.obj: no such file", stderr.Trim());
    }
}
