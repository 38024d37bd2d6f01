using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Clip3D.Mesh;
using Spectre.Console;

namespace Clip3D.Cli.Commands;

/// <summary><c>clip3d inspect FILE [--json]</c>: format, parts, totals, bounds and warnings of a mesh file.</summary>
internal static class InspectCommand
{
    public static Command Create(CliOutput io)
    {
        var file = new Argument<string>("FILE") { Description = "A mesh or scene file: OBJ, glTF/GLB, STL or PLY." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var up = new Option<string?>("--up") { Description = "Up axis of the file (y or z) for OBJ, PLY and STL; default y for OBJ/PLY, z for STL." };
        var unit = new Option<float?>("--unit") { Description = "Metres per file unit for OBJ, PLY and STL (e.g. 0.001 for millimetres); default 1." };
        var command = new Command("inspect", "Show a mesh file's format, parts, counts, bounds (Z-up metres) and warnings.")
        {
            file, json, up, unit,
        };
        command.SetAction(result =>
        {
            var options = ReadOptionsFrom(result.GetValue(up), result.GetValue(unit));
            var scene = SceneReader.Load(result.GetValue(file)!, options);
            if (result.GetValue(json))
                io.Out.WriteLine(JsonSerializer.Serialize(Summarize(scene), CliJson.Options));
            else
                PrintTable(io, scene);
            return CliApp.ExitOk;
        });
        return command;
    }

    internal static ReadOptions ReadOptionsFrom(string? up, float? unit)
    {
        var axis = up?.ToLowerInvariant() switch
        {
            null => (UpAxis?)null,
            "y" => UpAxis.Y,
            "z" => UpAxis.Z,
            _ => throw new CliInputException($"--up: expected y or z, got '{up}'"),
        };
        if (unit is { } u && (!float.IsFinite(u) || u <= 0))
            throw new CliInputException($"--unit: expected a positive number of metres per unit, got {u.ToString(CultureInfo.InvariantCulture)}");
        return ReadOptions.Default with { UpAxis = axis, UnitScale = unit ?? 1f };
    }

    internal static SceneSummary Summarize(Scene scene) => new(
        File: scene.SourcePath,
        Format: FormatName(scene.Format),
        Frame: new FrameSummary(scene.Frame.SourceUp == UpAxis.Y ? "y" : "z", scene.Frame.UnitScale),
        Parts: scene.Parts.Select(p => new PartSummary(
            p.Name,
            p.Kind.ToString().ToLowerInvariant(),
            p.VertexCount,
            p.TriangleCount,
            p.PointCount,
            p.SegmentCount,
            p.Materials.Select(m => m.Name).ToArray(),
            p.Materials.Any(m => m.Texture is not null),
            BoundsSummary.Of(p.Bounds))).ToArray(),
        Vertices: scene.VertexCount,
        Triangles: scene.TriangleCount,
        Points: scene.PointCount,
        Segments: scene.SegmentCount,
        Bounds: BoundsSummary.Of(scene.Bounds),
        Warnings: scene.Warnings.ToArray());

    internal static string FormatName(MeshFormat format) => format switch
    {
        MeshFormat.Obj => "obj",
        MeshFormat.Gltf => "gltf",
        MeshFormat.Glb => "glb",
        MeshFormat.StlAscii => "stl-ascii",
        MeshFormat.StlBinary => "stl-binary",
        MeshFormat.PlyAscii => "ply-ascii",
        MeshFormat.PlyBinaryLittleEndian => "ply-binary-le",
        MeshFormat.PlyBinaryBigEndian => "ply-binary-be",
        _ => format.ToString().ToLowerInvariant(),
    };

    private static void PrintTable(CliOutput io, Scene scene)
    {
        var console = io.Console;
        console.MarkupLine($"[bold]{Markup.Escape(scene.SourcePath)}[/]  format {FormatName(scene.Format)}, source {Markup.Escape(scene.Frame.ToString())} → world Z-up metres");
        var table = new Table().AddColumns("part", "kind", "vertices", "triangles", "points", "segments", "materials");
        foreach (var p in scene.Parts)
        {
            var materials = string.Join(", ", p.Materials.Select(m => m.Texture is null ? m.Name : $"{m.Name} (textured)"));
            table.AddRow(Markup.Escape(p.Name), p.Kind.ToString().ToLowerInvariant(), Count(p.VertexCount), Count(p.TriangleCount),
                Count(p.PointCount), Count(p.SegmentCount), Markup.Escape(materials));
        }
        console.Write(table);
        console.WriteLine($"total: {scene.Parts.Count} parts, {Count(scene.VertexCount)} vertices, {Count(scene.TriangleCount)} triangles, " +
                          $"{Count(scene.PointCount)} points, {Count(scene.SegmentCount)} segments");
        console.WriteLine($"bounds: min {Format(scene.Bounds.Min)}  max {Format(scene.Bounds.Max)}  size {Format(scene.Bounds.Size)} m");
        foreach (var warning in scene.Warnings)
            console.WriteLine($"warning: {warning}");
    }

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Format(Vector3 v) =>
        string.Create(CultureInfo.InvariantCulture, $"({v.X:0.####}, {v.Y:0.####}, {v.Z:0.####})");
}

internal sealed record SceneSummary(
    string File, string Format, FrameSummary Frame, PartSummary[] Parts, int Vertices, int Triangles, int Points, int Segments,
    BoundsSummary? Bounds, string[] Warnings);

internal sealed record FrameSummary(string SourceUp, float UnitScale);

internal sealed record PartSummary(
    string Name, string Kind, int Vertices, int Triangles, int Points, int Segments, string[] Materials, bool Textured,
    BoundsSummary? Bounds);

internal sealed record BoundsSummary(float[] Min, float[] Max)
{
    /// <summary>Null for empty bounds (JSON cannot hold infinities).</summary>
    public static BoundsSummary? Of(Bounds b) => b.IsEmpty ? null : new([b.Min.X, b.Min.Y, b.Min.Z], [b.Max.X, b.Max.Y, b.Max.Z]);
}
