using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Views.Cameras;
using Clip3D.Views.Rendering;

namespace Clip3D.Views.Tests.Features;

/// <summary>Synthetic rendered views (no renderer): a flat image whose pixels are painted by a function of (x, y).</summary>
internal static class FeatureTestViews
{
    public static Camera Camera(int width = 160, int height = 120) =>
        new(CameraIntrinsics.FromVerticalFov(width, height, 50), CameraPose.LookAt(new Vector3(0, -3, 1), new Vector3(0, 0, 0.5f)));

    /// <summary>A view in which <paramref name="paint"/> gives each pixel's part id (−1 background) and colour.</summary>
    public static RenderedView Paint(Func<int, int, (int Part, byte R, byte G, byte B)> paint, int width = 160, int height = 120)
    {
        int n = width * height;
        var colour = new byte[n * 4];
        var depth = new float[n];
        var position = new Vector3[n];
        var normal = new Vector3[n];
        var part = new int[n];
        var triangle = new int[n];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                var (p, r, g, b) = paint(x, y);
                colour[4 * i] = r;
                colour[4 * i + 1] = g;
                colour[4 * i + 2] = b;
                colour[4 * i + 3] = 255;
                part[i] = p;
                triangle[i] = p;
                depth[i] = p >= 0 ? 2 : 0;
                position[i] = p >= 0 ? new Vector3(x, y, 0) : new Vector3(float.NaN);
                normal[i] = p >= 0 ? Vector3.UnitZ : new Vector3(float.NaN);
            }
        return new RenderedView(Camera(width, height), colour, depth, position, normal, part, triangle);
    }

    public static readonly (int, byte, byte, byte) Background = (-1, 255, 255, 255);

    public static (int, byte, byte, byte) Red(int part = 0) => (part, 220, 30, 30);

    public static (int, byte, byte, byte) Blue(int part = 1) => (part, 30, 30, 220);

    /// <summary>Ground grey plate, a red box and a blue box on it (parts 0, 1, 2), Z-up metres.</summary>
    public static Scene TwoBoxes(float redGreen = 0.1f) => ViewTestScenes.Assemble(
        ViewTestScenes.Quad("ground", new Vector3(-2, -2, 0), new Vector3(4, 0, 0), new Vector3(0, 4, 0),
            new Material { Name = "grey", BaseColor = new Vector4(0.6f, 0.6f, 0.6f, 1) }),
        ViewTestScenes.Box("red box", new Vector3(-1.2f, -0.4f, 0), new Vector3(-0.4f, 0.4f, 0.8f),
            new Material { Name = "red", BaseColor = new Vector4(0.9f, redGreen, 0.1f, 1) }),
        ViewTestScenes.Box("blue box", new Vector3(0.4f, -0.4f, 0), new Vector3(1.2f, 0.4f, 0.8f),
            new Material { Name = "blue", BaseColor = new Vector4(0.1f, 0.1f, 0.9f, 1) }));
}
