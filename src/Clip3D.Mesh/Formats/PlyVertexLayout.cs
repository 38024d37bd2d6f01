namespace Clip3D.Mesh.Formats;

/// <summary>
/// What each property of a PLY <c>vertex</c> element means: position <c>x y z</c>; normal <c>nx ny nz</c> (or
/// PCL's <c>normal_x …</c>); colour <c>red green blue [alpha]</c>, <c>r g b [a]</c> or <c>diffuse_red …</c>
/// (scaled to [0, 1] by <see cref="PlyScalarTypes.ColorScale"/>); texture coordinates <c>s t</c>, <c>u v</c>,
/// <c>texture_u texture_v</c> or <c>texture_s texture_t</c>. Anything else is skipped. An attribute is used
/// only when all of its components are present; the first property of a name wins.
/// </summary>
internal sealed class PlyVertexLayout
{
    public const int None = -1;
    public const int X = 0, Y = 1, Z = 2, NX = 3, NY = 4, NZ = 5, Red = 6, Green = 7, Blue = 8, Alpha = 9, U = 10, V = 11;

    /// <summary>Number of roles; the size of a row buffer indexed by role.</summary>
    public const int RoleCount = 12;

    private static readonly (string[] Names, int Role)[] Vocabulary =
    [
        (["x"], X), (["y"], Y), (["z"], Z),
        (["nx", "normal_x"], NX), (["ny", "normal_y"], NY), (["nz", "normal_z"], NZ),
        (["red", "r", "diffuse_red"], Red), (["green", "g", "diffuse_green"], Green),
        (["blue", "b", "diffuse_blue"], Blue), (["alpha", "a", "diffuse_alpha"], Alpha),
    ];

    private static readonly (string U, string V)[] TexCoordNames =
        [("s", "t"), ("u", "v"), ("texture_u", "texture_v"), ("texture_s", "texture_t")];

    private PlyVertexLayout(int[] roles, double[] scales)
    {
        Roles = roles;
        Scales = scales;
        bool Has(int role) => Array.IndexOf(roles, role) >= 0;
        HasNormals = Has(NX) && Has(NY) && Has(NZ);
        HasColors = Has(Red) && Has(Green) && Has(Blue);
        HasAlpha = HasColors && Has(Alpha);
        HasTexCoords = Has(U) && Has(V);
    }

    /// <summary>Per property of the element, its role or <see cref="None"/>.</summary>
    public int[] Roles { get; }

    /// <summary>Per property, the factor applied to its value (colour scaling; 1 otherwise).</summary>
    public double[] Scales { get; }

    public bool HasNormals { get; }

    public bool HasColors { get; }

    public bool HasAlpha { get; }

    public bool HasTexCoords { get; }

    /// <summary>The layout of <paramref name="vertex"/>.</summary>
    /// <exception cref="MeshDataException">A position component is missing or is a list.</exception>
    public static PlyVertexLayout Create(ReadContext context, PlyElement vertex)
    {
        var properties = vertex.Properties;
        var roles = new int[properties.Count];
        var scales = new double[properties.Count];
        Array.Fill(roles, None);
        Array.Fill(scales, 1.0);
        var taken = new bool[RoleCount];

        void Assign(int index, int role)
        {
            if (taken[role] || properties[index].IsList)
                return;
            taken[role] = true;
            roles[index] = role;
            if (role is Red or Green or Blue or Alpha)
                scales[index] = properties[index].Type.ColorScale();
        }

        for (int i = 0; i < properties.Count; i++)
            foreach (var (names, role) in Vocabulary)
                if (Array.IndexOf(names, properties[i].Name) >= 0)
                    Assign(i, role);
        foreach (var (u, v) in TexCoordNames)
        {
            int ui = properties.FindIndex(p => p.Name == u && !p.IsList);
            int vi = properties.FindIndex(p => p.Name == v && !p.IsList);
            if (ui >= 0 && vi >= 0)
            {
                Assign(ui, U);
                Assign(vi, V);
                break;
            }
        }

        foreach (var (axis, role) in new[] { ("x", X), ("y", Y), ("z", Z) })
            if (!taken[role])
                throw context.Data($"header line {vertex.HeaderLine}", $"element 'vertex' has no scalar property '{axis}'");
        var layout = new PlyVertexLayout(roles, scales);
        if (!layout.HasColors && (taken[Red] || taken[Green] || taken[Blue]))
            context.Warn($"header line {vertex.HeaderLine}", "vertex colours need red, green and blue; the incomplete colour is ignored");
        if (!layout.HasNormals && (taken[NX] || taken[NY] || taken[NZ]))
            context.Warn($"header line {vertex.HeaderLine}", "vertex normals need three components; the incomplete normal is ignored");
        return layout;
    }
}
