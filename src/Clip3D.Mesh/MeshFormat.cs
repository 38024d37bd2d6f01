namespace Clip3D.Mesh;

/// <summary>The concrete encoding a file was read from, found by content sniffing.</summary>
public enum MeshFormat
{
    Obj,
    Gltf,
    Glb,
    StlAscii,
    StlBinary,
    PlyAscii,
    PlyBinaryLittleEndian,
    PlyBinaryBigEndian,
}
