using System.Numerics;
using Clip3D.Views.Cameras;
using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>One thread per renderer, GPU memory freed on re-upload and dispose, renderers independent.</summary>
public class HeadlessRendererLifetimeTests
{
    private static readonly Camera Camera = new(CameraIntrinsics.FromVerticalFov(96, 72, 55),
        CameraPose.LookAt(new Vector3(3, -3, 2.5f), new Vector3(0, 0, 0.4f)));

    [SkippableFact]
    public void CallsFromAnotherThreadThrowAndLeaveTheRendererUsable()
    {
        var scene = ViewTestScenes.Tabletop();
        using var renderer = TestRenderer.Create(scene);
        var expected = renderer.Render(Camera).PartId.ToArray();

        Exception? OnOtherThread(Action action)
        {
            Exception? caught = null;
            var thread = new Thread(() =>
            {
                try { action(); }
                catch (Exception e) { caught = e; }
            });
            thread.Start();
            thread.Join();
            return caught;
        }

        foreach (var call in new Action[] { () => renderer.Render(Camera), () => renderer.Upload(scene), renderer.Dispose })
        {
            var e = OnOtherThread(call);
            Assert.IsType<InvalidOperationException>(e);
            Assert.Contains("thread", e.Message);
        }
        Assert.Equal(expected, renderer.Render(Camera).PartId.ToArray());
    }

    [SkippableFact]
    public void ReuploadFreesTheOldSceneAndDisposeLetsAnotherRendererWork()
    {
        var first = ViewTestScenes.Assemble(ViewTestScenes.Box("box", new Vector3(-1, -1, 0), new Vector3(1, 1, 1)));
        var second = ViewTestScenes.Tabletop();
        RenderedView before;
        var renderer = TestRenderer.Create(first);
        try
        {
            var (buffers, textures) = renderer.SceneObjectNames();
            Assert.NotEmpty(buffers);
            Assert.Equal(buffers.Length + textures.Length, renderer.CountLiveObjects(buffers, textures));
            renderer.Upload(second);
            Assert.Equal(0, renderer.CountLiveObjects(buffers, textures));
            Assert.Same(second, renderer.Scene);
            before = renderer.Render(Camera);
        }
        finally
        {
            renderer.Dispose();
        }
        Assert.Throws<ObjectDisposedException>(() => renderer.Render(Camera));
        Assert.Throws<ObjectDisposedException>(() => renderer.Upload(second));
        renderer.Dispose(); // a second Dispose does nothing

        using var again = TestRenderer.Create(second);
        var after = again.Render(Camera);
        Assert.True(after.CoveredPixelCount() > 0);
        Assert.Equal(before.PartId.ToArray(), after.PartId.ToArray());
        Assert.Equal(before.TriangleId.ToArray(), after.TriangleId.ToArray());
        Assert.Equal(before.Depth.ToArray(), after.Depth.ToArray());
        Assert.Equal(before.Colour.ToArray(), after.Colour.ToArray());
    }

    [SkippableFact]
    public void TwoRenderersOnOneThreadKeepTheirOwnScenes()
    {
        using var boxes = TestRenderer.Create(ViewTestScenes.Assemble(ViewTestScenes.Box("box", new Vector3(-1, -1, 0), new Vector3(1, 1, 1))));
        using var table = TestRenderer.Create(ViewTestScenes.Tabletop());
        var a = boxes.Render(Camera);
        var b = table.Render(Camera);
        var a2 = boxes.Render(Camera);
        Assert.Equal([0], a.PartId.ToArray().Where(p => p >= 0).Distinct());
        Assert.Equal([0, 1, 2], b.PartId.ToArray().Where(p => p >= 0).Distinct().Order());
        Assert.Equal(a.TriangleId.ToArray(), a2.TriangleId.ToArray());
    }

    [SkippableFact]
    public void RenderingBeforeUploadAndOtherImageSizesBehave()
    {
        using var renderer = TestRenderer.Create();
        Assert.Contains("OpenGL", renderer.Description);
        Assert.Throws<InvalidOperationException>(() => renderer.Render(Camera));
        renderer.Upload(ViewTestScenes.Tabletop());
        var small = renderer.Render(Camera);
        var large = renderer.Render(Camera with { Intrinsics = Camera.Intrinsics.Resize(192, 144) });
        Assert.Equal((96, 72), (small.Width, small.Height));
        Assert.Equal((192, 144), (large.Width, large.Height));
        // Twice the resolution sees the same surfaces: about four times the covered pixels.
        double ratio = large.CoveredPixelCount() / (double)small.CoveredPixelCount();
        Assert.InRange(ratio, 3.6, 4.4);
    }

    [Fact]
    public void TheUnavailableMessageIsOneLineNamingTheDebianPackages()
    {
        var e = new RenderingUnavailableException("libEGL.so.1 could not be loaded");
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("libEGL.so.1 could not be loaded", e.Message);
        Assert.Contains("libegl1 libegl-mesa0 libgl1-mesa-dri", e.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejectedBeforeAContextIsMade()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeadlessRenderer(new RenderOptions { Msaa = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeadlessRenderer(new RenderOptions { Ambient = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeadlessRenderer(new RenderOptions { NearPlane = 2, FarPlane = 1 }));
    }
}
