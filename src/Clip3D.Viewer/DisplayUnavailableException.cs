namespace Clip3D.Viewer;

/// <summary>No window can be opened here: no display, or no GLFW. The message says why in one line.</summary>
public sealed class DisplayUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
