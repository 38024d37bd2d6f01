using System.Diagnostics;
using System.Runtime.InteropServices;
using Clip3D.Viewer.Rendering;
using Clip3D.Viewer.Window;
using Silk.NET.OpenGL;

namespace Clip3D.Viewer;

/// <summary>
/// The interactive viewer: a GLFW window (OpenGL 3.3 core) drawing a <see cref="ViewerSession"/> with the same frame
/// code as <see cref="HeadlessViewer"/>.
/// <para>
/// Mouse: left drag orbits, right or middle drag (or shift + left) pans, the wheel zooms. Keys: <c>/</c>, Enter or Tab
/// opens the query box (type, Enter runs, Esc leaves, Up/Down walk the history); 1–4 colour, normals, part ids and
/// relevancy shading; <c>[</c> and <c>]</c> lower and raise the heatmap threshold; F fits the scene to the window, R resets
/// the camera; arrows orbit, +/− or PageUp/PageDown zoom; H hit boxes and labels, V the views' camera frustums, M the
/// top-down map; F12 writes the frame to <see cref="ViewerWindowOptions.ScreenshotPath"/>; Q or Esc closes.
/// </para>
/// </summary>
public static unsafe class ViewerWindow
{
    // GLFW's callbacks are C function pointers without a user argument that reaches managed code cheaply: the one
    // window a process runs at a time is found here.
    private static WindowState? s_state;

    /// <summary>Opens the window and runs until it is closed. Call it from one thread; one window at a time.</summary>
    /// <exception cref="DisplayUnavailableException">There is no display, or GLFW cannot be loaded or open a window.</exception>
    public static void Run(ViewerSession session, ViewerWindowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        options ??= ViewerWindowOptions.Default;
        options.Validate();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY")))
            throw new DisplayUnavailableException("no display to open a window on (DISPLAY is not set): use --screenshot OUT.png for a headless image, or run under xvfb-run");
        if (Interlocked.CompareExchange(ref s_state, new WindowState(session, options), null) is not null)
            throw new InvalidOperationException("A viewer window is already open in this process.");
        try
        {
            RunWindow(s_state!);
        }
        finally
        {
            s_state = null;
        }
    }

    private static void RunWindow(WindowState state)
    {
        try
        {
            if (Glfw.Init() != Glfw.True)
                throw new DisplayUnavailableException($"GLFW could not start ({Glfw.LastError()}): use --screenshot OUT.png for a headless image, or run under xvfb-run");
        }
        catch (DllNotFoundException e)
        {
            throw new DisplayUnavailableException($"{Glfw.Library} could not be loaded (install Debian's libglfw3): use --screenshot OUT.png for a headless image", e);
        }
        nint window = 0;
        try
        {
            Glfw.WindowHint(Glfw.ContextVersionMajor, 3);
            Glfw.WindowHint(Glfw.ContextVersionMinor, 3);
            Glfw.WindowHint(Glfw.OpenGlProfile, Glfw.OpenGlCoreProfile);
            Glfw.WindowHint(Glfw.OpenGlForwardCompat, Glfw.True);
            Glfw.WindowHint(Glfw.Samples, 4);
            window = Glfw.CreateWindow(state.Options.Width, state.Options.Height, "clip3d view — " + Path.GetFileName(state.Session.Content.Path), 0, 0);
            if (window == 0)
                throw new DisplayUnavailableException($"GLFW could not open an OpenGL 3.3 window ({Glfw.LastError()}): use --screenshot OUT.png for a headless image");
            Glfw.MakeContextCurrent(window);
            Glfw.SwapInterval(1);
            Glfw.SetKeyCallback(window, &OnKey);
            Glfw.SetCharCallback(window, &OnChar);
            Glfw.SetCursorPosCallback(window, &OnCursor);
            Glfw.SetMouseButtonCallback(window, &OnMouseButton);
            Glfw.SetScrollCallback(window, &OnScroll);
            var gl = GL.GetApi(name => Glfw.GetProcAddress(name));
            state.Options.Log?.Invoke("window OpenGL: " + gl.GetStringS(StringName.Version) + " on " + gl.GetStringS(StringName.Renderer));
            using var frame = new FrameRenderer(gl, state.Session);
            Loop(window, gl, frame, state);
        }
        finally
        {
            if (window != 0) Glfw.DestroyWindow(window);
            Glfw.Terminate();
        }
    }

