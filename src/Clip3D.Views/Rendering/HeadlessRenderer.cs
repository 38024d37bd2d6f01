using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Silk.NET.OpenGL;

namespace Clip3D.Views.Rendering;

/// <summary>
/// Renders a scene's surfaces from many cameras without a window, through an OpenGL 3.3 core context created
/// with EGL (an NVIDIA GPU where there is one, Mesa's llvmpipe on the CPU otherwise; see
/// <see cref="Description"/>). <see cref="Upload"/> a scene once, then <see cref="Render"/> it for each camera:
/// each view gives an anti-aliased colour image and exact per-pixel depth, world position, world normal, part
/// id and triangle id (<see cref="RenderedView"/>).
/// <para>
/// Threading: the renderer owns one OpenGL context, which is current on the thread that constructed it. Every
/// member (<see cref="Dispose"/> included) must be called from that thread and throws
/// <see cref="InvalidOperationException"/> from any other; to render on several threads, create one renderer on
/// each. Several renderers may live on one thread (each makes its context current when called).
/// </para>
/// <para>
/// Only surface parts are drawn; lines and points parts are ignored. Surfaces are opaque (material and texture
/// alpha are not used). GPU memory is released by <see cref="Dispose"/>, or by the next <see cref="Upload"/>
/// for the previous scene.
/// </para>
/// </summary>
public sealed class HeadlessRenderer : IDisposable
{
    // The camera's OpenGL projection puts image row 0 at the top of normalised device space, where glReadPixels
    // would return it last. Negating clip y puts it at window row 0, so the images read back row 0 first, top row
    // first, without a copy; the mirror turns counter-clockwise (front) triangles clockwise on screen.
    private static readonly Matrix4x4 FlipY = Matrix4x4.CreateScale(1, -1, 1);

    private readonly int _ownerThreadId;
    private readonly EglContext _egl;
    private readonly GL _gl;
    private readonly ShaderProgram _colourProgram;
    private readonly ShaderProgram _dataProgram;
    private readonly ShaderProgram _colourAndDataProgram;
    private readonly int _samples;
    private readonly int _maxImageSide;
    private GpuScene? _scene;
    private RenderTargets? _targets;
    private bool _disposed;

    /// <summary>Creates the OpenGL context on this thread.</summary>
    /// <exception cref="RenderingUnavailableException">No headless OpenGL 3.3 context can be created here.</exception>
    public HeadlessRenderer(RenderOptions? options = null)
    {
        Options = options ?? RenderOptions.Default;
        Options.Validate();
        _ownerThreadId = Environment.CurrentManagedThreadId;
        _egl = EglContext.Create();
        try
        {
            _gl = GL.GetApi(_egl.GetProcAddress);
            _colourProgram = new ShaderProgram(_gl, ShaderSources.Vertex, ShaderSources.Fragment, "COLOUR_OUTPUT");
            _dataProgram = new ShaderProgram(_gl, ShaderSources.Vertex, ShaderSources.Fragment, "DATA_OUTPUTS");
            _colourAndDataProgram = new ShaderProgram(_gl, ShaderSources.Vertex, ShaderSources.Fragment, "COLOUR_OUTPUT", "DATA_OUTPUTS");
            foreach (var program in new[] { _colourProgram, _dataProgram, _colourAndDataProgram })
            {
                program.Use();
                program.Set("u_texture", GpuScene.BaseColorTextureUnit);
                program.Set("u_triangleMap", GpuScene.TriangleMapTextureUnit);
            }
            _gl.GetInteger(GLEnum.MaxSamples, out int maxSamples);
            _samples = Math.Clamp(Options.Msaa, 1, Math.Max(1, maxSamples));
            _gl.GetInteger(GLEnum.MaxRenderbufferSize, out _maxImageSide);
            _gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
            CheckGlError("creating the renderer");
        }
        catch
        {
            // Destroying the context frees whatever GL objects were made.
            _egl.Dispose();
            throw;
        }
        Description = _egl.Description + (_samples > 1 ? $", {_samples}× MSAA" : ", no MSAA");
        Options.Log?.Invoke("rendering with " + Description);
    }

    public RenderOptions Options { get; }

