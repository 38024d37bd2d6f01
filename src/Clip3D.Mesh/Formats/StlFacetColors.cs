using System.Buffers.Binary;
using System.Numerics;

namespace Clip3D.Mesh.Formats;

/// <summary>
/// The two de-facto conventions for a colour in a binary STL facet's 16-bit attribute word (there is no
/// standard; both are described in the STL article of Wikipedia):
/// <list type="bullet">
/// <item>Materialise Magics: the header holds <c>COLOR=</c> and four bytes R, G, B, A, the colour of the whole
/// object. Bit 15 clear means the facet has its own colour, red in bits 0–4, green 5–9, blue 10–14; bit 15 set
/// means the facet takes the object colour.</item>
/// <item>VisCAM / SolidView: no header marker; bit 15 set means the facet has a colour, blue in bits 0–4,
/// green 5–9, red 10–14; bit 15 clear means no colour.</item>
/// </list>
/// Files of neither kind (almost all: the word is normally zero) get no vertex colours. Facets without a colour in
/// a SolidView file get white, so that they show the material's base colour.
/// </summary>
internal readonly struct StlFacetColors
{
    private enum Convention { None, Materialise, SolidView }

    private readonly Convention _convention;
    private readonly Vector4 _objectColor;

    private StlFacetColors(Convention convention, Vector4 objectColor)
    {
        _convention = convention;
        _objectColor = objectColor;
    }

    /// <summary>Whether the file's facets carry colours.</summary>
    public bool Enabled => _convention != Convention.None;

    /// <summary>Decides the convention from the 80-byte header and the 50-byte triangle records.</summary>
    public static StlFacetColors Detect(ReadOnlySpan<byte> header, ReadOnlySpan<byte> triangleRecords, int triangles)
    {
        int marker = header.IndexOf("COLOR="u8);
        if (marker >= 0 && marker + 10 <= header.Length)
        {
            var rgba = header.Slice(marker + 6, 4);
            return new StlFacetColors(Convention.Materialise, new Vector4(rgba[0], rgba[1], rgba[2], rgba[3]) / 255f);
        }
        for (int t = 0; t < triangles; t++)
            if ((BinaryPrimitives.ReadUInt16LittleEndian(triangleRecords.Slice(t * 50 + 48, 2)) & 0x8000) != 0)
                return new StlFacetColors(Convention.SolidView, Vector4.One);
        return default;
    }

    /// <summary>The sRGB colour of a facet with attribute word <paramref name="attribute"/>.</summary>
    public Vector4 Decode(ushort attribute)
    {
        bool bit15 = (attribute & 0x8000) != 0;
        float low = (attribute & 0x1F) / 31f;
        float middle = ((attribute >> 5) & 0x1F) / 31f;
        float high = ((attribute >> 10) & 0x1F) / 31f;
        return _convention switch
        {
            Convention.Materialise => bit15 ? _objectColor : new Vector4(low, middle, high, 1f),
            Convention.SolidView => bit15 ? new Vector4(high, middle, low, 1f) : Vector4.One,
            _ => Vector4.One,
        };
    }
}
