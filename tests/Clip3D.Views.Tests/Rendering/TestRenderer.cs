using Clip3D.Mesh;
using Clip3D.Views.Rendering;
using Xunit;

namespace Clip3D.Views.Tests.Rendering;

/// <summary>Creates renderers for tests, which skip (with the renderer's one-line reason) where EGL is unavailable.</summary>
internal static class TestRenderer
{
    public static HeadlessRenderer Create(RenderOptions? options = null)
    {
        try
        {
            return new HeadlessRenderer(options);
        }
        catch (RenderingUnavailableException e)
        {
            throw new SkipException(e.Message);
        }
    }

    public static HeadlessRenderer Create(Scene scene, RenderOptions? options = null)
    {
        var renderer = Create(options);
        try
        {
            renderer.Upload(scene);
            return renderer;
        }
        catch
        {
            renderer.Dispose();
            throw;
        }
    }
}