    /// <summary>One line naming the EGL display, the OpenGL implementation and the MSAA samples in use.</summary>
    public string Description { get; }

    /// <summary>The uploaded scene, or null before <see cref="Upload"/>.</summary>
    public Scene? Scene => _scene?.Scene;

    /// <summary>Uploads a scene's surfaces, replacing (and freeing) any previous one.</summary>
    public void Upload(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        MakeCurrent();
        _scene?.Dispose();
        _scene = null;
        var uploaded = GpuScene.Upload(_gl, scene);
        try
        {
            CheckGlError($"uploading {scene.TriangleCount} triangles");
        }
        catch
        {
            uploaded.Dispose();
            throw;
        }
        _scene = uploaded;
    }

    /// <summary>Renders the uploaded scene as <paramref name="camera"/> sees it, at the camera's image size.</summary>
    public RenderedView Render(Camera camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        MakeCurrent();
        var scene = _scene ?? throw new InvalidOperationException("Upload a scene before rendering it.");
        int width = camera.Intrinsics.Width, height = camera.Intrinsics.Height;
        var targets = Targets(width, height);
        var (near, far) = ClipPlanes(scene.Scene.Bounds, camera);
        var viewProjection = camera.Pose.OpenGlViewMatrix() * camera.OpenGlProjection(near, far) * FlipY;
        DrawPasses(scene, targets, camera, viewProjection);
        var view = ReadBack(targets, camera);
        CheckGlError("rendering a view");
        return view;
    }

