using System.Text.Json.Nodes;
using Clip3D.Mesh;
using Clip3D.Mesh.Sampling;
using Clip3D.Views.Encoders;
using Clip3D.Views.Fusion;

namespace Clip3D.Indexing;

/// <summary>Everything an index file holds, without the live encoder.</summary>
internal sealed record SceneIndexContent(
    string Source,
    string SceneHash,
    Bounds Bounds,
    IReadOnlyList<string> PartNames,
    SurfacePoints Points,
    FusedFeatures Fused,
    EncoderIdentity Encoder,
    JsonObject BuildSettings)
{
    /// <summary>The neural field distilled from <see cref="Fused"/>, if one was trained.</summary>
    public Clip3D.Fields.Field.FeatureField? Field { get; init; }

    /// <summary>How the field was trained and how faithful it is, if one was trained.</summary>
    public FieldReport? FieldReport { get; init; }
}
