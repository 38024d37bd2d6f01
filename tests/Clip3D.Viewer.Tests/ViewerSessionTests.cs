using Clip3D.Indexing;
using Clip3D.Tests;
using Clip3D.Views.Rendering;
using Clip3D.Views.Tests.Features;
using Xunit;

namespace Clip3D.Viewer.Tests;

/// <summary>The two-boxes test scene indexed with the colour-reading fake encoder (a build of a second or two).</summary>
public sealed class TwoBoxesIndex : IDisposable
{
    private readonly ColourEncoder _encoder = new();

    public TwoBoxesIndex()
    {
        Scene = TestScenes.TwoBoxes();
        try
        {
            Index = SceneIndex.BuildAsync(Scene, _encoder, TestScenes.SmallBuild).GetAwaiter().GetResult();
        }
        catch (RenderingUnavailableException e)
        {
            SkipReason = e.Message;
        }
    }

    public Mesh.Scene Scene { get; }

    public SceneIndex? Index { get; }

    public string? SkipReason { get; }

    public ViewerContent Content() =>
        ViewerContent.FromMemory("two-boxes", Scene, Index ?? throw new SkipException(SkipReason!));

    public void Dispose()
    {
        Index?.Dispose();
        _encoder.Dispose();
    }
}

public class ViewerSessionTests(TwoBoxesIndex boxes) : IClassFixture<TwoBoxesIndex>
{
    [SkippableFact]
    public void AQuerySwitchesToRelevancyAndPaintsExactlyThePointsAtOrAboveTheThreshold()
    {
        using var content = boxes.Content();
        var session = new ViewerSession(content);
        Assert.Equal(ShadingMode.Colour, session.Mode);
        Assert.True(session.PointColours.IsEmpty);
        var answer = session.RunQuery("red");
        Assert.Equal(ShadingMode.Relevancy, session.Mode);
        Assert.StartsWith("\"red\": ", session.Status);
        Assert.True(session.Threshold >= 0.5f && session.Threshold <= session.MaxRelevancy);
        Assert.True(session.MedianRelevancy <= session.Threshold);
        AssertPainted(session, answer.Relevancy);
        int before = Painted(session);

        int version = session.PointColourVersion;
        session.AdjustThreshold(-5);
        Assert.True(session.PointColourVersion > version);
        AssertPainted(session, answer.Relevancy);
        Assert.True(Painted(session) >= before);
        session.SetThreshold(2f);
        Assert.Equal(1f, session.Threshold);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.SetThreshold(float.NaN));

        // The hottest point gets the colour map's hot end (red), as the PLY export's map gives it.
        int hottest = Enumerable.Range(0, answer.Relevancy.Count).MaxBy(i => float.IsNaN(answer.Relevancy[i]) ? -1 : answer.Relevancy[i]);
        session.SetThreshold(0.5f);
        Assert.Equal((255, 0, 0, 255), (session.PointColours[4 * hottest], session.PointColours[4 * hottest + 1], session.PointColours[4 * hottest + 2], session.PointColours[4 * hottest + 3]));
    }

    [SkippableFact]
    public void TheQueryBoxTypesRunsAndWalksItsHistory()
    {
        using var content = boxes.Content();
        var session = new ViewerSession(content);
        session.Type('x');
        Assert.Equal("", session.QueryInput);
        foreach (var text in new[] { "red", "blue box" })
        {
            session.BeginTyping();
            foreach (char c in text + "z") session.Type(c);
            session.Backspace();
            Assert.Equal(text, session.QueryInput);
            session.SubmitQuery();
            Assert.False(session.IsTyping);
        }
        Assert.Equal(["red", "blue box"], session.History);
        Assert.Equal("blue box", session.Answer!.Query);
        session.BeginTyping();
        session.HistoryPrevious();
        Assert.Equal("blue box", session.QueryInput);
        session.HistoryPrevious();
        session.HistoryPrevious();
        Assert.Equal("red", session.QueryInput);
        session.HistoryNext();
        Assert.Equal("blue box", session.QueryInput);
        session.HistoryNext();
        Assert.Equal("", session.QueryInput);
        session.Type('q');
        session.CancelTyping();
        Assert.Equal("blue box", session.Answer!.Query);
        Assert.Equal(2, session.History.Count);
    }

    [SkippableFact]
    public void ViewCamerasAreTheBuildsViewsAndTheMapIsBuiltOnce()
    {
        using var content = boxes.Content();
        var session = new ViewerSession(content);
        Assert.Equal(TestScenes.SmallBuild.Views, session.ViewCameras().Count);
        Assert.All(session.ViewCameras(), c => Assert.Equal((160, 120), (c.Intrinsics.Width, c.Intrinsics.Height)));
        var map = session.Map();
        Assert.NotNull(map);
        Assert.Same(map, session.Map());
        session.RunQuery("blue");
        Assert.NotSame(map, session.Map());
        Assert.Equal("blue", session.Map()!.Query);
    }

    [Fact]
    public void AMeshAloneCannotBeQueriedAndSaysSo()
    {
        using var content = ViewerContent.FromMemory("boxes.glb", boxes.Scene, null);
        var session = new ViewerSession(content);
        Assert.Contains("without an index", session.Status);
        Assert.Contains("boxes.glb is a mesh without an index", Assert.Throws<InvalidOperationException>(() => session.RunQuery("red")).Message);
        session.BeginTyping();
        session.Type('r');
        session.SubmitQuery();
        Assert.Contains("without an index", session.Status);
        Assert.Null(session.Map());
        Assert.Empty(session.ViewCameras());
        Assert.Null(session.Answer);
    }

    private static int Painted(ViewerSession session)
    {
        int painted = 0;
        for (int i = 3; i < session.PointColours.Length; i += 4) if (session.PointColours[i] == 255) painted++;
        return painted;
    }

    private static void AssertPainted(ViewerSession session, IReadOnlyList<float> relevancy)
    {
        Assert.Equal(relevancy.Count * 4, session.PointColours.Length);
        for (int i = 0; i < relevancy.Count; i++)
            Assert.Equal(relevancy[i] >= session.Threshold, session.PointColours[4 * i + 3] == 255);
    }
}
