namespace Clip3D.Views.Rendering;

/// <summary>
/// GLSL 3.30 core sources of the renderer's one vertex shader and its fragment shader, which is compiled in
/// variants by defines: <c>COLOUR_OUTPUT</c> writes the shaded colour (location 0), <c>DATA_OUTPUTS</c> writes the
/// data images (locations 1–5). Vertex attribute locations are those of <see cref="GpuScene"/>.
/// </summary>
internal static class ShaderSources
{
    public const string Vertex = """
        layout(location = 0) in vec3 a_position;
        layout(location = 1) in vec3 a_normal;
        layout(location = 2) in vec2 a_texCoord;
        layout(location = 3) in vec4 a_color;

        uniform mat4 u_viewProjection;

        out vec3 v_position;
        out vec3 v_normal;
        out vec2 v_texCoord;
        out vec4 v_color;

        void main()
        {
            // Parts are stored in world coordinates, so there is no model matrix.
            v_position = a_position;
            v_normal = a_normal;
            v_texCoord = a_texCoord;
            v_color = a_color;
            gl_Position = u_viewProjection * vec4(a_position, 1.0);
        }
        """;

    public const string Fragment = """
        in vec3 v_position;
        in vec3 v_normal;
        in vec2 v_texCoord;
        in vec4 v_color;

        uniform vec3 u_cameraPosition;
        uniform vec3 u_cameraForward;
        uniform bool u_doubleSided;

        #ifdef COLOUR_OUTPUT
        uniform vec4 u_baseColor;
        uniform bool u_hasTexture;
        uniform sampler2D u_texture;
        uniform bool u_lit;
        uniform float u_ambient;
        layout(location = 0) out vec4 o_colour;
        #endif

        #ifdef DATA_OUTPUTS
        uniform int u_partId;
        // Scene-wide id of the draw's first triangle, for parts drawn in their own triangle order.
        uniform int u_triangleBase;
        // For parts whose triangles were regrouped by material: scene-wide ids in drawing order, from u_rangeStart.
        uniform bool u_triangleMapped;
        uniform int u_rangeStart;
        uniform isamplerBuffer u_triangleMap;
        layout(location = 1) out float o_depth;
        layout(location = 2) out vec4 o_position;
        layout(location = 3) out vec4 o_normal;
        layout(location = 4) out int o_partId;
        layout(location = 5) out int o_triangleId;
        #endif

        void main()
        {
            vec3 toCamera = u_cameraPosition - v_position;
            // Interpolating opposite vertex normals can cancel out; the view direction is the harmless stand-in.
            float normalLength = length(v_normal);
            vec3 n = normalLength > 1e-12 ? v_normal / normalLength : normalize(toCamera);
            if (u_doubleSided && dot(n, toCamera) < 0.0)
                n = -n;

        #ifdef COLOUR_OUTPUT
            // Colours stay in sRGB values throughout, as the scene model stores them.
            vec4 albedo = u_baseColor * v_color;
            if (u_hasTexture)
                albedo *= texture(u_texture, v_texCoord);
            vec3 rgb = albedo.rgb;
            if (u_lit)
                rgb *= u_ambient + (1.0 - u_ambient) * max(dot(n, normalize(toCamera)), 0.0);
            // Surfaces are opaque: material and texture alpha are not used.
            o_colour = vec4(rgb, 1.0);
        #endif

        #ifdef DATA_OUTPUTS
            o_depth = dot(v_position - u_cameraPosition, u_cameraForward);
            o_position = vec4(v_position, 1.0);
            o_normal = vec4(n, 0.0);
            o_partId = u_partId;
            o_triangleId = u_triangleMapped
                ? texelFetch(u_triangleMap, u_rangeStart + gl_PrimitiveID).r
                : u_triangleBase + gl_PrimitiveID;
        #endif
        }
        """;
}
