namespace Clip3D.Querying;

/// <summary>The answer to one text query.</summary>
/// <param name="Query">The query text.</param>
/// <param name="Source">The features that were scored (never <see cref="RelevancySource.Auto"/>).</param>
/// <param name="Relevancy">Per surface point, LERF relevancy in (0, 1); NaN for points no view saw.</param>
/// <param name="Hits">The clusters of relevant points, best first.</param>
public sealed record QueryResult(string Query, RelevancySource Source, IReadOnlyList<float> Relevancy, IReadOnlyList<QueryHit> Hits)
{
    /// <summary>
    /// The field scale the answer used, when the field takes a scale (<see cref="Indexing.SceneIndex.FieldScales"/>) and
    /// the field was scored: the one whose highest relevancy over the points is highest, as LERF picks its scale. Null
    /// otherwise.
    /// </summary>
    public float? Scale { get; init; }
}
