using Clip3D.Mesh.Demo;

namespace Clip3D.Views.Training;

/// <summary>
/// One object instance of the dataset: a kind in a colour, with its shape, exact shade and staging drawn from
/// its own random stream (<see cref="Seed"/>, stream <see cref="InstanceId"/>).
/// </summary>
/// <param name="InstanceId">Unique within a dataset; the random stream of the instance.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Colour">The colour of its main part.</param>
/// <param name="Seed">The dataset seed.</param>
public sealed record ObjectInstance(int InstanceId, ObjectKind Kind, NamedColour Colour, ulong Seed);
