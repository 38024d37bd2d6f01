namespace Clip3D.Views.Rendering;

/// <summary>
/// No headless OpenGL 3.3 context could be created on this machine: libEGL.so.1 is missing, or no EGL display
/// offers a surfaceless OpenGL 3.3 core context. The one-line message says what each attempt found and which
/// Debian packages provide the renderer's run-time libraries.
/// </summary>
public sealed class RenderingUnavailableException : Exception
{
    /// <summary>The Debian packages that provide headless rendering on a machine without a GPU driver.</summary>
    public const string DebianPackages = "libegl1 libegl-mesa0 libgl1-mesa-dri";

    public RenderingUnavailableException(string reason, Exception? inner = null)
        : base($"Headless OpenGL rendering is unavailable: {reason}. Install the Debian packages {DebianPackages} " +
               "(scripts/setup-debian.sh does), or a GPU driver with EGL support.", inner)
    {
        Reason = reason;
    }

    /// <summary>What went wrong, without the installation advice.</summary>
    public string Reason { get; }
}
