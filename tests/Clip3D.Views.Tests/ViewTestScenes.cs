using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Formats;

namespace Clip3D.Views.Tests;

/// <summary>Scenes built in code through the same assembler the mesh readers use (world frame, Z up).</summary>
internal static class ViewTestScenes
{
    /// <summary>An axis-aligned box with outward-facing triangles.</summary>
    public static PartBuilder Box(string name, Vector3 min, Vector3 max, Material? material = null)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        Vector3[] corners =
        [
            new(min.X, min.Y, min.Z), new(max.X, min.Y, min.Z), new(max.X, max.Y, min.Z), new(min.X, max.Y, min.Z),
            new(min.X, min.Y, max.Z), new(max.X, min.Y, max.Z), new(max.X, max.Y, max.Z), new(min.X, max.Y, max.Z),
        ];
        int[][] faces = [[0, 3, 2, 1], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]];
        foreach (var f in faces)
        {
            int start = b.Positions.Count;
            foreach (var i in f) b.Positions.Add(corners[i]);
            b.Indices.AddRange([start, start + 1, start + 2, start, start + 2, start + 3]);
        }
        if (material is not null) b.Materials.Add(material);
        return b;
    }

    public static PartBuilder Quad(string name, Vector3 origin, Vector3 u, Vector3 v, Material? material = null)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        b.Positions.AddRange([origin, origin + u, origin + u + v, origin + v]);
        b.Indices.AddRange([0, 1, 2, 0, 2, 3]);
        if (material is not null) b.Materials.Add(material);
        return b;
    }

    public static Scene Assemble(params PartBuilder[] parts) =>
        SceneAssembler.Assemble(new ReadContext("test-scene", ReadOptions.Default), MeshFormat.Obj, parts, new FrameConversion(UpAxis.Z, 1f));
}