    private static void Loop(nint window, GL gl, FrameRenderer frame, WindowState state)
    {
        var period = TimeSpan.FromSeconds(1.0 / state.Options.TargetFramesPerSecond);
        var clock = Stopwatch.StartNew();
        double? fps = null;
        var last = clock.Elapsed;
        while (Glfw.WindowShouldClose(window) == 0 && !state.CloseRequested)
        {
            var start = clock.Elapsed;
            Glfw.PollEvents();
            if (state.Failure is { } failure) ExceptionDispatchInfoThrow(failure);
            Glfw.GetFramebufferSize(window, out int width, out int height);
            if (width > 0 && height > 0)
            {
                frame.Draw(width, height, fps);
                if (state.ScreenshotRequested)
                {
                    state.ScreenshotRequested = false;
                    gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, 0);
                    gl.ReadBuffer(ReadBufferMode.Back);
                    FrameImage.WritePng(state.Options.ScreenshotPath, FrameImage.Read(gl, width, height), width, height);
                    state.Session.Report($"screenshot written to {state.Options.ScreenshotPath}");
                    state.Options.Log?.Invoke($"screenshot written to {state.Options.ScreenshotPath}");
                }
                Glfw.SwapBuffers(window);
            }
            var now = clock.Elapsed;
            double frameSeconds = (now - last).TotalSeconds;
            last = now;
            if (frameSeconds > 0) fps = fps is { } f ? f * 0.9 + 0.1 / frameSeconds : 1 / frameSeconds;
            var remaining = period - (clock.Elapsed - start);
            if (remaining > TimeSpan.Zero) Thread.Sleep(remaining);
        }
    }

    private static void ExceptionDispatchInfoThrow(Exception e) => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw();

    private sealed class WindowState(ViewerSession session, ViewerWindowOptions options)
    {
        public ViewerSession Session { get; } = session;
        public ViewerWindowOptions Options { get; } = options;
        public bool ScreenshotRequested { get; set; }
        public bool CloseRequested { get; set; }
        public bool SwallowNextChar { get; set; }
        public Exception? Failure { get; set; }
        public int DragButton { get; set; } = -1;
        public bool DragPans { get; set; }
        public double CursorX { get; set; }
        public double CursorY { get; set; }
    }

    /// <summary>Runs a callback body; an exception is kept for the loop to rethrow (one must not unwind through GLFW's C frames).</summary>
    private static void Guard(Action<WindowState> body)
    {
        if (s_state is not { } state) return;
        try
        {
            body(state);
        }
        catch (Exception e)
        {
            state.Failure ??= e;
        }
    }

    [UnmanagedCallersOnly]
    private static void OnKey(nint window, int key, int scancode, int action, int mods) => Guard(state =>
    {
        if (action is not (Glfw.Press or Glfw.Repeat)) return;
        var session = state.Session;
        if (key == Glfw.KeyF12)
        {
            state.ScreenshotRequested = true;
            return;
        }
        if (session.IsTyping)
        {
            switch (key)
            {
                case Glfw.KeyEnter or Glfw.KeyKeypadEnter: session.SubmitQuery(); break;
                case Glfw.KeyEscape: session.CancelTyping(); break;
                case Glfw.KeyBackspace: session.Backspace(); break;
                case Glfw.KeyUp: session.HistoryPrevious(); break;
                case Glfw.KeyDown: session.HistoryNext(); break;
            }
            return;
        }
        const float step = 0.08f;
        switch (key)
        {
            case Glfw.KeySlash or Glfw.KeyEnter or Glfw.KeyKeypadEnter or Glfw.KeyTab:
                session.BeginTyping();
                // The slash that opened the box arrives as a character too.
                state.SwallowNextChar = key == Glfw.KeySlash;
                break;
            case Glfw.Key1: session.Mode = ShadingMode.Colour; break;
            case Glfw.Key2: session.Mode = ShadingMode.Normals; break;
            case Glfw.Key3: session.Mode = ShadingMode.PartIds; break;
            case Glfw.Key4:
                session.Mode = ShadingMode.Relevancy;
                if (session.Answer is null) session.Report("no query yet: press / and type one");
                break;
            case Glfw.KeyLeftBracket: session.AdjustThreshold(-1); break;
            case Glfw.KeyRightBracket: session.AdjustThreshold(+1); break;
            case Glfw.KeyF: session.Camera.FitToView(); break;
            case Glfw.KeyR: session.Camera.Reset(); break;
            case Glfw.KeyH: session.ShowHits = !session.ShowHits; break;
            case Glfw.KeyV:
                session.ShowViewFrustums = !session.ShowViewFrustums;
                if (session.ShowViewFrustums && session.Content.Index is null) session.Report("a mesh has no views: open a .c3d index to see its cameras");
                break;
            case Glfw.KeyM:
                session.ShowMap = !session.ShowMap;
                if (session.ShowMap && session.Content.Index is null) session.Report("the top-down map needs an index: open a .c3d file");
                break;
            case Glfw.KeyLeft: session.Camera.Orbit(-step, 0); break;
            case Glfw.KeyRight: session.Camera.Orbit(step, 0); break;
            case Glfw.KeyUp: session.Camera.Orbit(0, step); break;
            case Glfw.KeyDown: session.Camera.Orbit(0, -step); break;
            case Glfw.KeyEqual or Glfw.KeyPageUp: session.Camera.Zoom(1); break;
            case Glfw.KeyMinus or Glfw.KeyPageDown: session.Camera.Zoom(-1); break;
            case Glfw.KeyQ or Glfw.KeyEscape: state.CloseRequested = true; break;
        }
    });

    [UnmanagedCallersOnly]
    private static void OnChar(nint window, uint codepoint) => Guard(state =>
    {
        if (state.SwallowNextChar)
        {
            state.SwallowNextChar = false;
            return;
        }
        if (!state.Session.IsTyping || codepoint > 0x10FFFF || codepoint is >= 0xD800 and <= 0xDFFF) return;
        foreach (char c in char.ConvertFromUtf32((int)codepoint)) state.Session.Type(c);
    });

    [UnmanagedCallersOnly]
    private static void OnMouseButton(nint window, int button, int action, int mods) => Guard(state =>
    {
        if (action == Glfw.Press && state.DragButton < 0)
        {
            state.DragButton = button;
            state.DragPans = button != Glfw.MouseButtonLeft || (mods & Glfw.ModShift) != 0;
        }
        else if (action == Glfw.Release && button == state.DragButton)
        {
            state.DragButton = -1;
        }
    });

    [UnmanagedCallersOnly]
    private static void OnCursor(nint window, double x, double y) => Guard(state =>
    {
        double dx = x - state.CursorX, dy = y - state.CursorY;
        state.CursorX = x;
        state.CursorY = y;
        if (state.DragButton < 0) return;
        Glfw.GetFramebufferSize(window, out _, out int height);
        float h = Math.Max(1, height);
        if (state.DragPans)
            state.Session.Camera.Pan(-(float)dx / h, (float)dy / h);
        else
            state.Session.Camera.Orbit(-(float)dx * 0.01f, (float)dy * 0.01f);
    });

    [UnmanagedCallersOnly]
    private static void OnScroll(nint window, double x, double y) => Guard(state => state.Session.Camera.Zoom((float)y));
}
