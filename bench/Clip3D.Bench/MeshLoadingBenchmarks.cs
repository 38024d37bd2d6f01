using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clip3D.Mesh;

namespace Clip3D.Bench;

/// <summary>
/// Loading a generated 1M-triangle mesh (a 1000×500-quad height field, 501,501 vertices) from OBJ, binary PLY,
/// binary STL and GLB through <see cref="SceneReader.Load"/>, including the shared assembly step (validation,
/// frame conversion, normals), and OBJ parsing alone. Aim: OBJ parsing at ≥ 100 MB/s on one core.
/// </summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class MeshLoadingBenchmarks : IInputSize
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn());
    }

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "clip3d-bench", "mesh-1m");

    private byte[] _objBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        BenchmarkMeshes.EnsureWritten(Folder);
        _objBytes = File.ReadAllBytes(Path.Combine(Folder, BenchmarkMeshes.ObjName));
    }

    /// <summary>OBJ parsing alone (bytes already in memory; no validation, frame conversion or normals): the ≥ 100 MB/s aim.</summary>
    [Benchmark]
    public object ObjParseOnly() =>
        Clip3D.Mesh.Formats.ObjReader.Read(new Clip3D.Mesh.Formats.ReadContext(BenchmarkMeshes.ObjName, ReadOptions.Default), _objBytes);

    [Benchmark]
    public Scene Obj() => SceneReader.Load(Path.Combine(Folder, BenchmarkMeshes.ObjName));

    [Benchmark]
    public Scene PlyBinary() => SceneReader.Load(Path.Combine(Folder, BenchmarkMeshes.PlyName));

    [Benchmark]
    public Scene StlBinary() => SceneReader.Load(Path.Combine(Folder, BenchmarkMeshes.StlName));

    [Benchmark]
    public Scene Glb() => SceneReader.Load(Path.Combine(Folder, BenchmarkMeshes.GlbName));

    public long InputBytes(string benchmarkMethod)
    {
        BenchmarkMeshes.EnsureWritten(Folder);
        var name = benchmarkMethod switch
        {
            nameof(Obj) or nameof(ObjParseOnly) => BenchmarkMeshes.ObjName,
            nameof(PlyBinary) => BenchmarkMeshes.PlyName,
            nameof(StlBinary) => BenchmarkMeshes.StlName,
            _ => BenchmarkMeshes.GlbName,
        };
        return new FileInfo(Path.Combine(Folder, name)).Length;
    }
}
