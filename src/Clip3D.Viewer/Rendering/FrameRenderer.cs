using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Rendering;
using Silk.NET.OpenGL;

namespace Clip3D.Viewer.Rendering;

/// <summary>
/// Draws one viewer frame of a <see cref="ViewerSession"/> into the framebuffer bound when <see cref="Draw"/> is called:
/// the window's own (GLFW) or the headless one (EGL), so that screenshots are what users see. The surfaces go through
/// the renderer's GPU scene (<see cref="GpuScene"/>) with the viewer's shading; the relevancy heatmap is the index's
/// surface points drawn as round splats in the colour map; hit boxes and view frustums are lines; text, the colour bar and
/// the map are painted by <see cref="OverlayPainter"/> (SkiaSharp) into one texture drawn over the frame.
/// <para>
/// Why splats rather than per-vertex colours: the index scores surface points, not vertices, and rooms are made of a
/// few large triangles (a wall is two), so colouring vertices from their nearest point would smear one value over a
/// whole wall. A splat per point shows exactly what was scored, at any tessellation.
/// </para>
/// </summary>
internal sealed unsafe class FrameRenderer : IDisposable
{
    /// <summary>Splat diameter in median point spacings: enough for neighbouring splats to close the gaps between points.</summary>
    private const float SplatSpacings = 2.5f;

    private const float Ambient = 0.3f;

    private readonly GL _gl;
    private readonly ViewerSession _session;
    private readonly GpuScene _scene;
    private readonly ShaderProgram _surfaceProgram, _splatProgram, _lineProgram, _overlayProgram;
    private readonly uint _paletteTexture, _overlayTexture, _overlayVertexArray;
    private readonly uint _splatVertexArray, _splatColourBuffer, _lineVertexArray, _lineBuffer;
    private readonly List<uint> _buffers = [];
    private readonly int _pointCount;
    private readonly float _splatSize;
    private readonly OverlayPainter _painter = new();
    private int _uploadedColourVersion = -1;

    public FrameRenderer(GL gl, ViewerSession session)
    {
        _gl = gl;
        _session = session;
        var scene = session.Content.Scene;
        _surfaceProgram = new ShaderProgram(gl, ShaderSources.Vertex, ViewerShaders.SurfaceFragment);
        _splatProgram = new ShaderProgram(gl, ViewerShaders.SplatVertex, ViewerShaders.SplatFragment);
        _lineProgram = new ShaderProgram(gl, ViewerShaders.LineVertex, ViewerShaders.LineFragment);
        _overlayProgram = new ShaderProgram(gl, ViewerShaders.OverlayVertex, ViewerShaders.OverlayFragment);
        _surfaceProgram.Use();
        _surfaceProgram.Set("u_texture", GpuScene.BaseColorTextureUnit);
        _surfaceProgram.Set("u_partPalette", ViewerShaders.PaletteTextureUnit);
        _surfaceProgram.Set("u_ambient", Ambient);
        _overlayProgram.Use();
        _overlayProgram.Set("u_overlay", 0);
        _scene = GpuScene.Upload(gl, scene);
        _paletteTexture = PaletteTexture(scene.Parts.Count);
        _overlayTexture = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, _overlayTexture);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        _overlayVertexArray = gl.GenVertexArray();

