using System.Numerics;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// A demo-scene material: a metallic-roughness PBR surface with an sRGB design colour and an optional texture.
/// The glTF writer converts <see cref="BaseColor"/> to the linear factor glTF stores.
/// </summary>
/// <param name="Name">The glTF material name, unique within a scene (e.g. <c>mug_1_glaze</c>).</param>
/// <param name="BaseColor">sRGB RGBA in [0, 1], as a reader returns it in <see cref="Material.BaseColor"/>.</param>
/// <param name="Metallic">glTF metallicFactor in [0, 1].</param>
/// <param name="Roughness">glTF roughnessFactor in [0, 1].</param>
/// <param name="Texture">Base colour texture, multiplied by <paramref name="BaseColor"/>; null for none.</param>
public sealed record DemoMaterial(string Name, Vector4 BaseColor, float Metallic, float Roughness, DemoTexture? Texture = null);
