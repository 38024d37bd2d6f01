using System.Numerics;
using Clip3D.Fields.Field;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Views.Tests;

namespace Clip3D.Tests;

/// <summary>Small scenes for the API tests, and the reduced build settings they are built with.</summary>
internal static class TestScenes
{
    /// <summary>Six 160×120 views (no close-ups), lite crops, 3,000 points, no feature cache, no field: a build of a second or two.</summary>
    public static BuildOptions SmallBuild { get; } = new()
    {
        Views = 6,
        CloseUpViews = 0,
        ImageWidth = 160,
        ImageHeight = 120,
        SurfacePoints = 3000,
        Pyramid = Clip3D.Views.Features.CropPyramidOptions.Lite,
        FeatureCacheDirectory = "",
        TrainField = false,
    };

    /// <summary>
    /// Fusion smoothing over 8 point spacings instead of the default 24: on the two-box scene's 1,000–4,000 points 24
    /// spacings is over 2 m, so every box face is averaged with the whole box, and the colour encoder's "red" — which
    /// clears LERF's 0.5 only on the faces that show most red — falls just under it (0.486) everywhere. For tests that
    /// need hits from those peaks; the smoothing itself is tested in Clip3D.Views.Tests.
    /// </summary>
    public static Clip3D.Views.Fusion.FusionOptions LocalSmoothing { get; } = Clip3D.Views.Fusion.FusionOptions.Default with { SmoothingSpacings = 8 };

    /// <summary><see cref="SmallBuild"/> with 4,000 points and a small field (a few seconds of training).</summary>
    public static BuildOptions SmallBuildWithField { get; } = SmallBuild with
    {
        SurfacePoints = 4000,
        TrainField = true,
        Field = FieldConfig.For(FieldPreset.Lite) with { Levels = 8, Log2TableSize = 12, Steps = 200, BatchSize = 1024, CompressedDimension = 6 },
    };

    /// <summary>A grey ground plate with a red box and a blue box on it (parts "ground", "red box", "blue box"), Z-up metres.</summary>
    public static Scene TwoBoxes() => ViewTestScenes.Assemble(
        ViewTestScenes.Quad("ground", new Vector3(-2, -2, 0), new Vector3(4, 0, 0), new Vector3(0, 4, 0),
            new Material { Name = "grey", BaseColor = new Vector4(0.6f, 0.6f, 0.6f, 1) }),
        ViewTestScenes.Box("red box", new Vector3(-1.2f, -0.4f, 0), new Vector3(-0.4f, 0.4f, 0.8f),
            new Material { Name = "red", BaseColor = new Vector4(0.9f, 0.1f, 0.1f, 1) }),
        ViewTestScenes.Box("blue box", new Vector3(0.4f, -0.4f, 0), new Vector3(1.2f, 0.4f, 0.8f),
            new Material { Name = "blue", BaseColor = new Vector4(0.1f, 0.1f, 0.9f, 1) }));
}
