using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// Reads PLY (ASCII, binary little- and big-endian) into one part named after the file: a surface when the file
/// has faces (or triangle strips), else a point cloud. The header (<see cref="PlyHeader"/>) may declare any
/// elements in any order; every element count is checked against the bytes of the body before anything is
/// allocated from it. A <c>comment TextureFile name</c> line (MeshLab) names the texture, relative to the file's
/// folder; MeshLab's per-corner <c>texcoord</c> face lists are supported by splitting vertices where corners differ.
/// </summary>
internal static class PlyReader
{
    /// <summary>Reads a PLY file whose encoding <see cref="FormatSniffer"/> found on its format line.</summary>
    /// <param name="context">File path, options and warnings of this read.</param>
    /// <param name="data">The whole file.</param>
    /// <param name="format">The sniffed encoding; the header's own format line is authoritative.</param>
    /// <returns>One part.</returns>
    /// <exception cref="MeshFormatException">The header or body is malformed, truncated or inconsistent.</exception>
    internal static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data, MeshFormat format)
    {
        var header = PlyHeader.Parse(context, data);
        CheckCounts(context, header, data.Length - header.BodyOffset);

        var vertex = header.Elements.FirstOrDefault(e => e.Name == "vertex")
            ?? throw context.Data(null, "the header declares no 'vertex' element");
        var vertexLayout = PlyVertexLayout.Create(context, vertex);
        var faces = header.Elements.FirstOrDefault(e => e.Name is "face" or "tristrips" && e.Count > 0 && PlyBodyReader.IndexListOf(e) >= 0);
        foreach (var e in header.Elements)
            if (e.Name is "face" or "tristrips" && PlyBodyReader.IndexListOf(e) < 0 && e.Count > 0)
                context.Warn($"header line {e.HeaderLine}", $"element '{e.Name}' has no vertex_indices list; it is ignored");
        var kind = faces is null ? PartKind.Points : PartKind.Surface;

        var name = Path.GetFileNameWithoutExtension(context.FilePath);
        var part = new PartBuilder(string.IsNullOrEmpty(name) ? "ply" : name, kind);
        bool wantWedges = faces is not null && !vertexLayout.HasTexCoords && header.TextureFiles.Count > 0;
        PlyBodyReader body;
        if (header.Format == MeshFormat.PlyAscii)
        {
            var source = new PlyAsciiSource(context, data, header.BodyOffset, header.BodyFirstLine);
            body = PlyBodyReader.Read(context, header, vertex, vertexLayout, faces, part, wantWedges, ref source);
        }
        else
        {
            var source = new PlyBinarySource(context, data, header.BodyOffset, header.Format == MeshFormat.PlyBinaryBigEndian);
            body = PlyBodyReader.Read(context, header, vertex, vertexLayout, faces, part, wantWedges, ref source);
        }
        if (body.WedgeTexCoords.Count > 0)
            PlyWedgeTexCoords.SplitVertices(part, body.WedgeTexCoords);

        part.Materials.Add(MaterialOf(context, header, part));
        return [part];
    }

    /// <summary>
    /// Every element's rows need a minimum number of bytes (binary: its scalars and list counts; ASCII: two
    /// characters per value), so a count that cannot fit in the rest of the body is refused before reading.
    /// </summary>
    private static void CheckCounts(ReadContext context, PlyHeader header, long bodyBytes)
    {
        bool ascii = header.Format == MeshFormat.PlyAscii;
        // The last ASCII value of the file may lack its separator.
        long left = ascii ? bodyBytes + 1 : bodyBytes;
        foreach (var element in header.Elements)
        {
            long rowBytes = ascii ? element.MinimumAsciiRowBytes : element.MinimumBinaryRowBytes;
            context.CheckCount($"header line {element.HeaderLine}", element.Count, rowBytes, left, $"element '{element.Name}'");
            left -= element.Count * rowBytes;
        }
    }

    /// <summary>
    /// The part's material: the default one, or, with a texture or vertex colours (which are the surface
    /// colour), one with a white base colour so that they are not darkened by the default grey.
    /// </summary>
    private static Material MaterialOf(ReadContext context, PlyHeader header, PartBuilder part)
    {
        TextureImage? texture = null;
        string? textureName = null;
        if (header.TextureFiles.Count > 0)
        {
            var (file, line) = header.TextureFiles[0];
            for (int i = 1; i < header.TextureFiles.Count; i++)
                context.Warn($"header line {header.TextureFiles[i].Line}", $"only the first TextureFile is used; '{header.TextureFiles[i].File}' ignored");
            if (part.TexCoords.Count == 0)
                context.Warn($"header line {line}", $"texture '{file}' ignored: the vertices have no texture coordinates");
            else
            {
                texture = context.LoadTextureFile(Path.Combine(context.Directory, file), $"header line {line}");
                textureName = Path.GetFileNameWithoutExtension(file);
            }
        }
        if (texture is null && part.Colors.Count == 0)
            return Material.Default;
        return Material.Default with
        {
            Name = texture is null ? Material.Default.Name : textureName!,
            BaseColor = Vector4.One,
            Texture = texture,
        };
    }
}