    /// <summary>
    /// The anti-aliased colour pass (when multisampling) resolved into the data framebuffer's colour attachment,
    /// then the single-sample pass that writes the data images (and the colour, without multisampling).
    /// </summary>
    private void DrawPasses(GpuScene scene, RenderTargets targets, Camera camera, Matrix4x4 viewProjection)
    {
        int width = targets.Width, height = targets.Height;
        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.Enable(EnableCap.DepthTest);
        _gl.DepthFunc(DepthFunction.Less);
        _gl.FrontFace(FrontFaceDirection.CW);
        _gl.CullFace(TriangleFace.Back);
        var background = Options.BackgroundColor;
        // Premultiplied: resolving a multisampled pixel then composites the surface over the background exactly.
        var clearColour = new Vector4(new Vector3(background.X, background.Y, background.Z) * background.W, background.W);

        ShaderProgram dataProgram;
        if (targets.Samples > 1)
        {
            _gl.BindFramebuffer(FramebufferTarget.Framebuffer, targets.MultisampleFramebuffer);
            ClearColour(0, clearColour);
            ClearDepth();
            DrawScene(scene, _colourProgram, camera, viewProjection);
            _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, targets.MultisampleFramebuffer);
            _gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, targets.DataFramebuffer);
            targets.DrawTo(RenderTargets.Attachment.Colour);
            _gl.BlitFramebuffer(0, 0, width, height, 0, 0, width, height, ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Nearest);
            _gl.BindFramebuffer(FramebufferTarget.Framebuffer, targets.DataFramebuffer);
            targets.DrawTo(RenderTargets.Attachment.Depth, RenderTargets.Attachment.Position, RenderTargets.Attachment.Normal,
                RenderTargets.Attachment.PartId, RenderTargets.Attachment.TriangleId);
            dataProgram = _dataProgram;
        }
        else
        {
            _gl.BindFramebuffer(FramebufferTarget.Framebuffer, targets.DataFramebuffer);
            targets.DrawTo(RenderTargets.Attachment.Colour, RenderTargets.Attachment.Depth, RenderTargets.Attachment.Position,
                RenderTargets.Attachment.Normal, RenderTargets.Attachment.PartId, RenderTargets.Attachment.TriangleId);
            ClearColour((int)RenderTargets.Attachment.Colour, clearColour);
            dataProgram = _colourAndDataProgram;
        }
        // Draw buffer i is attachment i (or none), so these clear by attachment.
        ClearColour((int)RenderTargets.Attachment.Depth, Vector4.Zero);
        ClearColour((int)RenderTargets.Attachment.Position, Vector4.Zero);
        ClearColour((int)RenderTargets.Attachment.Normal, Vector4.Zero);
        ClearId((int)RenderTargets.Attachment.PartId);
        ClearId((int)RenderTargets.Attachment.TriangleId);
        ClearDepth();
        DrawScene(scene, dataProgram, camera, viewProjection);
    }

    /// <summary>Reads every image of the data framebuffer and marks the background.</summary>
    private RenderedView ReadBack(RenderTargets targets, Camera camera)
    {
        int width = targets.Width, height = targets.Height;
        // glReadPixels writes every element, so the arrays need no zeroing.
        int pixels = width * height;
        var colour = GC.AllocateUninitializedArray<byte>(pixels * 4);
        var depth = GC.AllocateUninitializedArray<float>(pixels);
        var position = GC.AllocateUninitializedArray<Vector3>(pixels);
        var normal = GC.AllocateUninitializedArray<Vector3>(pixels);
        var partId = GC.AllocateUninitializedArray<int>(pixels);
        var triangleId = GC.AllocateUninitializedArray<int>(pixels);
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, targets.DataFramebuffer);
        Read(RenderTargets.Attachment.Colour, width, height, PixelFormat.Rgba, PixelType.UnsignedByte, colour.AsSpan());
        Read(RenderTargets.Attachment.Depth, width, height, PixelFormat.Red, PixelType.Float, depth.AsSpan());
        Read(RenderTargets.Attachment.Position, width, height, PixelFormat.Rgb, PixelType.Float, position.AsSpan());
        Read(RenderTargets.Attachment.Normal, width, height, PixelFormat.Rgb, PixelType.Float, normal.AsSpan());
        Read(RenderTargets.Attachment.PartId, width, height, PixelFormat.RedInteger, PixelType.Int, partId.AsSpan());
        Read(RenderTargets.Attachment.TriangleId, width, height, PixelFormat.RedInteger, PixelType.Int, triangleId.AsSpan());
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);

        MarkBackground(partId, position, normal);
        if (Options.BackgroundColor.W < 1)
            Unpremultiply(colour);
        return new RenderedView(camera, colour, depth, position, normal, partId, triangleId);
    }

    /// <summary>Frees the scene, the framebuffers and the OpenGL context. Must run on the renderer's thread.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        CheckThread();
        _egl.MakeCurrent();
        _scene?.Dispose();
        _scene = null;
        _targets?.Dispose();
        _targets = null;
        _colourProgram.Dispose();
        _dataProgram.Dispose();
        _colourAndDataProgram.Dispose();
        _gl.Dispose();
        _egl.Dispose();
        _disposed = true;
    }

    /// <summary>Test hook: the GL names of the uploaded scene's buffers and textures.</summary>
    internal (uint[] Buffers, uint[] Textures) SceneObjectNames() =>
        _scene is null ? ([], []) : (_scene.BufferNames.ToArray(), _scene.TextureNames.ToArray());

    /// <summary>Test hook: how many of <paramref name="buffers"/> and <paramref name="textures"/> still name live GL objects.</summary>
    internal int CountLiveObjects(IEnumerable<uint> buffers, IEnumerable<uint> textures)
    {
        MakeCurrent();
        return buffers.Count(b => _gl.IsBuffer(b)) + textures.Count(t => _gl.IsTexture(t));
    }

    /// <summary>
    /// Near and far planes: the options' values, or fitted to the scene bounds' corners in front of the camera
    /// (see <see cref="RenderOptions.NearPlane"/>).
    /// </summary>
    internal (float Near, float Far) ClipPlanes(Bounds bounds, Camera camera)
    {
        float nearest = float.PositiveInfinity, farthest = 0;
        if (!bounds.IsEmpty)
            for (int corner = 0; corner < 8; corner++)
            {
                var p = new Vector3((corner & 1) == 0 ? bounds.Min.X : bounds.Max.X,
                    (corner & 2) == 0 ? bounds.Min.Y : bounds.Max.Y,
                    (corner & 4) == 0 ? bounds.Min.Z : bounds.Max.Z);
                float z = camera.Pose.ToCamera(p).Z;
                nearest = MathF.Min(nearest, z);
                farthest = MathF.Max(farthest, z);
            }
        // Nothing in front of the camera: any valid planes will do, nothing is drawn.
        if (!(farthest > 0))
            farthest = 1;
        float margin = 0.01f * MathF.Max(bounds.Diagonal, farthest * 1e-3f);
        float far = Options.FarPlane ?? farthest + margin;
        float near = Options.NearPlane ?? MathF.Max(nearest - margin, far / 1000);
        if (!(far > near))
            far = near * 2;
        return (near, far);
    }

    private void DrawScene(GpuScene scene, ShaderProgram program, Camera camera, Matrix4x4 viewProjection)
    {
        program.Use();
        program.Set("u_viewProjection", viewProjection);
        program.Set("u_cameraPosition", camera.Pose.Position);
        program.Set("u_cameraForward", camera.Pose.Forward);
        program.Set("u_lit", Options.Lighting == RenderLighting.Headlight);
        program.Set("u_ambient", Options.Ambient);
        scene.Draw(program, Options.BackfaceCulling);
    }

    private unsafe void ClearColour(int drawBuffer, Vector4 value) => _gl.ClearBuffer(BufferKind.Color, drawBuffer, (float*)&value);

    private unsafe void ClearId(int drawBuffer)
    {
        int none = -1;
        _gl.ClearBuffer(BufferKind.Color, drawBuffer, &none);
    }

    private unsafe void ClearDepth()
    {
        float farthest = 1;
        _gl.ClearBuffer(BufferKind.Depth, 0, &farthest);
    }

    private unsafe void Read<T>(RenderTargets.Attachment attachment, int width, int height, PixelFormat format, PixelType type, Span<T> into)
        where T : unmanaged
    {
        _gl.ReadBuffer(ReadBufferMode.ColorAttachment0 + (int)attachment);
        fixed (T* p = into)
            _gl.ReadPixels(0, 0, (uint)width, (uint)height, format, type, p);
    }

    private static void MarkBackground(int[] partId, Vector3[] position, Vector3[] normal)
    {
        var none = new Vector3(float.NaN);
        for (int i = 0; i < partId.Length; i++)
            if (partId[i] < 0)
            {
                position[i] = none;
                normal[i] = none;
            }
    }

    /// <summary>Premultiplied RGBA8 (what blending over a translucent background gives) to straight alpha.</summary>
    private static void Unpremultiply(byte[] rgba)
    {
        for (int i = 0; i < rgba.Length; i += 4)
        {
            int alpha = rgba[i + 3];
            if (alpha is 0 or 255)
                continue;
            for (int c = 0; c < 3; c++)
                rgba[i + c] = (byte)Math.Min(255, (rgba[i + c] * 255 + alpha / 2) / alpha);
        }
    }

    private RenderTargets Targets(int width, int height)
    {
        if (_targets is { } t && t.Width == width && t.Height == height)
            return t;
        if (width > _maxImageSide || height > _maxImageSide)
            throw new ArgumentOutOfRangeException(nameof(width),
                $"A {width}×{height} view exceeds this OpenGL's limit of {_maxImageSide} pixels a side.");
        // The colour image has the most elements: 4 bytes a pixel in one array.
        if ((long)width * height * 4 > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} view is too large to hold in memory arrays.");
        _targets?.Dispose();
        _targets = null;
        _targets = new RenderTargets(_gl, width, height, _samples);
        return _targets;
    }

    private void MakeCurrent()
    {
        CheckThread();
        ObjectDisposedException.ThrowIf(_disposed, this);
        _egl.MakeCurrent();
    }

    private void CheckThread()
    {
        if (Environment.CurrentManagedThreadId != _ownerThreadId)
            throw new InvalidOperationException(
                $"This HeadlessRenderer's OpenGL context belongs to the thread that created it (managed thread {_ownerThreadId}); " +
                $"it was called from thread {Environment.CurrentManagedThreadId}. Create one renderer per thread.");
    }

    private void CheckGlError(string during)
    {
        var error = (GLEnum)_gl.GetError();
        if (error == GLEnum.NoError)
            return;
        // Drain the remaining flags so the next check reports only its own errors.
        while ((GLEnum)_gl.GetError() != GLEnum.NoError) { }
        throw error == GLEnum.OutOfMemory
            ? new InvalidOperationException($"OpenGL ran out of memory while {during}.")
            : new InvalidOperationException($"OpenGL reported {error} while {during}.");
    }
}
