using System.Numerics;
using Clip3D.Mesh;

namespace Clip3D.Querying;

/// <summary>One place a query was found: a connected cluster of relevant surface points, in the world frame (Z up, metres).</summary>
/// <param name="Label">The name of the part that holds most of the cluster's points.</param>
/// <param name="Score">The mean relevancy of the cluster's ten most relevant points (0.5 = no better than a negative, 1 = certain).</param>
/// <param name="Position">The centroid of the cluster's points.</param>
/// <param name="Box">The axis-aligned bounds of the cluster's points.</param>
/// <param name="Points">How many surface points the cluster has.</param>
/// <param name="PointIndices">The cluster's points, indices into the index's surface points.</param>
public sealed record QueryHit(string Label, float Score, Vector3 Position, Bounds Box, int Points, IReadOnlyList<int> PointIndices);
