namespace Clip3D.Indexing;

/// <summary>Where a build is: <paramref name="Completed"/> of <paramref name="Total"/> steps of <paramref name="Stage"/>.</summary>
public readonly record struct BuildProgress(BuildStage Stage, int Completed, int Total);
