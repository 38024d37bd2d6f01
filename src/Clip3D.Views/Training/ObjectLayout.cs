namespace Clip3D.Views.Training;

/// <summary>How <see cref="ObjectRenderDataset"/> stages an instance for its pictures.</summary>
public enum ObjectLayout
{
    /// <summary>
    /// What training sees: the object alone on a plain background, or standing on a floor slab
    /// (<see cref="ObjectRenderOptions.FloorProbability"/>).
    /// </summary>
    Training,

    /// <summary>
    /// A layout no training picture has: the object on a floor in the corner of a room, two low walls behind it
    /// (<see cref="Clip3D.Mesh.Demo.DemoObjectScenes.Corner"/>), for evaluation on unseen scene layouts.
    /// </summary>
    HeldOutCorner,
}