        _splatVertexArray = gl.GenVertexArray();
        gl.BindVertexArray(_splatVertexArray);
        if (session.Content.Index is { } index)
        {
            var points = index.Points;
            _pointCount = points.Count;
            _splatSize = SplatSpacings * Math.Max(points.MedianSpacing, 1e-4f);
            Attribute(0, 3, VertexAttribPointerType.Float, false, points.Positions);
            Attribute(1, 3, VertexAttribPointerType.Float, false, points.Normals);
            _splatColourBuffer = Attribute(2, 4, VertexAttribPointerType.UnsignedByte, true, (ReadOnlySpan<byte>)new byte[_pointCount * 4]);
            Attribute(3, 1, VertexAttribPointerType.Float, false, (ReadOnlySpan<float>)SingleSidedFlags(scene, points.PartIds));
        }
        _lineVertexArray = gl.GenVertexArray();
        gl.BindVertexArray(_lineVertexArray);
        _lineBuffer = gl.GenBuffer();
        _buffers.Add(_lineBuffer);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _lineBuffer);
        gl.VertexAttribPointer(0, 3, VertexAttribPointerType.Float, false, (uint)sizeof(LineVertex), null);
        gl.EnableVertexAttribArray(0);
        gl.VertexAttribPointer(1, 4, VertexAttribPointerType.Float, false, (uint)sizeof(LineVertex), (void*)sizeof(Vector3));
        gl.EnableVertexAttribArray(1);
        gl.BindVertexArray(0);
    }

    /// <summary>Draws the frame into the bound framebuffer, <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="framesPerSecond">Shown in the title line when given (the window's measured rate).</param>
    public void Draw(int width, int height, double? framesPerSecond = null)
    {
        var camera = _session.Camera.ToCamera(width, height);
        var bounds = _session.Content.Scene.Bounds;
        // Orbit views stand outside the scene's bounds: their frustums must not fall beyond the far plane.
        if (_session.ShowViewFrustums)
            foreach (var view in _session.ViewCameras())
                bounds = bounds.Include(view.Pose.Position);
        var (near, far) = ClipPlanes(bounds, camera.Pose.Position);
        var viewProjection = camera.Pose.OpenGlViewMatrix() * camera.OpenGlProjection(near, far);

        _gl.Viewport(0, 0, (uint)width, (uint)height);
        _gl.ClearColor(0.16f, 0.17f, 0.19f, 1f);
        _gl.ClearDepth(1);
        _gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);
        _gl.Enable(EnableCap.DepthTest);
        _gl.DepthFunc(DepthFunction.Less);
        _gl.Disable(EnableCap.Blend);
        // No y flip here (unlike the headless view renderer): counter-clockwise triangles face the camera.
        _gl.FrontFace(FrontFaceDirection.Ccw);
        _gl.CullFace(TriangleFace.Back);

        _surfaceProgram.Use();
        _surfaceProgram.Set("u_viewProjection", viewProjection);
        _surfaceProgram.Set("u_cameraPosition", camera.Pose.Position);
        _surfaceProgram.Set("u_mode", (int)_session.Mode);
        _gl.ActiveTexture(TextureUnit.Texture0 + ViewerShaders.PaletteTextureUnit);
        _gl.BindTexture(TextureTarget.Texture2D, _paletteTexture);
        _scene.Draw(_surfaceProgram, cullSingleSided: true);
        // The GPU scene binds sampler objects for its textures; they would override the overlay texture's own filtering.
        _gl.BindSampler(GpuScene.BaseColorTextureUnit, 0);

        if (_session.Mode == ShadingMode.Relevancy && _session.Answer is not null && _pointCount > 0)
            DrawSplats(viewProjection, camera, near);
        DrawLines(viewProjection);

        _painter.Paint(_session, camera, width, height, framesPerSecond);
        DrawOverlay(width, height);
        _gl.BindVertexArray(0);
        _gl.UseProgram(0);
    }

    private void DrawSplats(Matrix4x4 viewProjection, Camera camera, float near)
    {
        if (_uploadedColourVersion != _session.PointColourVersion && _session.PointColours.Length == _pointCount * 4)
        {
            _gl.BindBuffer(BufferTargetARB.ArrayBuffer, _splatColourBuffer);
            _gl.BufferSubData(BufferTargetARB.ArrayBuffer, 0, _session.PointColours);
            _uploadedColourVersion = _session.PointColourVersion;
        }
        _gl.Enable(EnableCap.ProgramPointSize);
        _gl.DepthFunc(DepthFunction.Lequal);
        _splatProgram.Use();
        _splatProgram.Set("u_viewProjection", viewProjection);
        _splatProgram.Set("u_cameraPosition", camera.Pose.Position);
        _splatProgram.Set("u_splatSize", _splatSize);
        _splatProgram.Set("u_focal", camera.Intrinsics.Fy);
        // Half a splat towards the camera, but never through the near plane.
        _splatProgram.Set("u_lift", Math.Min(_splatSize * 0.5f, near * 0.5f + _splatSize * 0.25f));
        _gl.BindVertexArray(_splatVertexArray);
        _gl.DrawArrays(PrimitiveType.Points, 0, (uint)_pointCount);
        _gl.DepthFunc(DepthFunction.Less);
        _gl.Disable(EnableCap.ProgramPointSize);
    }

    private void DrawLines(Matrix4x4 viewProjection)
    {
        var lines = new List<LineVertex>();
        if (_session.ShowHits && _session.Mode == ShadingMode.Relevancy && _session.Answer is { } answer)
            foreach (var hit in answer.Hits)
                AddBox(lines, hit.Box, new Vector4(1f, 1f, 1f, 1f));
        if (_session.ShowViewFrustums)
        {
            float depth = Math.Max(0.05f, _session.Content.Scene.Bounds.Diagonal * 0.04f);
            foreach (var view in _session.ViewCameras())
                AddFrustum(lines, view, depth, new Vector4(0.55f, 0.85f, 1f, 1f));
        }
        if (lines.Count == 0) return;
        _gl.Disable(EnableCap.DepthTest);
        _lineProgram.Use();
        _lineProgram.Set("u_viewProjection", viewProjection);
        _gl.BindVertexArray(_lineVertexArray);
        _gl.BindBuffer(BufferTargetARB.ArrayBuffer, _lineBuffer);
        _gl.BufferData(BufferTargetARB.ArrayBuffer, (ReadOnlySpan<LineVertex>)lines.ToArray(), BufferUsageARB.StreamDraw);
        _gl.DrawArrays(PrimitiveType.Lines, 0, (uint)lines.Count);
        _gl.Enable(EnableCap.DepthTest);
    }

    private void DrawOverlay(int width, int height)
    {
        var pixels = _painter.Pixels;
        _gl.Disable(EnableCap.DepthTest);
        _gl.Enable(EnableCap.Blend);
        // Skia paints premultiplied alpha.
        _gl.BlendFunc(BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
        _gl.ActiveTexture(TextureUnit.Texture0);
        _gl.BindTexture(TextureTarget.Texture2D, _overlayTexture);
        _gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        fixed (byte* p = pixels)
            _gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        _overlayProgram.Use();
        _gl.BindVertexArray(_overlayVertexArray);
        _gl.DrawArrays(PrimitiveType.Triangles, 0, 3);
        _gl.Disable(EnableCap.Blend);
        _gl.Enable(EnableCap.DepthTest);
    }

    /// <summary>Near and far planes around the scene's bounding sphere as seen from <paramref name="eye"/>.</summary>
    private static (float Near, float Far) ClipPlanes(Bounds bounds, Vector3 eye)
    {
        float radius = Math.Max(bounds.Diagonal / 2, 1e-3f);
        float distance = Vector3.Distance(eye, bounds.Center);
        float far = distance + radius * 1.05f;
        float near = Math.Max(far / 2000f, distance - radius * 1.05f);
        return (near, far);
    }

    private static void AddBox(List<LineVertex> lines, Bounds box, Vector4 colour)
    {
        Vector3 Corner(int i) => new((i & 1) == 0 ? box.Min.X : box.Max.X, (i & 2) == 0 ? box.Min.Y : box.Max.Y, (i & 4) == 0 ? box.Min.Z : box.Max.Z);
        for (int i = 0; i < 8; i++)
            for (int axis = 1; axis < 8; axis <<= 1)
                if ((i & axis) == 0)
                {
                    lines.Add(new LineVertex(Corner(i), colour));
                    lines.Add(new LineVertex(Corner(i | axis), colour));
                }
    }

    private static void AddFrustum(List<LineVertex> lines, Camera view, float depth, Vector4 colour)
    {
        var k = view.Intrinsics;
        var corners = new[] { new Vector2(0, 0), new Vector2(k.Width, 0), new Vector2(k.Width, k.Height), new Vector2(0, k.Height) }
            .Select(pixel => view.Unproject(pixel, depth)).ToArray();
        var apex = view.Pose.Position;
        for (int i = 0; i < 4; i++)
        {
            lines.Add(new LineVertex(apex, colour));
            lines.Add(new LineVertex(corners[i], colour));
            lines.Add(new LineVertex(corners[i], colour));
            lines.Add(new LineVertex(corners[(i + 1) % 4], colour));
        }
    }

    /// <summary>One texel per part: its <see cref="PartPalette"/> colour.</summary>
    private uint PaletteTexture(int parts)
    {
        int count = Math.Max(1, parts);
        var texels = new byte[count * 4];
        for (int p = 0; p < count; p++)
        {
            var (r, g, b) = PartPalette.Colour(p);
            texels[4 * p] = r;
            texels[4 * p + 1] = g;
            texels[4 * p + 2] = b;
            texels[4 * p + 3] = 255;
        }
        uint texture = _gl.GenTexture();
        _gl.BindTexture(TextureTarget.Texture2D, texture);
        _gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        _gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        _gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        fixed (byte* p = texels)
            _gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)count, 1, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        _gl.BindTexture(TextureTarget.Texture2D, 0);
        return texture;
    }

    /// <summary>1 for points on parts whose every material is single-sided (culled from behind), 0 otherwise.</summary>
    private static float[] SingleSidedFlags(Scene scene, ReadOnlySpan<int> partIds)
    {
        var partFlag = scene.Parts.Select(part => part.Materials.Count > 0 && part.Materials.All(m => !m.DoubleSided) ? 1f : 0f).ToArray();
        var flags = new float[partIds.Length];
        for (int i = 0; i < flags.Length; i++)
            flags[i] = partIds[i] >= 0 && partIds[i] < partFlag.Length ? partFlag[partIds[i]] : 0f;
        return flags;
    }

    private uint Attribute<T>(uint location, int components, VertexAttribPointerType type, bool normalized, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        uint buffer = _gl.GenBuffer();
        _buffers.Add(buffer);
        _gl.BindBuffer(BufferTargetARB.ArrayBuffer, buffer);
        _gl.BufferData(BufferTargetARB.ArrayBuffer, values, BufferUsageARB.StaticDraw);
        _gl.VertexAttribPointer(location, components, type, normalized, 0, null);
        _gl.EnableVertexAttribArray(location);
        return buffer;
    }

    public void Dispose()
    {
        _scene.Dispose();
        foreach (uint buffer in _buffers) _gl.DeleteBuffer(buffer);
        _gl.DeleteVertexArray(_splatVertexArray);
        _gl.DeleteVertexArray(_lineVertexArray);
        _gl.DeleteVertexArray(_overlayVertexArray);
        _gl.DeleteTexture(_paletteTexture);
        _gl.DeleteTexture(_overlayTexture);
        _surfaceProgram.Dispose();
        _splatProgram.Dispose();
        _lineProgram.Dispose();
        _overlayProgram.Dispose();
        _painter.Dispose();
    }

    private readonly record struct LineVertex(Vector3 Position, Vector4 Colour);
}
