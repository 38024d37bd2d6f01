namespace Clip3D.Encoders.Default.Training;

/// <summary>A mesh or scene file and the word for what it shows ("cow", "teapot"): a real model to recognise.</summary>
/// <param name="Path">The file, in any format <see cref="Clip3D.Mesh.SceneReader"/> reads.</param>
/// <param name="Label">What it is, as a prompt would name it.</param>
public sealed record LabelledModel(string Path, string Label);
