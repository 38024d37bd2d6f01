namespace Clip3D.Views.Training;

/// <summary>Which colour × kind pairs a set of instances draws from.</summary>
public enum ObjectSplit
{
    /// <summary>Every pair except the held-out ones: what training sees.</summary>
    Train,

    /// <summary>Only the held-out colour × kind pairs: evaluation of unseen combinations.</summary>
    HeldOutPairs,
}

/// <summary>Which band of camera elevations views come from.</summary>
public enum ViewBand
{
    /// <summary><see cref="ObjectRenderOptions.TrainElevations"/>.</summary>
    Train,

    /// <summary><see cref="ObjectRenderOptions.HeldOutElevations"/>: viewpoints training never shows.</summary>
    HeldOut,
}
