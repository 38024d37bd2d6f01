using System.Numerics;
using Clip3D.Mesh.Formats;

namespace Clip3D.Mesh.Demo;

/// <summary>
/// Turns built <see cref="DemoObject"/>s straight into a <see cref="Scene"/> (one part per object, one material
/// per surface), without writing and re-reading a GLB: what a renderer needs to draw catalogue instances one at a
/// time, thousands of times. Materials are single-sided, as the GLB writer marks them.
/// </summary>
public static class DemoObjectScenes
{
    /// <summary>A scene of <paramref name="objects"/> in their world frame (Z up, metres); <paramref name="name"/> becomes its source path.</summary>
    public static Scene ToScene(IReadOnlyList<DemoObject> objects, string name = "demo-objects")
    {
        ArgumentNullException.ThrowIfNull(objects);
        var parts = new List<PartBuilder>(objects.Count);
        foreach (var o in objects)
        {
            var part = new PartBuilder(o.NodeName, PartKind.Surface);
            foreach (var surface in o.Surfaces)
            {
                int start = part.Positions.Count;
                part.Positions.AddRange(surface.Positions.ToArray());
                part.Normals.AddRange(surface.Normals.ToArray());
                var uv = surface.TexCoords;
                for (int i = 0; i < surface.Positions.Length; i++)
                    part.TexCoords.Add(uv.Length > 0 ? uv[i] : Vector2.Zero);
                int material = part.MaterialIndex(ToMaterial(surface.Material));
                foreach (int index in surface.Indices)
                    part.Indices.Add(start + index);
                for (int t = 0; t < surface.TriangleCount; t++)
                    part.ElementMaterials.Add(material);
            }
            parts.Add(part);
        }
        return SceneAssembler.Assemble(new ReadContext(name, ReadOptions.Default), MeshFormat.Glb, parts, new FrameConversion(UpAxis.Z, 1f));
    }

    /// <summary>
    /// A floor slab (5 cm thick, its top at z = 0) under <paramref name="around"/>, reaching
    /// <paramref name="margin"/> times the larger horizontal side of the bounds beyond them on every side.
    /// </summary>
    public static DemoObject Floor(Bounds around, Vector4 srgb, double margin = 1.0)
    {
        if (around.IsEmpty) throw new ArgumentException("Cannot lay a floor under empty bounds.", nameof(around));
        double pad = margin * Math.Max(around.Size.X, around.Size.Y);
        var builder = new ObjectBuilder("floor", "floor", Pose.Identity, null, ["ground"]);
        Furniture.Floor(builder, around.Min.X - pad, around.Min.Y - pad, around.Max.X + pad, around.Max.Y + pad, srgb);
        return builder.Build();
    }

    /// <summary>
    /// Two low walls meeting behind <paramref name="around"/> (on its −x and +y sides, <paramref name="gap"/> times the
    /// larger horizontal side of the bounds away), <paramref name="height"/> times the bounds' height tall: with
    /// <see cref="Floor"/>, the corner of a room. Low, so that cameras above the floor still see the object over them.
    /// </summary>
    public static DemoObject Corner(Bounds around, Vector4 srgb, double gap = 0.6, double height = 0.5)
    {
        if (around.IsEmpty) throw new ArgumentException("Cannot build a corner around empty bounds.", nameof(around));
        double side = Math.Max(around.Size.X, around.Size.Y), pad = gap * side, reach = (gap + 1.2) * side;
        double top = Math.Max(0.05, height * around.Size.Z), thick = 0.05 * side;
        var builder = new ObjectBuilder("corner", "wall", Pose.Identity, null, ["walls"]);
        double west = around.Min.X - pad, north = around.Max.Y + pad;
        Furniture.Wall(builder, west - thick, around.Min.Y - reach, west, north + thick, top, srgb);
        Furniture.Wall(builder, west, north, around.Max.X + reach, north + thick, top, srgb);
        return builder.Build();
    }

    private static Material ToMaterial(DemoMaterial m) => new()
    {
        Name = m.Name,
        BaseColor = m.BaseColor,
        Texture = m.Texture is { } t ? new TextureImage(t.Name, t.Width, t.Height, t.Rgba.ToArray()) : null,
        DoubleSided = false,
    };
}
