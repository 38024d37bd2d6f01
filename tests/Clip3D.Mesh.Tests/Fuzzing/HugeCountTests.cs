using System.Text;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.Fuzzing;

/// <summary>
/// The memory invariant the fuzz harness checks at random, checked head-on: a tiny file whose header claims billions
/// of elements is refused with a <see cref="MeshFormatException"/> before anything of that size is allocated.
/// </summary>
public sealed class HugeCountTests
{
    public static TheoryData<string, string> Files() => new()
    {
        { "vertices.ply", "ply\nformat binary_little_endian 1.0\nelement vertex 2000000000\nproperty float x\nproperty float y\nproperty float z\nend_header\n\0\0\0\0" },
        { "faces.ply", "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 4294967295\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n" },
        { "list.ply", "ply\nformat binary_little_endian 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uint int vertex_indices\nend_header\n\xff\xff\xff\x7f" },
        { "accessor.gltf", "{\"asset\":{\"version\":\"2.0\"},\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0}],\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0}}]}]," +
            "\"buffers\":[{\"byteLength\":12,\"uri\":\"data:application/octet-stream;base64,AAAAAAAAAAAAAAAA\"}],\"bufferViews\":[{\"buffer\":0,\"byteLength\":12}]," +
            "\"accessors\":[{\"bufferView\":0,\"componentType\":5126,\"count\":2000000000,\"type\":\"VEC3\",\"min\":[0,0,0],\"max\":[0,0,0]}]}" },
        { "sparse.gltf", "{\"asset\":{\"version\":\"2.0\"},\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"mesh\":0}],\"meshes\":[{\"primitives\":[{\"attributes\":{\"POSITION\":0}}]}]," +
            "\"accessors\":[{\"componentType\":5126,\"count\":1500000000,\"type\":\"VEC3\",\"min\":[0,0,0],\"max\":[0,0,0]}]}" },
        { "buffer.gltf", "{\"asset\":{\"version\":\"2.0\"},\"buffers\":[{\"byteLength\":2000000000,\"uri\":\"missing.bin\"}]}" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void ATinyFileClaimingBillionsIsRefusedWithoutAllocatingThem(string name, string content)
    {
        using var dir = new TempDirectory();
        var path = dir.Write(name, Encoding.Latin1.GetBytes(content));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.ThrowsAny<MeshFormatException>(() => SceneReader.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith(path, e.Message);
        Assert.True(allocated < 16 << 20, $"{name}: allocated {allocated >> 20} MiB before refusing ({e.Message})");
    }

    [Fact]
    public void ABinaryStlCountingMoreTrianglesThanItHoldsIsReadAsWhatItHolds()
    {
        // Binary STL's count field is unreliable in the wild; the reader trusts the file's size, never the count.
        using var dir = new TempDirectory();
        var stl = new byte[84 + 50];
        BitConverter.GetBytes(uint.MaxValue).CopyTo(stl, 80);
        float[] triangle = [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0];
        for (int k = 0; k < 12; k++) BitConverter.GetBytes(triangle[k]).CopyTo(stl, 84 + k * 4);
        var path = dir.Write("count.stl", stl);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            var scene = SceneReader.Load(path);
            Assert.True(scene.TriangleCount <= 1);
        }
        catch (MeshFormatException e)
        {
            Assert.StartsWith(path, e.Message);
        }
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }
}
