namespace Clip3D.Testing.Fuzzing;

/// <summary>
/// One case that broke the invariant: an undocumented exception, a case over the time bound, or an allocation over
/// the memory bound. <see cref="CaseSeed"/> with <see cref="Input"/> replays it (<see cref="ByteMutator.Mutate"/>).
/// </summary>
public sealed record FuzzFailure(string Reader, string Input, ulong CaseSeed, string Problem)
{
    public override string ToString() => $"{Reader} {Input} case seed {CaseSeed}: {Problem}";
}
