using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>A colour a caption can name: its word and a typical sRGB value (RGBA in [0, 1], opaque).</summary>
/// <param name="Id">Index in <see cref="ColourVocabulary.All"/>.</param>
/// <param name="Name">The word a caption uses (<c>red</c>, <c>grey</c>).</param>
/// <param name="Srgb">The design colour; instances vary a little around it.</param>
public sealed record NamedColour(int Id, string Name, Vector4 Srgb);
