using System.Runtime.InteropServices;

namespace Clip3D.Views.Rendering;

/// <summary>
/// The few libEGL entry points the headless renderer needs. Core EGL 1.4 functions are imported directly from
/// libEGL.so.1 (libglvnd's dispatcher, Debian <c>libegl1</c>); EGL 1.5 and extension functions are looked up
/// through <c>eglGetProcAddress</c> because a missing export must be a fallback, not an exception.
/// </summary>
internal static unsafe partial class EglNative
{
    public const string Library = "libEGL.so.1";

    public const int Success = 0x3000;
    public const int None = 0x3038;
    public const int Vendor = 0x3053;
    public const int Extensions = 0x3055;
    public const int SurfaceType = 0x3033;
    public const int RenderableType = 0x3040;
    public const int OpenGlBit = 0x0008;
    public const uint OpenGlApi = 0x30A2;
    public const int ContextMajorVersion = 0x3098;
    public const int ContextMinorVersion = 0x30FB;
    public const int ContextOpenGlProfileMask = 0x30FD;
    public const int ContextOpenGlCoreProfileBit = 0x0001;
    public const uint PlatformDeviceExt = 0x313F;
    public const uint PlatformSurfacelessMesa = 0x31DD;
    public const int DrmDeviceFileExt = 0x3233;

    [LibraryImport(Library, EntryPoint = "eglGetProcAddress", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint GetProcAddress(string name);

    [LibraryImport(Library, EntryPoint = "eglGetError")]
    public static partial int GetError();

    [LibraryImport(Library, EntryPoint = "eglQueryString")]
    public static partial nint QueryString(nint display, int name);

    [LibraryImport(Library, EntryPoint = "eglGetDisplay")]
    public static partial nint GetDisplay(nint nativeDisplay);

    [LibraryImport(Library, EntryPoint = "eglInitialize")]
    public static partial uint Initialize(nint display, out int major, out int minor);

    [LibraryImport(Library, EntryPoint = "eglTerminate")]
    public static partial uint Terminate(nint display);

    [LibraryImport(Library, EntryPoint = "eglBindAPI")]
    public static partial uint BindApi(uint api);

    [LibraryImport(Library, EntryPoint = "eglChooseConfig")]
    public static partial uint ChooseConfig(nint display, int* attributes, nint* configs, int configSize, out int configCount);

    [LibraryImport(Library, EntryPoint = "eglCreateContext")]
    public static partial nint CreateContext(nint display, nint config, nint shareContext, int* attributes);

    [LibraryImport(Library, EntryPoint = "eglDestroyContext")]
    public static partial uint DestroyContext(nint display, nint context);

    [LibraryImport(Library, EntryPoint = "eglMakeCurrent")]
    public static partial uint MakeCurrent(nint display, nint draw, nint read, nint context);

    [LibraryImport(Library, EntryPoint = "eglGetCurrentContext")]
    public static partial nint GetCurrentContext();

    /// <summary>A string from <c>eglQueryString</c>, or "" when the query fails.</summary>
    public static string QueryText(nint display, int name) => Marshal.PtrToStringUTF8(QueryString(display, name)) ?? "";

    /// <summary>Whether a space-separated EGL extension list names <paramref name="extension"/>.</summary>
    public static bool HasExtension(string extensions, string extension) =>
        extensions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(extension, StringComparer.Ordinal);

    /// <summary>The last EGL error as hex text, for messages.</summary>
    public static string LastError() => $"EGL error 0x{GetError():X4}";
}
