namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// One valid input of one reader to mutate. <see cref="Folder"/> holds the input with its companions (an MTL, a
/// .bin buffer, textures, the other tower of a model); <see cref="MutatedFile"/> is the file whose bytes change and
/// <see cref="Load"/> reads the input from a copy of the folder (its argument is that copy's path). Only exceptions
/// for which <see cref="IsDocumented"/> is true may escape <see cref="Load"/>.
/// </summary>
/// <param name="Reader">The reader under test, as reports name it ("PLY", ".c3d", "ONNX model folder", …).</param>
/// <param name="Input">What the input is, for failure reports (a path under the shared assets, "generated …").</param>
public sealed record FuzzTarget(
    string Reader,
    string Input,
    string Folder,
    string MutatedFile,
    Action<string> Load,
    Func<Exception, bool> IsDocumented)
{
    /// <summary>
    /// Applied to every mutation before it is written, e.g. to recompute checksums so that the mutation reaches the
    /// parser behind them instead of stopping at the checksum; null: the mutation is written as it is.
    /// </summary>
    public Func<byte[], byte[]>? Repair { get; init; }
}
