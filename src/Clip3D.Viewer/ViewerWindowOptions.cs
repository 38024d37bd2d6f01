namespace Clip3D.Viewer;

/// <summary>How <see cref="ViewerWindow"/> opens and paces its window. Every property has a documented default.</summary>
public sealed record ViewerWindowOptions
{
    public static ViewerWindowOptions Default { get; } = new();

    /// <summary>Window width in screen pixels; default 1280.</summary>
    public int Width { get; init; } = 1280;

    /// <summary>Window height in screen pixels; default 800.</summary>
    public int Height { get; init; } = 800;

    /// <summary>
    /// Frames per second the loop sleeps down to; default 60. Vsync alone does not pace a window under Xvfb (or with a
    /// driver that ignores the swap interval), and an unpaced loop would keep a core busy.
    /// </summary>
    public int TargetFramesPerSecond { get; init; } = 60;

    /// <summary>Where F12 writes the current frame as a PNG; default <c>clip3d-view.png</c> in the working folder.</summary>
    public string ScreenshotPath { get; init; } = "clip3d-view.png";

    /// <summary>Receives one line naming the OpenGL implementation, and one per screenshot written; default none.</summary>
    public Action<string>? Log { get; init; }

    public void Validate()
    {
        if (Width is < 1 or > 16384) throw new ArgumentOutOfRangeException(nameof(Width), Width, "The window width must be in 1..16384.");
        if (Height is < 1 or > 16384) throw new ArgumentOutOfRangeException(nameof(Height), Height, "The window height must be in 1..16384.");
        if (TargetFramesPerSecond is < 1 or > 1000)
            throw new ArgumentOutOfRangeException(nameof(TargetFramesPerSecond), TargetFramesPerSecond, "The target frame rate must be in 1..1000.");
        ArgumentException.ThrowIfNullOrWhiteSpace(ScreenshotPath, nameof(ScreenshotPath));
    }
}
