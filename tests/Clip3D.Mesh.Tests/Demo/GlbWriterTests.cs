using System.Numerics;
using Clip3D.Mesh.Demo;
using SharpGLTF.Schema2;
using SharpGLTF.Validation;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

/// <summary>
/// The committed GLB files read back with SharpGLTF (strict validation), independently of Clip3D's glTF reader.
/// </summary>
public class GlbWriterTests
{
    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void CommittedGlbIsValidGltfWithOneNamedNodePerObject(string name)
    {
        var model = ModelRoot.Load(GeneratedScenes.CommittedGlb(name), new ReadSettings { Validation = ValidationMode.Strict });
        var scene = GeneratedScenes.Get(name);
        Assert.Equal(GlbWriter.Generator, model.Asset.Generator);
        Assert.Single(model.LogicalScenes);
        Assert.Equal(name, model.DefaultScene.Name);
        var nodes = model.DefaultScene.VisualChildren.ToList();
        Assert.Equal(scene.Objects.Select(o => o.NodeName), nodes.Select(n => n.Name));
        foreach (var (node, demo) in nodes.Zip(scene.Objects))
        {
            Assert.Empty(node.VisualChildren);
            Assert.Equal(Matrix4x4.Identity, node.LocalMatrix);
            Assert.Equal(demo.Surfaces.Count, node.Mesh.Primitives.Count);
            Assert.All(node.Mesh.Primitives, p => Assert.Equal(PrimitiveType.TRIANGLES, p.DrawPrimitiveType));
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void VerticesAreTheWorldGeometryInGltfsYUpFrame(string name)
    {
        var model = ModelRoot.Load(GeneratedScenes.CommittedGlb(name));
        var scene = GeneratedScenes.Get(name);
        foreach (var (node, demo) in model.DefaultScene.VisualChildren.Zip(scene.Objects))
            foreach (var (primitive, surface) in node.Mesh.Primitives.Zip(demo.Surfaces))
            {
                var positions = primitive.GetVertexAccessor("POSITION").AsVector3Array();
                var normals = primitive.GetVertexAccessor("NORMAL").AsVector3Array();
                Assert.Equal(surface.Positions.Length, positions.Count);
                for (int i = 0; i < positions.Count; i++)
                {
                    // glTF (x, y, z) is world (x, −z, y): FrameConversion.YUpToZUp.
                    var p = positions[i];
                    Assert.Equal(surface.Positions[i], new Vector3(p.X, -p.Z, p.Y));
                    var n = normals[i];
                    Assert.Equal(surface.Normals[i], new Vector3(n.X, -n.Z, n.Y));
                }
                var indices = primitive.GetIndices();
                Assert.Equal(surface.Indices.ToArray(), indices.Select(i => (int)i).ToArray());
                Assert.Equal(surface.Material.Texture is not null, primitive.GetVertexAccessor("TEXCOORD_0") is not null);

                // Winding in the file itself: counter-clockwise about the normals (the rotation keeps handedness).
                for (int t = 0; t < indices.Count; t += 3)
                {
                    int a = (int)indices[t], b = (int)indices[t + 1], c = (int)indices[t + 2];
                    var face = Vector3.Cross(positions[b] - positions[a], positions[c] - positions[a]);
                    Assert.True(Vector3.Dot(face, normals[a] + normals[b] + normals[c]) > 0);
                }
            }
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void MaterialsStoreLinearBaseColoursAndEmbeddedPngTextures(string name)
    {
        var model = ModelRoot.Load(GeneratedScenes.CommittedGlb(name));
        var scene = GeneratedScenes.Get(name);
        foreach (var (node, demo) in model.DefaultScene.VisualChildren.Zip(scene.Objects))
            foreach (var (primitive, surface) in node.Mesh.Primitives.Zip(demo.Surfaces))
            {
                var material = primitive.Material;
                var expected = surface.Material;
                Assert.Equal(expected.Name, material.Name);
                Assert.False(material.DoubleSided);
                var channel = material.FindChannel("BaseColor")!.Value;
                var linear = channel.Color;
                Assert.Equal(expected.BaseColor.W, linear.W);
                Assert.Equal(expected.BaseColor.X, (float)DemoColors.LinearToSrgb(linear.X), 1e-5f);
                Assert.Equal(expected.BaseColor.Y, (float)DemoColors.LinearToSrgb(linear.Y), 1e-5f);
                Assert.Equal(expected.BaseColor.Z, (float)DemoColors.LinearToSrgb(linear.Z), 1e-5f);
                Assert.Equal(expected.Metallic, material.FindChannel("MetallicRoughness")!.Value.GetFactor("MetallicFactor"));
                if (expected.Texture is { } texture)
                {
                    var image = channel.Texture.PrimaryImage;
                    Assert.Equal(texture.Name, image.Name);
                    Assert.True(image.Content.IsPng);
                    using var decoded = SixLabors.ImageSharp.Image.Load<Rgba32>(image.Content.Content.ToArray());
                    var rgba = new byte[decoded.Width * decoded.Height * 4];
                    decoded.CopyPixelDataTo(rgba);
                    Assert.Equal(texture.Rgba.ToArray(), rgba);
                }
                else
                {
                    Assert.Null(channel.Texture);
                }
            }
    }

    [Fact]
    public void SrgbConversionIsTheExactTransferFunction()
    {
        Assert.Equal(0.0, DemoColors.SrgbToLinear(0));
        Assert.Equal(1.0, DemoColors.SrgbToLinear(1), 15);
        Assert.Equal(0.04045 / 12.92, DemoColors.SrgbToLinear(0.04045), 15);
        Assert.Equal(0.21404114048223255, DemoColors.SrgbToLinear(0.5), 15);
        Assert.Equal(0.5, DemoColors.LinearToSrgb(DemoColors.SrgbToLinear(0.5)), 12);
    }

    [Fact]
    public void WorldToGltfIsTheInverseOfTheReadersConversion()
    {
        var world = new Vector3(1.5f, -2.25f, 0.75f);
        var gltf = GlbWriter.ToYUp(world);
        Assert.Equal(world, new FrameConversion(UpAxis.Y, 1f).ToWorld(gltf));
    }
}
