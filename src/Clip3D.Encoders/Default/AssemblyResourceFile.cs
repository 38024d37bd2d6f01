using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Clip3D.Encoders.Default;

/// <summary>
/// Reads embedded resources out of a .NET assembly file without loading it: the PE's CLI header points at the
/// resources block, and each manifest resource is a 4-byte little-endian length followed by its bytes. Loading the
/// assembly instead would also resolve what it references (the SentenceTransformers package and ONNX Runtime 1.30).
/// </summary>
internal static class AssemblyResourceFile
{
    /// <summary>
    /// The bytes of resource <paramref name="name"/> in the assembly at <paramref name="path"/>. Throws
    /// <see cref="ModelFolderException"/> naming the file when it is no assembly or lacks the resource.
    /// </summary>
    public static byte[] Read(string path, string name)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
                throw new ModelFolderException(path, $"{path}: not a .NET assembly (no CLI header)");
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                if (!metadata.StringComparer.Equals(resource.Name, name))
                    continue;
                if (!resource.Implementation.IsNil)
                    throw new ModelFolderException(path, $"{path}: resource {name} lives in another file, not in the assembly");
                var directory = pe.PEHeaders.CorHeader.ResourcesDirectory;
                var block = pe.GetSectionData(directory.RelativeVirtualAddress);
                long offset = resource.Offset;
                if (offset < 0 || offset + 4 > Math.Min(block.Length, directory.Size))
                    throw new ModelFolderException(path, $"{path}: resource {name} starts outside the resources block");
                var reader = block.GetReader((int)offset, directory.Size - (int)offset);
                int length = reader.ReadInt32();
                if (length < 0 || length > reader.RemainingBytes)
                    throw new ModelFolderException(path, $"{path}: resource {name} claims {length} bytes, past the end of the resources block");
                return reader.ReadBytes(length);
            }
            var names = metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name));
            throw new ModelFolderException(path, $"{path}: no resource {name} (it has [{string.Join(", ", names)}])");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFolderException(path, $"{path}: file not found", e);
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            throw new ModelFolderException(path, $"{path}: not a readable .NET assembly ({e.Message})", e);
        }
    }
}
