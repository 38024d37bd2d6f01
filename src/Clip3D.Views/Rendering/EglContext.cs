using System.Runtime.InteropServices;

namespace Clip3D.Views.Rendering;

/// <summary>
/// A surfaceless OpenGL 3.3 core context created through EGL, with no window and no pbuffer: everything is drawn
/// into framebuffer objects. Displays are tried best first — EGL devices whose driver is hardware (an NVIDIA GPU
/// through <c>EGL_EXT_platform_device</c>), then Mesa's surfaceless platform (llvmpipe on a CPU-only machine),
/// then software EGL devices, then the default display — and the first that gives a context is kept.
/// <para>
/// The context is current on the thread that created it; <see cref="MakeCurrent"/> makes it current again
/// after another context took the thread. It must not be used from other threads.
/// </para>
/// </summary>
internal sealed unsafe class EglContext : IDisposable
{
    // EGL returns one handle per (platform, native display) pair and a process shares it, while eglTerminate
    // destroys every context on it. Renderers sharing a display therefore count their uses of it, and only the
    // last one terminates it.
    private static readonly Dictionary<nint, int> DisplayUsers = [];

    private nint _context;

    private EglContext(nint display, nint context, string renderer, string description)
    {
        Display = display;
        _context = context;
        Renderer = renderer;
        Description = description;
    }

    public nint Display { get; }

    public nint Handle => _context;

    /// <summary>The OpenGL renderer string (GL_RENDERER), e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string Renderer { get; }

