using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Formats;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;

namespace Clip3D.Benchmarking.Inputs;

/// <summary>
/// The scene and views of the feature benchmarks: a 40 m grey ground with a red box and a blue box on it, seen by
/// four 640×480 cameras from 3 m away looking down at 36°, so that surface covers every pixel (no crop is skipped)
/// and all three parts are visible in every view (two part-mask crops each).
/// </summary>
internal static class FusionBenchScene
{
    public const int Width = 640, Height = 480, Views = 4, Parts = 3;

    public static Scene Build()
    {
        var context = new ReadContext("bench.obj", ReadOptions.Default);
        PartBuilder[] parts =
        [
            Box("ground", new Vector3(-20, -20, -0.01f), new Vector3(20, 20, 0), new Vector4(0.6f, 0.6f, 0.6f, 1)),
            Box("red box", new Vector3(-0.9f, -0.4f, 0), new Vector3(-0.1f, 0.4f, 0.8f), new Vector4(0.9f, 0.1f, 0.1f, 1)),
            Box("blue box", new Vector3(0.1f, -0.4f, 0), new Vector3(0.9f, 0.4f, 0.8f), new Vector4(0.1f, 0.1f, 0.9f, 1)),
        ];
        return SceneAssembler.Assemble(context, MeshFormat.Obj, parts, new FrameConversion(UpAxis.Z, 1f));
    }

    public static IReadOnlyList<Camera> Cameras()
    {
        var intrinsics = CameraIntrinsics.FromVerticalFov(Width, Height, 50);
        return Enumerable.Range(0, Views).Select(i =>
        {
            float a = 0.4f + i * MathF.PI / 2;
            return new Camera(intrinsics, CameraPose.LookAt(new Vector3(3 * MathF.Cos(a), 3 * MathF.Sin(a), 2.5f), new Vector3(0, 0, 0.3f)));
        }).ToArray();
    }

    /// <summary>Renders every camera on this thread (the renderer is disposed before returning).</summary>
    public static RenderedView[] Render(Scene scene)
    {
        using var renderer = new HeadlessRenderer(new RenderOptions { Log = Console.WriteLine });
        renderer.Upload(scene);
        return Cameras().Select(renderer.Render).ToArray();
    }

    private static PartBuilder Box(string name, Vector3 min, Vector3 max, Vector4 colour)
    {
        var b = new PartBuilder(name, PartKind.Surface);
        var size = max - min;
        (Vector3 Origin, Vector3 U, Vector3 V)[] faces =
        [
            (min, new(0, size.Y, 0), new(size.X, 0, 0)),
            (new(min.X, min.Y, max.Z), new(size.X, 0, 0), new(0, size.Y, 0)),
            (min, new(size.X, 0, 0), new(0, 0, size.Z)),
            (new(min.X, max.Y, min.Z), new(0, 0, size.Z), new(size.X, 0, 0)),
            (min, new(0, 0, size.Z), new(0, size.Y, 0)),
            (new(max.X, min.Y, min.Z), new(0, size.Y, 0), new(0, 0, size.Z)),
        ];
        foreach (var (o, u, v) in faces)
        {
            int first = b.Positions.Count;
            b.Positions.AddRange([o, o + u, o + u + v, o + v]);
            b.Indices.AddRange([first, first + 1, first + 2, first, first + 2, first + 3]);
        }
        b.Materials.Add(new Material { Name = name, BaseColor = colour });
        return b;
    }
}
