namespace Clip3D.Benchmarking;

/// <summary>What <see cref="PipelineBenchmark.Run"/> measures and where it keeps its generated inputs.</summary>
public sealed record PipelineBenchOptions
{
    public static PipelineBenchOptions Default { get; } = new();

    /// <summary>
    /// Every figure on smaller inputs (e.g. spheres of 1k–100k triangles instead of 10k–1M, queries on 10k and 100k
    /// points instead of 100k and 1M, a reduced build of the tabletop instead of the room demo build), in under two
    /// minutes on two cores; the figures' names say the sizes. Default false.
    /// </summary>
    public bool Quick { get; init; }

    /// <summary>
    /// Folder for the generated meshes (kept between runs, so the second run does not write them again) and the demo
    /// scene. Default <c>$TMPDIR/clip3d-bench</c>.
    /// </summary>
    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "clip3d-bench");

    /// <summary>Progress lines (a stage starting, a figure measured); null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <exception cref="ArgumentException">The work folder is empty or names an existing file.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(WorkFolder))
            throw new ArgumentException("WorkFolder: the benchmark's work folder is empty", nameof(WorkFolder));
        if (File.Exists(WorkFolder))
            throw new ArgumentException($"{WorkFolder}: the benchmark's work folder is a file", nameof(WorkFolder));
    }
}
