namespace Clip3D.Indexing;

/// <summary>The stages of a build, in order, as <see cref="BuildProgress"/> names them.</summary>
public enum BuildStage
{
    /// <summary>Reading the scene file.</summary>
    Load,

    /// <summary>Sampling surface points and planning cameras.</summary>
    Plan,

    /// <summary>Rendering each view and embedding its crops (or reading them from the feature cache).</summary>
    Views,

    /// <summary>Fusing the view features onto the surface points.</summary>
    Fuse,

    /// <summary>Compressing the fused features and training the neural field on them; its steps are the training steps.</summary>
    Field,
}
