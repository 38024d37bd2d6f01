namespace Clip3D.Encoders.Default;

/// <summary>How a set of <see cref="AlignmentHeads"/> was trained; saved in the heads file's header.</summary>
public sealed record AlignmentTrainingSummary
{
    /// <summary>The options, without the ones that do not change the result (threads, log).</summary>
    public required AlignmentTrainingOptions Options { get; init; }

    /// <summary>Training pairs.</summary>
    public required int PairCount { get; init; }

    /// <summary>Distinct label ids among the pairs (the pair count when no labels were given).</summary>
    public required int LabelCount { get; init; }

    /// <summary>What the pairs were, in the caller's words (e.g. "procedural renders v2 + emoji"); may be empty.</summary>
    public string DataDescription { get; init; } = "";

    /// <summary>The mean contrastive loss of each epoch, in order.</summary>
    public required IReadOnlyList<double> EpochLosses { get; init; }
}
