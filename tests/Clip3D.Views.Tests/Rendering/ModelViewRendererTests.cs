using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Rendering;

public class ModelViewRendererTests
{
    [SkippableFact]
    public void RendersSquareViewsFromAroundTheModelOnTheGreyBackground()
    {
        var box = ViewTestScenes.Assemble(ViewTestScenes.Box("red box", new Vector3(0, 0, 0), new Vector3(1, 1, 1),
            new Material { Name = "red", BaseColor = new Vector4(0.9f, 0.1f, 0.1f, 1) }));
        using (var renderer = OpenRenderer())
        {
            var views = renderer.Render(box, 5, 40);
            Assert.Equal(5, views.Count);
            foreach (var view in views)
            {
                Assert.Equal((40, 40), (view.Width, view.Height));
                var rgb = view.Rgb;
                Assert.Equal(ModelViewRenderer.Background, (rgb[0], rgb[1], rgb[2])); // a corner shows the background
                int centre = (20 * 40 + 20) * 3;
                Assert.True(rgb[centre] > rgb[centre + 1] + 50, "the centre shows the red box");
            }
            Assert.NotEqual(views[0].Rgb.ToArray(), views[1].Rgb.ToArray()); // different viewpoints
            var again = renderer.Render(box, 5, 40);
            Assert.Equal(views[3].Rgb.ToArray(), again[3].Rgb.ToArray()); // same model, same views
        }
    }

    [Fact]
    public void TheMeanEmbeddingIsTheNormalisedMeanOfTheRows()
    {
        var mean = ModelViewRenderer.MeanEmbedding([1, 0, 0, 1, 5, 5], 2, 2);
        Assert.Equal(MathF.Sqrt(0.5f), mean[0], 5);
        Assert.Equal(MathF.Sqrt(0.5f), mean[1], 5);
        var e = Assert.Throws<ArgumentException>(() => ModelViewRenderer.MeanEmbedding([1, 0, 0], 2, 2));
        Assert.Contains("Expected 2 rows of 2 floats, got 3 floats", e.Message);
    }

    [SkippableFact]
    public void ARendererUsedFromAnotherThreadThrowsAndNamesTheRule()
    {
        var box = ViewTestScenes.Assemble(ViewTestScenes.Box("box", new Vector3(0, 0, 0), new Vector3(1, 1, 1)));
        using (var renderer = OpenRenderer())
        {
            var expected = renderer.Render(box, 2, 32)[1].Rgb.ToArray();
            foreach (var call in new Action[] { () => renderer.Render(box, 2, 32), renderer.Dispose })
            {
                Exception? caught = null;
                var thread = new Thread(() =>
                {
                    try { call(); }
                    catch (Exception e) { caught = e; }
                });
                thread.Start();
                thread.Join();
                var e = Assert.IsType<InvalidOperationException>(caught);
                Assert.Contains("belongs to the thread that created it", e.Message);
                Assert.Contains("Create one renderer per thread", e.Message);
            }
            // Nothing was drawn or freed by the refused calls.
            Assert.Equal(expected, renderer.Render(box, 2, 32)[1].Rgb.ToArray());
        }
    }

    /// <summary>A renderer, or a skip where no headless OpenGL context can be made.</summary>
    private static ModelViewRenderer OpenRenderer()
    {
        try
        {
            return new ModelViewRenderer();
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }
}
