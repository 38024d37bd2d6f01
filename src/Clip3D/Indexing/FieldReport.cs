namespace Clip3D.Indexing;

/// <summary>How a build's neural field was trained and how faithfully it reproduces the fused features.</summary>
/// <param name="Cosine">Mean cosine between the field's decoded feature and the fused (pooled) feature on held-out seen points.</param>
/// <param name="CompressionCosine">The same for the compression alone (fused → compressed → decoded): what the field cannot beat.</param>
/// <param name="HeldOutPoints">Seen points kept out of training and measured.</param>
/// <param name="TrainingPoints">Seen points trained on.</param>
/// <param name="CompressedDimension">K, the compressed feature dimension the field outputs.</param>
/// <param name="LossFirst">Training loss (1 − cosine to the compressed target) at the first logged step.</param>
/// <param name="LossLast">… and at the last.</param>
/// <param name="Steps">Training steps.</param>
/// <param name="SamplesPerSecond">Training throughput.</param>
/// <param name="Seconds">Training time without setup.</param>
/// <param name="Accelerator">The ILGPU accelerator that trained it.</param>
public sealed record FieldReport(double Cosine, double CompressionCosine, int HeldOutPoints, int TrainingPoints, int CompressedDimension,
    double LossFirst, double LossLast, int Steps, double SamplesPerSecond, double Seconds, string Accelerator);
