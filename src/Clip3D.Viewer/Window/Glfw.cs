using System.Runtime.InteropServices;

namespace Clip3D.Viewer.Window;

/// <summary>
/// The few GLFW 3 functions the viewer window needs, from Debian's <c>libglfw3</c> (<c>libglfw.so.3</c>). Callbacks are
/// plain C function pointers (<c>[UnmanagedCallersOnly]</c> static methods), so no delegate has to be kept alive.
/// </summary>
internal static unsafe partial class Glfw
{
    public const string Library = "libglfw.so.3";

    public const int True = 1;
    public const int Press = 1;
    public const int Repeat = 2;
    public const int Release = 0;

    public const int ContextVersionMajor = 0x00022002;
    public const int ContextVersionMinor = 0x00022003;
    public const int OpenGlForwardCompat = 0x00022006;
    public const int OpenGlProfile = 0x00022008;
    public const int OpenGlCoreProfile = 0x00032001;
    public const int Samples = 0x0002100D;

    public const int MouseButtonLeft = 0;
    public const int MouseButtonRight = 1;
    public const int MouseButtonMiddle = 2;
    public const int ModShift = 0x0001;

    public const int KeyEscape = 256, KeyEnter = 257, KeyTab = 258, KeyBackspace = 259;
    public const int KeyRight = 262, KeyLeft = 263, KeyDown = 264, KeyUp = 265;
    public const int KeyPageUp = 266, KeyPageDown = 267, KeyF12 = 301, KeyKeypadEnter = 335;
    public const int KeySlash = 47, KeyLeftBracket = 91, KeyRightBracket = 93;
    public const int Key1 = 49, Key2 = 50, Key3 = 51, Key4 = 52;
    public const int KeyF = 70, KeyH = 72, KeyM = 77, KeyQ = 81, KeyR = 82, KeyV = 86;
    public const int KeyEqual = 61, KeyMinus = 45;

    [LibraryImport(Library, EntryPoint = "glfwInit")]
    public static partial int Init();

    [LibraryImport(Library, EntryPoint = "glfwTerminate")]
    public static partial void Terminate();

    [LibraryImport(Library, EntryPoint = "glfwGetError")]
    public static partial int GetError(byte** description);

    [LibraryImport(Library, EntryPoint = "glfwWindowHint")]
    public static partial void WindowHint(int hint, int value);

    [LibraryImport(Library, EntryPoint = "glfwCreateWindow", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint CreateWindow(int width, int height, string title, nint monitor, nint share);

    [LibraryImport(Library, EntryPoint = "glfwDestroyWindow")]
    public static partial void DestroyWindow(nint window);

    [LibraryImport(Library, EntryPoint = "glfwMakeContextCurrent")]
    public static partial void MakeContextCurrent(nint window);

    [LibraryImport(Library, EntryPoint = "glfwGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Library, EntryPoint = "glfwSwapBuffers")]
    public static partial void SwapBuffers(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSwapInterval")]
    public static partial void SwapInterval(int interval);

    [LibraryImport(Library, EntryPoint = "glfwPollEvents")]
    public static partial void PollEvents();

    [LibraryImport(Library, EntryPoint = "glfwWindowShouldClose")]
    public static partial int WindowShouldClose(nint window);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowShouldClose")]
    public static partial void SetWindowShouldClose(nint window, int value);

    [LibraryImport(Library, EntryPoint = "glfwGetFramebufferSize")]
    public static partial void GetFramebufferSize(nint window, out int width, out int height);

    [LibraryImport(Library, EntryPoint = "glfwSetWindowTitle", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void SetWindowTitle(nint window, string title);

    [LibraryImport(Library, EntryPoint = "glfwSetKeyCallback")]
    public static partial nint SetKeyCallback(nint window, delegate* unmanaged<nint, int, int, int, int, void> callback);

    [LibraryImport(Library, EntryPoint = "glfwSetCharCallback")]
    public static partial nint SetCharCallback(nint window, delegate* unmanaged<nint, uint, void> callback);

    [LibraryImport(Library, EntryPoint = "glfwSetCursorPosCallback")]
    public static partial nint SetCursorPosCallback(nint window, delegate* unmanaged<nint, double, double, void> callback);

    [LibraryImport(Library, EntryPoint = "glfwSetMouseButtonCallback")]
    public static partial nint SetMouseButtonCallback(nint window, delegate* unmanaged<nint, int, int, int, void> callback);

    [LibraryImport(Library, EntryPoint = "glfwSetScrollCallback")]
    public static partial nint SetScrollCallback(nint window, delegate* unmanaged<nint, double, double, void> callback);

    /// <summary>The description of the last GLFW error, or "no detail".</summary>
    public static string LastError()
    {
        byte* description = null;
        int code = GetError(&description);
        string text = description is null ? "no detail" : Marshal.PtrToStringUTF8((nint)description) ?? "no detail";
        return code == 0 ? "no detail" : $"{text} (0x{code:X})";
    }
}
