namespace Clip3D.Viewer.Rendering;

/// <summary>
/// GLSL 3.30 sources of the viewer's own passes. The surfaces are drawn with the renderer's vertex shader
/// (<c>Clip3D.Views.Rendering.ShaderSources.Vertex</c>, the attribute layout of its GPU scene) and <see cref="SurfaceFragment"/>,
/// which reads the same per-draw uniforms the GPU scene sets (base colour, texture, part id).
/// </summary>
internal static class ViewerShaders
{
    public const int PaletteTextureUnit = 2;

    public const string SurfaceFragment = """
        in vec3 v_position;
        in vec3 v_normal;
        in vec2 v_texCoord;
        in vec4 v_color;

        uniform vec3 u_cameraPosition;
        uniform bool u_doubleSided;
        uniform vec4 u_baseColor;
        uniform bool u_hasTexture;
        uniform sampler2D u_texture;
        uniform float u_ambient;
        uniform int u_partId;
        // 0 colour, 1 normals, 2 part ids, 3 relevancy (colour shading; the heatmap is drawn over it).
        uniform int u_mode;
        uniform sampler2D u_partPalette;
        layout(location = 0) out vec4 o_colour;

        void main()
        {
            vec3 toCamera = u_cameraPosition - v_position;
            float normalLength = length(v_normal);
            vec3 n = normalLength > 1e-12 ? v_normal / normalLength : normalize(toCamera);
            if (u_doubleSided && dot(n, toCamera) < 0.0)
                n = -n;
            if (u_mode == 1)
            {
                o_colour = vec4(n * 0.5 + 0.5, 1.0);
                return;
            }
            if (u_mode == 2)
            {
                o_colour = vec4(texelFetch(u_partPalette, ivec2(u_partId, 0), 0).rgb, 1.0);
                return;
            }
            vec4 albedo = u_baseColor * v_color;
            if (u_hasTexture)
                albedo *= texture(u_texture, v_texCoord);
            vec3 rgb = albedo.rgb * (u_ambient + (1.0 - u_ambient) * max(dot(n, normalize(toCamera)), 0.0));
            o_colour = vec4(rgb, 1.0);
        }
        """;

    /// <summary>Surface points as round splats in their heatmap colour; points with alpha 0 (below the threshold) are clipped away.</summary>
    public const string SplatVertex = """
        layout(location = 0) in vec3 a_position;
        layout(location = 1) in vec3 a_normal;
        layout(location = 2) in vec4 a_colour;
        layout(location = 3) in float a_singleSided;

        uniform mat4 u_viewProjection;
        uniform vec3 u_cameraPosition;
        // Splat diameter in metres, and the focal length in pixels that turns it into a point size.
        uniform float u_splatSize;
        uniform float u_focal;
        // Splats are lifted this far towards the camera so they win the depth test against their own surface.
        uniform float u_lift;
        out vec4 v_colour;

        void main()
        {
            vec3 toCamera = u_cameraPosition - a_position;
            float distance = max(length(toCamera), 1e-6);
            v_colour = a_colour;
            // A single-sided surface seen from behind is culled, and so are its points.
            if (a_colour.a < 0.5 || (a_singleSided > 0.5 && dot(a_normal, toCamera) < 0.0))
            {
                gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
                gl_PointSize = 1.0;
                return;
            }
            gl_Position = u_viewProjection * vec4(a_position + toCamera / distance * u_lift, 1.0);
            gl_PointSize = clamp(u_focal * u_splatSize / max(gl_Position.w, 1e-4), 1.0, 64.0);
        }
        """;

    public const string SplatFragment = """
        in vec4 v_colour;
        layout(location = 0) out vec4 o_colour;

        void main()
        {
            vec2 d = gl_PointCoord - vec2(0.5);
            if (dot(d, d) > 0.25)
                discard;
            o_colour = vec4(v_colour.rgb, 1.0);
        }
        """;

    /// <summary>Coloured lines (hit boxes, view frustums) in the world frame.</summary>
    public const string LineVertex = """
        layout(location = 0) in vec3 a_position;
        layout(location = 1) in vec4 a_colour;
        uniform mat4 u_viewProjection;
        out vec4 v_colour;

        void main()
        {
            v_colour = a_colour;
            gl_Position = u_viewProjection * vec4(a_position, 1.0);
        }
        """;

    public const string LineFragment = """
        in vec4 v_colour;
        layout(location = 0) out vec4 o_colour;

        void main()
        {
            o_colour = v_colour;
        }
        """;

    /// <summary>The 2-D overlay (a premultiplied RGBA texture whose row 0 is the frame's top) over the whole frame.</summary>
    public const string OverlayVertex = """
        out vec2 v_uv;

        void main()
        {
            // One triangle covering the frame, from the vertex id alone.
            vec2 corner = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
            vec2 ndc = corner * 2.0 - 1.0;
            v_uv = vec2(corner.x, 1.0 - corner.y);
            gl_Position = vec4(ndc, 0.0, 1.0);
        }
        """;

    public const string OverlayFragment = """
        in vec2 v_uv;
        uniform sampler2D u_overlay;
        layout(location = 0) out vec4 o_colour;

        void main()
        {
            o_colour = texture(u_overlay, v_uv);
        }
        """;
}
