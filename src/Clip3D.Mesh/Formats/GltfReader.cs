namespace Clip3D.Mesh.Formats;

/// <summary>
/// Reads glTF 2.0 (.gltf with external or embedded buffers and images, and .glb) with SharpGLTF.Core.
/// <para>
/// The steps: <see cref="GltfContainer"/> finds the JSON (and checks the GLB layout); <see cref="GltfDocument"/>
/// checks the JSON against the schema, the data layout, the version and the required extensions, and takes the
/// node hierarchy; <see cref="GltfBuffers"/> gathers the buffers; <see cref="GltfJsonRepair"/> edits the few
/// things SharpGLTF rejects needlessly; <see cref="GltfModelLoader"/> runs SharpGLTF; <see cref="GltfSceneBuilder"/>
/// turns nodes into parts. Every problem surfaces as a <see cref="MeshFormatException"/> naming its glTF place.
/// </para>
/// </summary>
internal static class GltfReader
{
    /// <summary>
    /// Returns the parts of the scene to read, in glTF's own frame (Y up, metres) with node world transforms
    /// baked: one surface part per node with a mesh, named after the node (else its mesh, else <c>node[i]</c>),
    /// plus "(lines)" and "(points)" parts for its line and point primitives.
    /// </summary>
    /// <param name="context">The read's file path, options and warnings.</param>
    /// <param name="data">The whole file; the JSON may be edited in place (see <see cref="GltfJsonRepair"/>).</param>
    /// <param name="binary">Whether the file is a GLB container rather than JSON text.</param>
    internal static IReadOnlyList<PartBuilder> Read(ReadContext context, byte[] data, bool binary)
    {
        var container = binary ? GltfContainer.ForGlb(context, data) : GltfContainer.ForText(data);
        var document = GltfDocument.Read(context, data, container);
        var files = GltfBuffers.Load(context, document.Buffers, container);
        var blankedImageUris = GltfJsonRepair.Apply(context, data, container);
        var model = GltfModelLoader.Load(context, data, container, document, files, blankedImageUris);
        return new GltfSceneBuilder(context, model, document).Build();
    }
}
