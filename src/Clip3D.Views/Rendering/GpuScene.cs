using System.Numerics;
using Clip3D.Mesh;
using Silk.NET.OpenGL;

namespace Clip3D.Views.Rendering;

/// <summary>
/// A scene's surfaces in GPU memory, uploaded once and drawn for every view: per part one vertex array with a
/// buffer per attribute (straight from the part's arrays, no interleaving copy) and an index buffer; per distinct
/// texture image one mipmapped RGBA8 texture, per distinct wrap mode one sampler object. Lines and points parts
/// are not uploaded (the renderer draws surfaces only).
/// <para>
/// A part draws one range of triangles per material. Where a part's triangles already come grouped by material
/// (the usual case), ranges keep the file's triangle order and a triangle's scene-wide id is the range's first id
/// plus <c>gl_PrimitiveID</c>. Otherwise the triangles are regrouped and a buffer texture maps drawing order back
/// to scene-wide ids.
/// </para>
/// </summary>
internal sealed class GpuScene : IDisposable
{
    public const uint PositionAttribute = 0;
    public const uint NormalAttribute = 1;
    public const uint TexCoordAttribute = 2;
    public const uint ColorAttribute = 3;
    public const int BaseColorTextureUnit = 0;
    public const int TriangleMapTextureUnit = 1;

    private readonly GL _gl;
    private readonly List<GpuPart> _parts = [];
    private readonly Dictionary<TextureImage, uint> _textures = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TextureSampler, uint> _samplers = [];

    private GpuScene(GL gl, Scene scene)
    {
        _gl = gl;
        Scene = scene;
    }

    public Scene Scene { get; }

    /// <summary>Every buffer object this scene holds (for checks that they are freed).</summary>
    public IEnumerable<uint> BufferNames => _parts.SelectMany(p => p.Buffers);

    /// <summary>Every texture object this scene holds.</summary>
    public IEnumerable<uint> TextureNames => _textures.Values.Concat(_parts.Where(p => p.TriangleMapTexture != 0).Select(p => p.TriangleMapTexture));

