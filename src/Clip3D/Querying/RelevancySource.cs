namespace Clip3D.Querying;

/// <summary>Which features a query scores, as OpenScene compares 2D-fused and 3D-distilled features.</summary>
public enum RelevancySource
{
    /// <summary>The field where the index has one, else the fused points.</summary>
    Auto,

    /// <summary>The fused features of the surface points.</summary>
    Fused,

    /// <summary>The neural field evaluated at the surface points.</summary>
    Field,

    /// <summary>The mean of the fused points' and the field's relevancy (needs a field).</summary>
    Ensemble,
}
