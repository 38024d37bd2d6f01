using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Clip3D.Benchmarking.Inputs;
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

    private BenchmarkMeshFiles _files = null!;
    private byte[] _objBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchmarkMeshes.EnsureWritten(Folder);
        _objBytes = File.ReadAllBytes(_files.Obj);
    }

    /// <summary>OBJ parsing alone (bytes already in memory; no validation, frame conversion or normals): the ≥ 100 MB/s aim.</summary>
    [Benchmark]
    public object ObjParseOnly() =>
        Clip3D.Mesh.Formats.ObjReader.Read(new Clip3D.Mesh.Formats.ReadContext(_files.Obj, ReadOptions.Default), _objBytes);

    [Benchmark]
    public Scene Obj() => SceneReader.Load(_files.Obj);

    [Benchmark]
    public Scene PlyBinary() => SceneReader.Load(_files.Ply);

    [Benchmark]
    public Scene StlBinary() => SceneReader.Load(_files.Stl);

    [Benchmark]
    public Scene Glb() => SceneReader.Load(_files.Glb);

    public long InputBytes(string benchmarkMethod)
    {
        var files = BenchmarkMeshes.EnsureWritten(Folder);
        var path = benchmarkMethod switch
        {
            nameof(Obj) or nameof(ObjParseOnly) => files.Obj,
            nameof(PlyBinary) => files.Ply,
            nameof(StlBinary) => files.Stl,
            _ => files.Glb,
        };
        return new FileInfo(path).Length;
    }
}
