using System.Diagnostics;
using Clip3D.Viewer.Rendering;
using Clip3D.Views.Rendering;
using Silk.NET.OpenGL;

namespace Clip3D.Viewer;

/// <summary>
/// Draws viewer frames without a window, through the same EGL context the view renderer uses (an NVIDIA GPU where there
/// is one, Mesa's llvmpipe otherwise) and the same frame code as <see cref="ViewerWindow"/>: a screenshot is what the
/// window shows. Frames are drawn with 4× multisampling and resolved before they are read.
/// <para>Like the view renderer, it belongs to the thread that created it.</para>
/// </summary>
public sealed class HeadlessViewer : IDisposable
{
    private const int Samples = 4;

    private readonly EglContext _egl;
    private readonly GL _gl;
    private readonly FrameRenderer _frame;
    private uint _multisampleFramebuffer, _resolveFramebuffer;
    private readonly List<uint> _renderbuffers = [];
    private int _width, _height;

    /// <exception cref="RenderingUnavailableException">No headless OpenGL 3.3 context can be created here.</exception>
    public HeadlessViewer(ViewerSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
        _egl = EglContext.Create();
        try
        {
            _gl = GL.GetApi(_egl.GetProcAddress);
            _frame = new FrameRenderer(_gl, session);
        }
        catch
        {
            _egl.Dispose();
            throw;
        }
        Description = _egl.Description;
    }

    public ViewerSession Session { get; }

    /// <summary>One line naming the EGL display and the OpenGL implementation.</summary>
    public string Description { get; }

    /// <summary>Draws the session's frame at <paramref name="width"/> × <paramref name="height"/>: opaque RGBA, row 0 at the top.</summary>
    public byte[] Render(int width, int height)
    {
        DrawFrame(width, height);
        Resolve();
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _resolveFramebuffer);
        var pixels = FrameImage.Read(_gl, width, height);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        CheckError("drawing a viewer frame");
        return pixels;
    }

    /// <summary>Draws the frame and writes it as a PNG (through a temporary file renamed into place).</summary>
    public void SavePng(string path, int width, int height) => FrameImage.WritePng(path, Render(width, height), width, height);

    /// <summary>
    /// Draws <paramref name="frames"/> frames (orbiting the camera a little each frame so nothing is cached) and returns
    /// frames per second, each frame finished on the GPU (glFinish) before the next starts.
    /// </summary>
    public double MeasureFramesPerSecond(int frames, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        DrawFrame(width, height);
        _gl.Finish();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < frames; i++)
        {
            Session.Camera.Orbit(0.01f, 0);
            DrawFrame(width, height);
            Resolve();
            _gl.Finish();
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Session.Camera.Orbit(-0.01f * frames, 0);
        CheckError("drawing viewer frames");
        return frames / seconds;
    }

    private void DrawFrame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        _egl.MakeCurrent();
        Targets(width, height);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _multisampleFramebuffer);
        _frame.Draw(width, height);
    }

    private void Resolve()
    {
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _multisampleFramebuffer);
        _gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, _resolveFramebuffer);
        _gl.BlitFramebuffer(0, 0, _width, _height, 0, 0, _width, _height, ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Nearest);
    }

    private void Targets(int width, int height)
    {
        if (width == _width && height == _height && _multisampleFramebuffer != 0) return;
        FreeTargets();
        _gl.GetInteger(GLEnum.MaxSamples, out int maxSamples);
        uint samples = (uint)Math.Clamp(Samples, 1, Math.Max(1, maxSamples));
        _multisampleFramebuffer = _gl.GenFramebuffer();
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _multisampleFramebuffer);
        Attach(FramebufferAttachment.ColorAttachment0, InternalFormat.Rgba8, samples, width, height);
        Attach(FramebufferAttachment.DepthAttachment, InternalFormat.DepthComponent24, samples, width, height);
        CheckComplete("multisampled");
        _resolveFramebuffer = _gl.GenFramebuffer();
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _resolveFramebuffer);
        Attach(FramebufferAttachment.ColorAttachment0, InternalFormat.Rgba8, 0, width, height);
        CheckComplete("resolve");
        _width = width;
        _height = height;
    }

    private void Attach(FramebufferAttachment attachment, InternalFormat format, uint samples, int width, int height)
    {
        uint renderbuffer = _gl.GenRenderbuffer();
        _renderbuffers.Add(renderbuffer);
        _gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, renderbuffer);
        _gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, samples, format, (uint)width, (uint)height);
        _gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, attachment, RenderbufferTarget.Renderbuffer, renderbuffer);
    }

    private void CheckComplete(string which)
    {
        var status = _gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
            throw new InvalidOperationException($"The viewer's {which} framebuffer is incomplete ({status}).");
    }

    private void CheckError(string during)
    {
        var error = (GLEnum)_gl.GetError();
        if (error == GLEnum.NoError) return;
        while ((GLEnum)_gl.GetError() != GLEnum.NoError) { }
        throw new InvalidOperationException($"OpenGL reported {error} while {during}.");
    }

    private void FreeTargets()
    {
        if (_multisampleFramebuffer != 0) _gl.DeleteFramebuffer(_multisampleFramebuffer);
        if (_resolveFramebuffer != 0) _gl.DeleteFramebuffer(_resolveFramebuffer);
        foreach (uint renderbuffer in _renderbuffers) _gl.DeleteRenderbuffer(renderbuffer);
        _renderbuffers.Clear();
        _multisampleFramebuffer = _resolveFramebuffer = 0;
    }

    public void Dispose()
    {
        _egl.MakeCurrent();
        FreeTargets();
        _frame.Dispose();
        _egl.Dispose();
    }
}
