using Silk.NET.OpenGL;

namespace Clip3D.Views.Rendering;

/// <summary>
/// The framebuffers of one image size. All attachments of a framebuffer share one sample count, so the
/// anti-aliased colour and the exact data images live in two: a multisampled one (colour and depth) whose colour
/// is resolved into attachment 0 of the single-sample data framebuffer, and the data framebuffer itself, whose
/// attachments are <see cref="Attachment"/>. Without multisampling the data framebuffer alone takes colour too.
/// </summary>
internal sealed class RenderTargets : IDisposable
{
    /// <summary>Colour attachments of the data framebuffer; the numbers are the fragment shader's output locations.</summary>
    public enum Attachment
    {
        Colour = 0,
        Depth = 1,
        Position = 2,
        Normal = 3,
        PartId = 4,
        TriangleId = 5,
    }

    private static readonly InternalFormat[] DataFormats =
    [
        InternalFormat.Rgba8, InternalFormat.R32f, InternalFormat.Rgba32f, InternalFormat.Rgba32f,
        InternalFormat.R32i, InternalFormat.R32i,
    ];

    private readonly GL _gl;
    private readonly List<uint> _renderbuffers = [];

    public RenderTargets(GL gl, int width, int height, int samples)
    {
        _gl = gl;
        Width = width;
        Height = height;
        Samples = samples;
        try
        {
            DataFramebuffer = gl.GenFramebuffer();
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, DataFramebuffer);
            for (int i = 0; i < DataFormats.Length; i++)
                Attach(FramebufferAttachment.ColorAttachment0 + i, DataFormats[i], 1);
            Attach(FramebufferAttachment.DepthAttachment, InternalFormat.DepthComponent32f, 1);
            CheckComplete("data");
            if (samples > 1)
            {
                MultisampleFramebuffer = gl.GenFramebuffer();
                gl.BindFramebuffer(FramebufferTarget.Framebuffer, MultisampleFramebuffer);
                Attach(FramebufferAttachment.ColorAttachment0, InternalFormat.Rgba8, samples);
                Attach(FramebufferAttachment.DepthAttachment, InternalFormat.DepthComponent32f, samples);
                CheckComplete($"{samples}× multisampled colour");
            }
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Colour samples per pixel; 1 means no multisampled framebuffer.</summary>
    public int Samples { get; }

    public uint DataFramebuffer { get; }

    /// <summary>0 when <see cref="Samples"/> is 1.</summary>
    public uint MultisampleFramebuffer { get; }

    /// <summary>Selects which data-framebuffer attachments fragment outputs go to: output i to attachment i, or nowhere.</summary>
    public void DrawTo(params Attachment[] attachments)
    {
        Span<GLEnum> buffers = stackalloc GLEnum[DataFormats.Length];
        buffers.Fill(GLEnum.None);
        foreach (var a in attachments)
            buffers[(int)a] = GLEnum.ColorAttachment0 + (int)a;
        _gl.DrawBuffers((uint)buffers.Length, buffers);
    }

    public void Dispose()
    {
        if (DataFramebuffer != 0)
            _gl.DeleteFramebuffer(DataFramebuffer);
        if (MultisampleFramebuffer != 0)
            _gl.DeleteFramebuffer(MultisampleFramebuffer);
        foreach (uint renderbuffer in _renderbuffers)
            _gl.DeleteRenderbuffer(renderbuffer);
        _renderbuffers.Clear();
    }

    private void Attach(FramebufferAttachment attachment, InternalFormat format, int samples)
    {
        uint renderbuffer = _gl.GenRenderbuffer();
        _renderbuffers.Add(renderbuffer);
        _gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, renderbuffer);
        if (samples > 1)
            _gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, (uint)samples, format, (uint)Width, (uint)Height);
        else
            _gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, format, (uint)Width, (uint)Height);
        _gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, attachment, RenderbufferTarget.Renderbuffer, renderbuffer);
    }

    private void CheckComplete(string which)
    {
        var status = _gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
            throw new InvalidOperationException($"The {which} framebuffer of {Width}×{Height} is incomplete ({status}).");
    }
}
