namespace Clip3D.Mesh.Demo;

/// <summary>
/// One entry of a labels file: an object instance, the names a query may use for it, the scene parts (glTF
/// node names) it is made of, and its tight bounds in Clip3D's world frame (metres, Z up).
/// </summary>
public sealed record LabelledObject(string Label, IReadOnlyList<string> Synonyms, IReadOnlyList<string> Parts, Bounds Bounds)
{
    /// <summary>Whether <paramref name="name"/> is this object's label or one of its synonyms (ordinal, ignoring case).</summary>
    public bool IsCalled(string name) =>
        string.Equals(Label, name, StringComparison.OrdinalIgnoreCase) ||
        Synonyms.Any(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
}