    /// <summary>Uploads every surface part. On failure, whatever was uploaded is freed before the exception leaves.</summary>
    public static GpuScene Upload(GL gl, Scene scene)
    {
        var gpu = new GpuScene(gl, scene);
        try
        {
            gl.GetInteger(GetPName.MaxTextureSize, out int maxTextureSize);
            gl.GetInteger(GetPName.MaxTextureBufferSize, out int maxTextureBufferSize);
            for (int p = 0; p < scene.Parts.Count; p++)
                if (scene.Parts[p].Kind == PartKind.Surface && scene.Parts[p].TriangleCount > 0)
                    gpu.UploadPart(scene, p, maxTextureSize, maxTextureBufferSize);
            gl.BindVertexArray(0);
            return gpu;
        }
        catch
        {
            gpu.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Draws every surface with <paramref name="program"/> (already in use, view uniforms set). Back faces of
    /// single-sided materials are culled when <paramref name="cullSingleSided"/> is set; the caller sets which
    /// winding is front.
    /// </summary>
    public unsafe void Draw(ShaderProgram program, bool cullSingleSided)
    {
        bool culling = false;
        _gl.Disable(EnableCap.CullFace);
        foreach (var part in _parts)
        {
            _gl.BindVertexArray(part.VertexArray);
            // Absent attributes read the current generic value: white vertex colour, texture coordinate (0, 0).
            if (!part.HasColors)
                _gl.VertexAttrib4(ColorAttribute, 1f, 1f, 1f, 1f);
            if (!part.HasTexCoords)
                _gl.VertexAttrib2(TexCoordAttribute, 0f, 0f);
            program.Set("u_partId", part.PartIndex);
            program.Set("u_triangleMapped", part.TriangleMapTexture != 0);
            if (part.TriangleMapTexture != 0)
            {
                _gl.ActiveTexture(TextureUnit.Texture0 + TriangleMapTextureUnit);
                _gl.BindTexture(TextureTarget.TextureBuffer, part.TriangleMapTexture);
            }
            foreach (var range in part.Ranges)
            {
                bool cull = cullSingleSided && !range.Material.DoubleSided;
                if (cull != culling)
                {
                    if (cull) _gl.Enable(EnableCap.CullFace); else _gl.Disable(EnableCap.CullFace);
                    culling = cull;
                }
                program.Set("u_doubleSided", range.Material.DoubleSided);
                program.Set("u_baseColor", range.Material.BaseColor);
                program.Set("u_hasTexture", range.Texture != 0);
                if (range.Texture != 0)
                {
                    _gl.ActiveTexture(TextureUnit.Texture0 + BaseColorTextureUnit);
                    _gl.BindTexture(TextureTarget.Texture2D, range.Texture);
                    _gl.BindSampler(BaseColorTextureUnit, range.Sampler);
                }
                program.Set("u_rangeStart", range.FirstTriangle);
                program.Set("u_triangleBase", part.FirstTriangleId + range.FirstTriangle);
                _gl.DrawElements(PrimitiveType.Triangles, (uint)(range.TriangleCount * 3), DrawElementsType.UnsignedInt,
                    (void*)((nint)range.FirstTriangle * 3 * sizeof(int)));
            }
        }
        _gl.BindVertexArray(0);
        _gl.Disable(EnableCap.CullFace);
    }

    public void Dispose()
    {
        foreach (var part in _parts)
        {
            _gl.DeleteVertexArray(part.VertexArray);
            if (part.TriangleMapTexture != 0)
                _gl.DeleteTexture(part.TriangleMapTexture);
            foreach (uint buffer in part.Buffers)
                _gl.DeleteBuffer(buffer);
        }
        _parts.Clear();
        foreach (uint texture in _textures.Values)
            _gl.DeleteTexture(texture);
        _textures.Clear();
        foreach (uint sampler in _samplers.Values)
            _gl.DeleteSampler(sampler);
        _samplers.Clear();
    }

    private sealed class GpuPart
    {
        public required int PartIndex { get; init; }
        public required int FirstTriangleId { get; init; }
        public required uint VertexArray { get; init; }
        public List<uint> Buffers { get; } = [];
        public bool HasColors { get; init; }
        public bool HasTexCoords { get; init; }
        public uint TriangleMapTexture { get; set; }
        public List<DrawRange> Ranges { get; } = [];
    }

    /// <summary>Triangles [FirstTriangle, FirstTriangle + TriangleCount) of a part's uploaded order, one material.</summary>
    private readonly record struct DrawRange(int FirstTriangle, int TriangleCount, Material Material, uint Texture, uint Sampler);

    private void UploadPart(Scene scene, int partIndex, int maxTextureSize, int maxTextureBufferSize)
    {
        var part = scene.Parts[partIndex];
        var gpuPart = new GpuPart
        {
            PartIndex = partIndex,
            FirstTriangleId = scene.TriangleOffset(partIndex),
            VertexArray = _gl.GenVertexArray(),
            HasColors = part.Colors.Length > 0,
            HasTexCoords = part.TexCoords.Length > 0,
        };
        // Registered before anything else can fail, so that Dispose frees it.
        _parts.Add(gpuPart);
        _gl.BindVertexArray(gpuPart.VertexArray);
        AttributeBuffer(gpuPart, PositionAttribute, 3, part.Positions);
        AttributeBuffer(gpuPart, NormalAttribute, 3, part.Normals);
        if (gpuPart.HasTexCoords)
            AttributeBuffer(gpuPart, TexCoordAttribute, 2, part.TexCoords);
        if (gpuPart.HasColors)
            AttributeBuffer(gpuPart, ColorAttribute, 4, part.Colors);

        var groups = MaterialGroups(part, out int[]? order);
        uint indexBuffer = _gl.GenBuffer();
        gpuPart.Buffers.Add(indexBuffer);
        _gl.BindBuffer(BufferTargetARB.ElementArrayBuffer, indexBuffer);
        if (order is null)
        {
            _gl.BufferData(BufferTargetARB.ElementArrayBuffer, part.Indices, BufferUsageARB.StaticDraw);
        }
        else
        {
            var indices = part.Indices;
            var regrouped = new int[indices.Length];
            var ids = new int[order.Length];
            for (int i = 0; i < order.Length; i++)
            {
                indices.Slice(order[i] * 3, 3).CopyTo(regrouped.AsSpan(i * 3, 3));
                ids[i] = gpuPart.FirstTriangleId + order[i];
            }
            _gl.BufferData(BufferTargetARB.ElementArrayBuffer, (ReadOnlySpan<int>)regrouped, BufferUsageARB.StaticDraw);
            if (ids.Length > maxTextureBufferSize)
                throw new NotSupportedException(
                    $"Part '{part.Name}' interleaves its materials over {ids.Length} triangles, more than this OpenGL's " +
                    $"buffer-texture limit of {maxTextureBufferSize} texels.");
            uint mapBuffer = _gl.GenBuffer();
            gpuPart.Buffers.Add(mapBuffer);
            _gl.BindBuffer(BufferTargetARB.TextureBuffer, mapBuffer);
            _gl.BufferData(BufferTargetARB.TextureBuffer, (ReadOnlySpan<int>)ids, BufferUsageARB.StaticDraw);
            gpuPart.TriangleMapTexture = _gl.GenTexture();
            _gl.BindTexture(TextureTarget.TextureBuffer, gpuPart.TriangleMapTexture);
            _gl.TexBuffer(TextureTarget.TextureBuffer, SizedInternalFormat.R32i, mapBuffer);
            _gl.BindTexture(TextureTarget.TextureBuffer, 0);
            _gl.BindBuffer(BufferTargetARB.TextureBuffer, 0);
        }

        foreach (var (first, count, materialIndex) in groups)
        {
            var material = part.Materials[materialIndex];
            uint texture = material.Texture is null ? 0 : Texture(material.Texture, maxTextureSize);
            uint sampler = material.Texture is null ? 0 : Sampler(material.Sampler);
            gpuPart.Ranges.Add(new DrawRange(first, count, material, texture, sampler));
        }
    }

    private unsafe void AttributeBuffer<T>(GpuPart gpuPart, uint location, int components, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        uint buffer = _gl.GenBuffer();
        gpuPart.Buffers.Add(buffer);
        _gl.BindBuffer(BufferTargetARB.ArrayBuffer, buffer);
        _gl.BufferData(BufferTargetARB.ArrayBuffer, values, BufferUsageARB.StaticDraw);
        _gl.VertexAttribPointer(location, components, VertexAttribPointerType.Float, false, (uint)sizeof(T), null);
        _gl.EnableVertexAttribArray(location);
    }

    /// <summary>
    /// Ranges of one material each, as (first triangle, count, material index) in upload order. When every
    /// material's triangles are already contiguous, <paramref name="order"/> is null and the file's order is kept;
    /// otherwise it lists the part's triangles grouped by material (stable), and ranges index into it.
    /// </summary>
    private static List<(int First, int Count, int Material)> MaterialGroups(Part part, out int[]? order)
    {
        order = null;
        int triangles = part.TriangleCount;
        var materials = part.ElementMaterials;
        var runs = new List<(int First, int Count, int Material)>();
        if (materials.IsEmpty)
        {
            runs.Add((0, triangles, 0));
            return runs;
        }
        var seen = new bool[part.Materials.Count];
        bool grouped = true;
        for (int t = 0; t < triangles; t++)
        {
            if (runs.Count > 0 && runs[^1].Material == materials[t])
            {
                runs[^1] = (runs[^1].First, runs[^1].Count + 1, materials[t]);
                continue;
            }
            grouped &= !seen[materials[t]];
            seen[materials[t]] = true;
            runs.Add((t, 1, materials[t]));
        }
        if (grouped)
            return runs;

        // Counting sort by material keeps each material's triangles in file order.
        var counts = new int[part.Materials.Count];
        foreach (int m in materials)
            counts[m]++;
        var starts = new int[counts.Length];
        var groups = new List<(int First, int Count, int Material)>();
        for (int m = 0, next = 0; m < counts.Length; m++)
        {
            starts[m] = next;
            if (counts[m] > 0)
                groups.Add((next, counts[m], m));
            next += counts[m];
        }
        order = new int[triangles];
        for (int t = 0; t < triangles; t++)
            order[starts[materials[t]]++] = t;
        return groups;
    }

    private uint Texture(TextureImage image, int maxTextureSize)
    {
        if (_textures.TryGetValue(image, out uint texture))
            return texture;
        var fitted = image;
        while (fitted.Width > maxTextureSize || fitted.Height > maxTextureSize)
            fitted = Halved(fitted);
        texture = _gl.GenTexture();
        _textures[image] = texture;
        _gl.BindTexture(TextureTarget.Texture2D, texture);
        _gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        // Plain RGBA8, not SRGB8_ALPHA8: texels are sampled as the sRGB values they are, like every other colour.
        // Rows go up from the first one stored, so texture coordinate t = v and glTF's (0,0) is the image's top-left.
        _gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)fitted.Width, (uint)fitted.Height, 0,
            PixelFormat.Rgba, PixelType.UnsignedByte, fitted.Rgba);
        _gl.GenerateMipmap(TextureTarget.Texture2D);
        _gl.BindTexture(TextureTarget.Texture2D, 0);
        return texture;
    }

