using Clip3D.Views.Encoders;

namespace Clip3D.Fields.Index;

/// <summary>What <see cref="IndexFile.Read"/> checks and loads beyond the always-validated preamble, header and table.</summary>
public sealed record IndexReadOptions
{
    /// <summary>
    /// The encoder queries will use. When set, a file built with an encoder that is not
    /// <see cref="EncoderIdentity.IsCompatibleWith">compatible</see> is rejected with an <see cref="IndexFileException"/>
    /// telling to rebuild the index. Null: any encoder is accepted.
    /// </summary>
    public EncoderIdentity? ExpectedEncoder { get; init; }

    /// <summary>
    /// Names of the sections to load (and verify the checksum of); names the file lacks are not an error. Null loads
    /// every section; an empty set loads none (the header and section table are still read and checked).
    /// </summary>
    public IReadOnlySet<string>? Sections { get; init; }

    /// <summary>Reads the header and the section table only, e.g. to describe a file.</summary>
    public static IndexReadOptions HeaderOnly { get; } = new() { Sections = new HashSet<string>() };
}
