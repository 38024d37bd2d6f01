using Clip3D.Mesh;
using Clip3D.Testing;
using Clip3D.Viewer;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Cli.Tests.Commands;

/// <summary><c>clip3d view</c>: headless screenshots (EGL) and their input errors.</summary>
public class ViewCommandTests
{
    private static string Room => Path.Combine(SharedAssets.RepositoryRoot, "scenes", "room.glb");

    [SkippableFact]
    public void ScreenshotOfAMeshIsAPngOfTheAskedSizeShowingTheScene()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var png = Path.Combine(dir.Path, "room.png");
        var (code, stdout, stderr) = CliRunner.Run("view", Room, "--screenshot", png, "--size", "320x200");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains("wrote", stdout);
        var (rgba, width, height) = HeatmapPixels.ReadPng(png);
        Assert.Equal((320, 200), (width, height));
        // Where the view renderer sees a part, the frame is not the background colour.
        var ids = HeatmapPixels.PartIds(SceneReader.Load(Room), width, height);
        int scenePixels = 0, differing = 0;
        for (int i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0) continue;
            scenePixels++;
            if (Math.Abs(rgba[4 * i] - 41) + Math.Abs(rgba[4 * i + 1] - 43) + Math.Abs(rgba[4 * i + 2] - 48) > 12) differing++;
        }
        Assert.True(scenePixels > ids.Length / 5, $"the room covers only {scenePixels} pixels");
        Assert.True(differing > scenePixels * 0.9, $"{differing} of {scenePixels} scene pixels differ from the background");
    }

    [SkippableFact]
    public void PartIdShadingPaintsEachPartInItsPaletteColour()
    {
        CliRunner.RequireRendering();
        using var dir = new TempDirectory();
        var png = Path.Combine(dir.Path, "parts.png");
        var (code, _, stderr) = CliRunner.Run("view", Room, "--screenshot", png, "--size", "320x200", "--shading", "part-ids");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        var (rgba, width, height) = HeatmapPixels.ReadPng(png);
        var ids = HeatmapPixels.PartIds(SceneReader.Load(Room), width, height);
        int checkedPixels = 0, matching = 0;
        for (int y = 50; y < height - 30; y++)
            for (int x = 1; x < width - 1; x++)
            {
                int i = y * width + x, id = ids[i];
                if (id < 0 || ids[i - 1] != id || ids[i + 1] != id || ids[i - width] != id || ids[i + width] != id) continue;
                checkedPixels++;
                var (r, g, b) = PartPalette.Colour(id);
                if (Math.Abs(rgba[4 * i] - r) + Math.Abs(rgba[4 * i + 1] - g) + Math.Abs(rgba[4 * i + 2] - b) <= 3) matching++;
            }
        Assert.True(checkedPixels > 1000);
        Assert.True(matching > checkedPixels * 0.97, $"{matching} of {checkedPixels} interior pixels have their part's palette colour");
    }

    [Fact]
    public void InputErrorsAreOneLineAndExitTwo()
    {
        using var dir = new TempDirectory();
        var png = Path.Combine(dir.Path, "x.png");
        var cases = new (string[] Args, string Message)[]
        {
            (["view", Room, "--query", "sofa", "--screenshot", png], "--query: " + Room + " is a mesh"),
            (["view", Room, "--screenshot", Path.Combine(dir.Path, "x.jpg")], "--screenshot: expected a .png file"),
            (["view", Room, "--screenshot", Path.Combine(dir.Path, "missing", "x.png")], "--screenshot: the folder of"),
            (["view", Room, "--screenshot", png, "--size", "0x5"], "--size: expected W or WxH"),
            (["view", Room, "--screenshot", png, "--shading", "plaid"], "--shading: expected colour, normals, part-ids or relevancy"),
            (["view", Room, "--screenshot", png, "--threshold", "1.5"], "--threshold: expected a number in [0, 1]"),
            (["view", Room, "--scene", Room, "--screenshot", png], "a scene file is only taken with a .c3d index"),
            (["view", Path.Combine(dir.Path, "none.c3d"), "--screenshot", png], "none.c3d"),
        };
        foreach (var (args, message) in cases)
        {
            var (code, _, stderr) = CliRunner.Run(args);
            Assert.True(code == 2, $"{string.Join(' ', args)} → exit {code}: {stderr}");
            Assert.Contains(message, stderr);
            Assert.StartsWith("error: ", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        Assert.False(File.Exists(png));
    }

    [Fact]
    public void WithoutADisplayTheWindowSaysSoInOneLineAndSuggestsAScreenshot()
    {
        string? display = Environment.GetEnvironmentVariable("DISPLAY"), wayland = Environment.GetEnvironmentVariable("WAYLAND_DISPLAY");
        try
        {
            Environment.SetEnvironmentVariable("DISPLAY", null);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", null);
            var (code, _, stderr) = CliRunner.Run("view", Room);
            Assert.Equal(2, code);
            Assert.StartsWith("error: no display", stderr);
            Assert.Contains("--screenshot", stderr);
            Assert.Contains("xvfb-run", stderr);
            Assert.Single(stderr.Trim().Split('\n'));
        }
        finally
        {
            Environment.SetEnvironmentVariable("DISPLAY", display);
            Environment.SetEnvironmentVariable("WAYLAND_DISPLAY", wayland);
        }
    }
}

/// <summary>
/// A query on the room demo scene, headless and in a real window under Xvfb: the queried object's pixels move towards the
/// colour map's hot end compared with the same frame without the query, and the other pixels do not.
/// </summary>
public class ViewQueryScreenshotTests(SmallRoomIndex index, ITestOutputHelper output) : IClassFixture<SmallRoomIndex>
{
    private const int Width = 640, Height = 400;

    private static string Room => Path.Combine(SharedAssets.RepositoryRoot, "scenes", "room.glb");

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void AnIndexFindsItsSceneWhereItWasBuiltFromWithoutBeingTold()
    {
        // The index lies in a temporary folder and names its scene "room.glb", which is neither in the working folder nor
        // beside it: the build recorded where it read the scene, and the viewer finds it there.
        var path = index.Require();
        using var dir = new TempDirectory();
        string png = Path.Combine(dir.Path, "room.png");
        var (code, _, stderr) = CliRunner.Run("view", path, "--screenshot", png, "--size", "320x200");
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.True(new FileInfo(png).Length > 0);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void HeadlessQueryScreenshotHeatsTheSofaAndNothingElse()
    {
        var path = index.Require();
        using var dir = new TempDirectory();
        string without = Path.Combine(dir.Path, "room.png"), with = Path.Combine(dir.Path, "sofa.png");
        // In-process through the library (one index load): the frame without a query, then with one.
        using (var content = ViewerContent.Open(path, Room))
        {
            var session = new ViewerSession(content) { Mode = ShadingMode.Relevancy };
            using var viewer = new HeadlessViewer(session);
            viewer.SavePng(without, Width, Height);
            var answer = session.RunQuery("sofa");
            Assert.Equal(ShadingMode.Relevancy, session.Mode);
            Assert.StartsWith("sofa", answer.Hits[0].Label);
            viewer.SavePng(with, Width, Height);
        }
        AssertHeatOnSofaOnly(without, with);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void WindowUnderXvfbAnswersATypedQueryWithTheSameHeat()
    {
        var path = index.Require();
        using var xvfb = XvfbDisplay.Start();
        using var dir = new TempDirectory();
        var shot = Path.Combine(dir.Path, "shot.png");
        var before = Path.Combine(dir.Path, "before.png");
        using var viewer = XvfbDisplay.StartClip3d(xvfb.Display, "view", path, "--scene", Room, "--size", $"{Width}x{Height}", "--screenshot-on-key", shot);
        try
        {
            string window = XvfbDisplay.WaitForWindow(xvfb.Display, "clip3d view", viewer);
            XvfbDisplay.Xdotool(xvfb.Display, "windowfocus", window);
            // The frame before the query, then the query typed into the window's box, then the frame after it.
            XvfbDisplay.Xdotool(xvfb.Display, "key", "F12");
            XvfbDisplay.WaitForFile(shot, viewer);
            File.Move(shot, before);
            XvfbDisplay.Xdotool(xvfb.Display, "key", "slash");
            XvfbDisplay.Xdotool(xvfb.Display, "type", "--delay", "40", "sofa");
            XvfbDisplay.Xdotool(xvfb.Display, "key", "Return");
            XvfbDisplay.Xdotool(xvfb.Display, "key", "F12");
            XvfbDisplay.WaitForFile(shot, viewer);
            XvfbDisplay.Xdotool(xvfb.Display, "key", "q");
            Assert.True(viewer.Process.WaitForExit(TimeSpan.FromSeconds(30)), "the window did not close on q");
            viewer.Process.WaitForExit();
            Assert.True(viewer.Process.ExitCode == 0, $"exit {viewer.Process.ExitCode}: {viewer.Errors}");
        }
        finally
        {
            if (!viewer.Process.HasExited) viewer.Process.Kill(entireProcessTree: true);
        }
        AssertHeatOnSofaOnly(before, shot);
    }

    internal void AssertHeatOnSofaOnly(string withoutPng, string withPng)
    {
        var scene = SceneReader.Load(Room);
        var (before, width, height) = HeatmapPixels.ReadPng(withoutPng);
        var (after, width2, height2) = HeatmapPixels.ReadPng(withPng);
        Assert.Equal((width, height), (width2, height2));
        var ids = HeatmapPixels.PartIds(scene, width, height);
        var sofa = Enumerable.Range(0, scene.Parts.Count).Where(p => scene.Parts[p].Name.StartsWith("sofa", StringComparison.Ordinal)).ToHashSet();
        Assert.NotEmpty(sofa);
        var shift = HeatmapPixels.Compare(before, after, ids, width, height, sofa);
        output.WriteLine(shift.ToString());
        Assert.True(shift.ObjectPixels > 500, shift.ToString());
        // The small index (two 160×120 views) sees part of the sofa: about 18% of its pixels turn hot, mean gain 0.18.
        Assert.True(shift.ObjectGain > 0.08, shift.ToString());
        Assert.True(shift.ObjectHotterShare > 0.08, shift.ToString());
        Assert.True(shift.OtherGain < shift.ObjectGain / 10, shift.ToString());
        Assert.True(shift.OtherHotterShare < 0.02, shift.ToString());
    }
}
