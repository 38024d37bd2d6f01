using Clip3D.Views.Encoders;

namespace Clip3D.Views.Training;

/// <summary>One captioned picture of the dataset: a view of one instance and the caption that goes with it.</summary>
/// <param name="Image">The rendered view, the object alone on a plain background or a floor.</param>
/// <param name="Caption">A templated caption naming the kind (by its main name) and usually its colour.</param>
/// <param name="KindId">Index in <see cref="Clip3D.Mesh.Demo.ObjectKinds.All"/>.</param>
/// <param name="ColourId">Index in <see cref="Clip3D.Mesh.Demo.ColourVocabulary.All"/>.</param>
/// <param name="InstanceId">The instance the view shows.</param>
/// <param name="ViewIndex">Which of the instance's views, from 0.</param>
/// <param name="CoveredFraction">Share of the image's pixels the object covers.</param>
public sealed record ObjectRenderSample(RgbImage Image, string Caption, int KindId, int ColourId, int InstanceId, int ViewIndex, double CoveredFraction);
