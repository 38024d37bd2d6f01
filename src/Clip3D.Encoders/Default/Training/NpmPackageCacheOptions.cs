namespace Clip3D.Encoders.Default.Training;

/// <summary>How <see cref="NpmPackageCache"/> runs npm.</summary>
public sealed record NpmPackageCacheOptions
{
    public static NpmPackageCacheOptions Default { get; } = new();

    /// <summary>The npm program, a path or a name looked up on PATH. Default "npm".</summary>
    public string NpmExecutable { get; init; } = "npm";

    /// <summary>
    /// How long one install may take before npm is stopped. Default 10 minutes: the two emoji packages are about
    /// 150 MB together and install in seconds on a good connection.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}
