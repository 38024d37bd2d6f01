using Clip3D.Fields.Field;

namespace Clip3D.Indexing;

/// <summary>A trained field and its report.</summary>
internal sealed record FieldOutcome(FeatureField Field, FieldReport Report);
