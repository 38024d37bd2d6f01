namespace Clip3D.Testing.Fuzzing;

/// <summary>What the cases of one reader did: loaded, refused with a documented exception, or failed.</summary>
public sealed record FuzzReaderStats(
    string Reader,
    int Inputs,
    int Cases,
    int Loaded,
    int Rejected,
    int Failures,
    double MaxCaseMilliseconds,
    long MaxAllocatedBytes);
