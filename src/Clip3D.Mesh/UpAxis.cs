namespace Clip3D.Mesh;

/// <summary>Which axis of a source file points up. Clip3D's world frame is always Z up (ROS REP-103).</summary>
public enum UpAxis
{
    /// <summary>+Y is up (glTF by its spec; the usual choice of OBJ and PLY exporters).</summary>
    Y,

    /// <summary>+Z is up (CAD and most STL files; Clip3D's own frame).</summary>
    Z,
}
