using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Clip3D.Mesh;

namespace Clip3D.Views.Features;

/// <summary>
/// SHA-256 (lower-case hex) over everything in a <see cref="Scene"/> that changes its renders: per part its name, kind,
/// positions, normals, texture coordinates, vertex colours, indices, per-element materials, and per material its name,
/// base colour, sidedness, sampler and texture pixels. The source path, the format, the frame conversion and the
/// warnings are left out, so the same geometry read from a copied file hashes the same. Each array is prefixed with its
/// length, so the byte stream is unambiguous.
/// </summary>
public static class SceneHash
{
    /// <summary>Format of the hashed byte stream; bumping it changes every hash.</summary>
    private const int Version = 1;

    public static string Compute(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AddInt(hash, Version);
        AddInt(hash, scene.Parts.Count);
        foreach (var part in scene.Parts)
        {
            AddString(hash, part.Name);
            AddInt(hash, (int)part.Kind);
            AddSpan(hash, part.Positions);
            AddSpan(hash, part.Normals);
            AddSpan(hash, part.TexCoords);
            AddSpan(hash, part.Colors);
            AddSpan(hash, part.Indices);
            AddSpan(hash, part.ElementMaterials);
            AddInt(hash, part.Materials.Count);
            foreach (var material in part.Materials)
            {
                AddString(hash, material.Name);
                var colour = material.BaseColor;
                AddSpan(hash, new ReadOnlySpan<System.Numerics.Vector4>(in colour));
                AddInt(hash, material.DoubleSided ? 1 : 0);
                AddInt(hash, (int)material.Sampler.WrapU);
                AddInt(hash, (int)material.Sampler.WrapV);
                if (material.Texture is { } texture)
                {
                    AddInt(hash, texture.Width);
                    AddInt(hash, texture.Height);
                    AddSpan(hash, texture.Rgba);
                }
                else
                {
                    AddInt(hash, -1);
                }
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AddInt(IncrementalHash hash, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }

    private static void AddString(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AddInt(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AddSpan<T>(IncrementalHash hash, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("SceneHash hashes little-endian memory only.");
        AddInt(hash, values.Length);
        hash.AppendData(MemoryMarshal.AsBytes(values));
    }
}
