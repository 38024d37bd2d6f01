namespace Clip3D.Querying;

/// <summary>How a query's relevant points are grouped into hits (<see cref="QueryOptions.Clustering"/>).</summary>
public enum ClusteringMethod
{
    /// <summary>
    /// Connected components of a voxel grid (<see cref="QueryOptions.VoxelSize"/>): voxels holding relevant points that
    /// touch by a face, an edge or a corner form one hit. Every relevant point lands in some hit candidate.
    /// </summary>
    VoxelComponents,

    /// <summary>
    /// DBSCAN (Ester et al. 1996) over the relevant points with radius <see cref="QueryOptions.DbscanRadius"/> and
    /// <see cref="QueryOptions.DbscanMinPoints"/>: points with enough relevant neighbours are cores, cores within the
    /// radius of each other join, border points go with the first cluster that reaches them, and the rest is noise,
    /// which belongs to no hit.
    /// </summary>
    Dbscan,
}