    /// <summary>Whether the renderer is one of Mesa's CPU rasterisers.</summary>
    public bool IsSoftware => SoftwareRenderers.Any(name => Renderer.Contains(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>One line naming the EGL display and the OpenGL implementation, e.g. for a log.</summary>
    public string Description { get; }

    private static readonly string[] SoftwareRenderers = ["llvmpipe", "softpipe", "swrast"];

    /// <summary>
    /// Creates a context on the best display that works and makes it current on this thread.
    /// </summary>
    /// <exception cref="RenderingUnavailableException">No display gives a surfaceless OpenGL 3.3 core context.</exception>
    public static EglContext Create()
    {
        var failures = new List<string>();
        EglContext? softwareFallback = null;
        try
        {
            foreach (var candidate in Candidates(failures))
            {
                var context = TryCreate(candidate, out string? failure);
                if (context is null)
                {
                    failures.Add($"{candidate.Name}: {failure}");
                    continue;
                }
                // Mesa can answer for a GPU it has no driver for with a CPU rasteriser; a later candidate may
                // still be the GPU's own driver. The CPU context is kept in case nothing better comes.
                if (candidate.ExpectHardware && context.IsSoftware)
                {
                    failures.Add($"{candidate.Name}: software renderer {context.Renderer}");
                    if (softwareFallback is null)
                        softwareFallback = context;
                    else
                        context.Dispose();
                    continue;
                }
                softwareFallback?.Dispose();
                return context;
            }
            if (softwareFallback is not null)
            {
                softwareFallback.MakeCurrent();
                return softwareFallback;
            }
        }
        catch (DllNotFoundException e)
        {
            throw new RenderingUnavailableException($"{EglNative.Library} could not be loaded", e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new RenderingUnavailableException($"{EglNative.Library} lacks an EGL 1.4 function ({e.Message})", e);
        }
        throw new RenderingUnavailableException(failures.Count == 0
            ? "EGL offers no display"
            : "no EGL display gave a surfaceless OpenGL 3.3 core context (" + string.Join("; ", failures) + ")");
    }

    /// <summary>An OpenGL or EGL function pointer, or 0 when the implementation lacks it.</summary>
    public nint GetProcAddress(string name) => EglNative.GetProcAddress(name);

    /// <summary>Makes this context current on the calling thread when another one is.</summary>
    public void MakeCurrent()
    {
        ObjectDisposedException.ThrowIf(_context == 0, this);
        if (EglNative.GetCurrentContext() == _context)
            return;
        EglNative.BindApi(EglNative.OpenGlApi);
        if (EglNative.MakeCurrent(Display, 0, 0, _context) == 0)
            throw new InvalidOperationException($"eglMakeCurrent failed ({EglNative.LastError()}).");
    }

    /// <summary>Destroys the context (which frees every GL object in it) and releases the display.</summary>
    public void Dispose()
    {
        if (_context == 0)
            return;
        if (EglNative.GetCurrentContext() == _context)
            EglNative.MakeCurrent(Display, 0, 0, 0);
        EglNative.DestroyContext(Display, _context);
        _context = 0;
        ReleaseDisplay(Display);
    }

    /// <summary>A display to try; ExpectHardware for EGL devices that do not say they are software.</summary>
    private sealed record Candidate(string Name, Func<nint> OpenDisplay, bool ExpectHardware = false);

    /// <summary>Displays to try, best first. Failures to enumerate are recorded, not thrown.</summary>
    private static List<Candidate> Candidates(List<string> failures)
    {
        var candidates = new List<Candidate>();
        // Client extensions (EGL_EXT_client_extensions); null on an EGL 1.4 library without them.
        string client = EglNative.QueryText(0, EglNative.Extensions);
        var getPlatformDisplay = PlatformDisplayFunction(client);

        var hardware = new List<Candidate>();
        var software = new List<Candidate>();
        if (getPlatformDisplay is not null && EglNative.HasExtension(client, "EGL_EXT_platform_device"))
        {
            foreach (var (device, index, extensions) in Devices(failures))
            {
                bool isSoftware = EglNative.HasExtension(extensions, "EGL_MESA_device_software");
                string name = $"EGL device {index}" + (isSoftware ? " (software)" : DeviceFile(device, extensions));
                var candidate = new Candidate(name, () => getPlatformDisplay(EglNative.PlatformDeviceExt, device), !isSoftware);
                (isSoftware ? software : hardware).Add(candidate);
            }
        }
        candidates.AddRange(hardware);
        if (getPlatformDisplay is not null && EglNative.HasExtension(client, "EGL_MESA_platform_surfaceless"))
            candidates.Add(new Candidate("Mesa surfaceless platform", () => getPlatformDisplay(EglNative.PlatformSurfacelessMesa, 0)));
        candidates.AddRange(software);
        candidates.Add(new Candidate("default EGL display", () => EglNative.GetDisplay(0)));
        return candidates;
    }

    /// <summary>eglGetPlatformDisplay (EGL 1.5) or eglGetPlatformDisplayEXT, as (platform, native) → display.</summary>
    private static Func<uint, nint, nint>? PlatformDisplayFunction(string clientExtensions)
    {
        // EGL 1.5 takes EGLAttrib (pointer-sized) attributes, the EXT form EGLint ones; both get none here.
        nint core = EglNative.GetProcAddress("eglGetPlatformDisplay");
        if (core != 0)
            return (platform, native) => ((delegate* unmanaged<uint, nint, nint*, nint>)core)(platform, native, null);
        nint ext = EglNative.HasExtension(clientExtensions, "EGL_EXT_platform_base")
            ? EglNative.GetProcAddress("eglGetPlatformDisplayEXT")
            : 0;
        if (ext != 0)
            return (platform, native) => ((delegate* unmanaged<uint, nint, int*, nint>)ext)(platform, native, null);
        return null;
    }

    private static List<(nint Device, int Index, string Extensions)> Devices(List<string> failures)
    {
        var devices = new List<(nint, int, string)>();
        nint query = EglNative.GetProcAddress("eglQueryDevicesEXT");
        nint queryString = EglNative.GetProcAddress("eglQueryDeviceStringEXT");
        if (query == 0 || queryString == 0)
            return devices;
        var queryDevices = (delegate* unmanaged<int, nint*, int*, uint>)query;
        int count = 0;
        if (queryDevices(0, null, &count) == 0)
        {
            failures.Add($"eglQueryDevicesEXT failed ({EglNative.LastError()})");
            return devices;
        }
        if (count <= 0)
            return devices;
        var handles = new nint[count];
        fixed (nint* p = handles)
            if (queryDevices(count, p, &count) == 0)
            {
                failures.Add($"eglQueryDevicesEXT failed ({EglNative.LastError()})");
                return devices;
            }
        var deviceString = (delegate* unmanaged<nint, int, nint>)queryString;
        for (int i = 0; i < count; i++)
            devices.Add((handles[i], i, Marshal.PtrToStringUTF8(deviceString(handles[i], EglNative.Extensions)) ?? ""));
        return devices;
    }

    /// <summary>" (/dev/dri/renderD128)" for a DRM device, "" when the device does not say.</summary>
    private static string DeviceFile(nint device, string extensions)
    {
        if (!EglNative.HasExtension(extensions, "EGL_EXT_device_drm"))
            return "";
        var deviceString = (delegate* unmanaged<nint, int, nint>)EglNative.GetProcAddress("eglQueryDeviceStringEXT");
        string? file = Marshal.PtrToStringUTF8(deviceString(device, EglNative.DrmDeviceFileExt));
        return string.IsNullOrEmpty(file) ? "" : $" ({file})";
    }

    private static EglContext? TryCreate(Candidate candidate, out string? failure)
    {
        nint display = candidate.OpenDisplay();
        if (display == 0)
        {
            failure = $"no display ({EglNative.LastError()})";
            return null;
        }
        if (!AcquireDisplay(display, out int major, out int minor))
        {
            failure = $"eglInitialize failed ({EglNative.LastError()})";
            return null;
        }
        nint context = 0;
        bool created = false;
        try
        {
            failure = CreateContext(display, out context);
            if (failure is not null)
                return null;
            string renderer = GlString(0x1F01 /* GL_RENDERER */), version = GlString(0x1F02 /* GL_VERSION */);
            string vendor = EglNative.QueryText(display, EglNative.Vendor);
            var result = new EglContext(display, context, renderer,
                $"{candidate.Name}, EGL {major}.{minor} {vendor}: OpenGL {version} on {renderer}");
            created = true;
            return result;
        }
        finally
        {
            if (!created)
            {
                if (context != 0)
                {
                    EglNative.MakeCurrent(display, 0, 0, 0);
                    EglNative.DestroyContext(display, context);
                }
                ReleaseDisplay(display);
            }
        }
    }

    /// <summary>Creates a 3.3 core context on an initialised display and makes it current; null or the failure.</summary>
    private static string? CreateContext(nint display, out nint context)
    {
        context = 0;
        string extensions = EglNative.QueryText(display, EglNative.Extensions);
        if (!EglNative.HasExtension(extensions, "EGL_KHR_surfaceless_context"))
            return "no EGL_KHR_surfaceless_context";
        if (EglNative.BindApi(EglNative.OpenGlApi) == 0)
            return $"no OpenGL API ({EglNative.LastError()})";
        // Surface type 0: any config will do, since nothing is drawn to an EGL surface.
        int* configAttributes = stackalloc int[]
        {
            EglNative.SurfaceType, 0,
            EglNative.RenderableType, EglNative.OpenGlBit,
            EglNative.None,
        };
        nint config;
        if (EglNative.ChooseConfig(display, configAttributes, &config, 1, out int configs) == 0 || configs < 1)
            return $"no OpenGL config ({EglNative.LastError()})";
        int* contextAttributes = stackalloc int[]
        {
            EglNative.ContextMajorVersion, 3,
            EglNative.ContextMinorVersion, 3,
            EglNative.ContextOpenGlProfileMask, EglNative.ContextOpenGlCoreProfileBit,
            EglNative.None,
        };
        context = EglNative.CreateContext(display, config, 0, contextAttributes);
        if (context == 0)
            return $"eglCreateContext for OpenGL 3.3 core failed ({EglNative.LastError()})";
        if (EglNative.MakeCurrent(display, 0, 0, context) == 0)
            return $"surfaceless eglMakeCurrent failed ({EglNative.LastError()})";
        return null;
    }

    private static string GlString(uint name)
    {
        nint getString = EglNative.GetProcAddress("glGetString");
        if (getString == 0)
            return "?";
        return Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<uint, byte*>)getString)(name)) ?? "?";
    }

    /// <summary>Initialises the display (a no-op when it already is) and counts one more user of it.</summary>
    private static bool AcquireDisplay(nint display, out int major, out int minor)
    {
        lock (DisplayUsers)
        {
            if (EglNative.Initialize(display, out major, out minor) == 0)
                return false;
            DisplayUsers[display] = DisplayUsers.GetValueOrDefault(display) + 1;
            return true;
        }
    }

    private static void ReleaseDisplay(nint display)
    {
        lock (DisplayUsers)
        {
            int users = DisplayUsers.GetValueOrDefault(display) - 1;
            if (users > 0)
            {
                DisplayUsers[display] = users;
                return;
            }
            DisplayUsers.Remove(display);
            EglNative.Terminate(display);
        }
    }
}
