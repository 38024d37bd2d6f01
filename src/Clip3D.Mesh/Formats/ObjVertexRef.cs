namespace Clip3D.Mesh.Formats;

/// <summary>
/// One OBJ face corner <c>v/vt/vn</c> as 0-based indices into the file's position, texture-coordinate and
/// normal lists (−1 where the corner has no such index). OBJ indexes the three lists separately; a part vertex
/// is one distinct triple.
/// </summary>
internal readonly record struct ObjVertexRef(int Position, int TexCoord, int Normal);
