using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Tests;

namespace Clip3D.Tests;

/// <summary>Small scenes for the API tests.</summary>
internal static class TestScenes
{
    /// <summary>A grey ground plate with a red box and a blue box on it (parts "ground", "red box", "blue box"), Z-up metres.</summary>
    public static Scene TwoBoxes() => ViewTestScenes.Assemble(
        ViewTestScenes.Quad("ground", new Vector3(-2, -2, 0), new Vector3(4, 0, 0), new Vector3(0, 4, 0),
            new Material { Name = "grey", BaseColor = new Vector4(0.6f, 0.6f, 0.6f, 1) }),
        ViewTestScenes.Box("red box", new Vector3(-1.2f, -0.4f, 0), new Vector3(-0.4f, 0.4f, 0.8f),
            new Material { Name = "red", BaseColor = new Vector4(0.9f, 0.1f, 0.1f, 1) }),
        ViewTestScenes.Box("blue box", new Vector3(0.4f, -0.4f, 0), new Vector3(1.2f, 0.4f, 0.8f),
            new Material { Name = "blue", BaseColor = new Vector4(0.1f, 0.1f, 0.9f, 1) }));
}