    private uint Sampler(TextureSampler wrap)
    {
        if (_samplers.TryGetValue(wrap, out uint sampler))
            return sampler;
        sampler = _gl.GenSampler();
        _samplers[wrap] = sampler;
        _gl.SamplerParameter(sampler, SamplerParameterI.MinFilter, (int)TextureMinFilter.LinearMipmapLinear);
        _gl.SamplerParameter(sampler, SamplerParameterI.MagFilter, (int)TextureMagFilter.Linear);
        _gl.SamplerParameter(sampler, SamplerParameterI.WrapS, (int)WrapMode(wrap.WrapU));
        _gl.SamplerParameter(sampler, SamplerParameterI.WrapT, (int)WrapMode(wrap.WrapV));
        return sampler;
    }

    private static TextureWrapMode WrapMode(TextureWrap wrap) => wrap switch
    {
        TextureWrap.ClampToEdge => TextureWrapMode.ClampToEdge,
        TextureWrap.MirroredRepeat => TextureWrapMode.MirroredRepeat,
        _ => TextureWrapMode.Repeat,
    };

    /// <summary>The image at half size (2×2 box filter), for textures beyond GL_MAX_TEXTURE_SIZE.</summary>
    private static TextureImage Halved(TextureImage image)
    {
        int width = Math.Max(1, image.Width / 2), height = Math.Max(1, image.Height / 2);
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            var sum = Vector4.Zero;
            for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++)
                sum += image.Pixel(Math.Min(2 * x + dx, image.Width - 1), Math.Min(2 * y + dy, image.Height - 1));
            var mean = sum * (255f / 4f);
            int i = (y * width + x) * 4;
            rgba[i] = (byte)MathF.Round(mean.X);
            rgba[i + 1] = (byte)MathF.Round(mean.Y);
            rgba[i + 2] = (byte)MathF.Round(mean.Z);
            rgba[i + 3] = (byte)MathF.Round(mean.W);
        }
        return new TextureImage(image.Source, width, height, rgba);
    }
}
