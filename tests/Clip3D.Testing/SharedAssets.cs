using Xunit;

namespace Clip3D.Testing;

/// <summary>
/// Finds the project's shared folder of third-party test files: the environment variable CLIP3D_SHARED when set,
/// else <c>../shared</c> beside the folder that holds <c>Clip3D.sln</c>. Tests that need it call
/// <see cref="Require"/>, which skips them (with the reason) where the folder is absent.
/// </summary>
public static class SharedAssets
{
    public const string EnvironmentVariable = "CLIP3D_SHARED";

    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The shared folder, or null when there is none.</summary>
    public static string? Directory => Root.Value;

    /// <summary>The absolute path of <paramref name="relativePath"/> under the shared folder; skips the test when it is absent.</summary>
    public static string Require(string relativePath)
    {
        Skip.If(Root.Value is null, $"../shared not found (set {EnvironmentVariable} to its path)");
        var path = Path.Combine(Root.Value!, relativePath);
        Skip.IfNot(File.Exists(path) || System.IO.Directory.Exists(path), $"shared asset {relativePath} not found under {Root.Value}");
        return path;
    }

    /// <summary>The folder holding <c>Clip3D.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
            return System.IO.Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return System.IO.Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Clip3D.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Clip3D.sln not found above {AppContext.BaseDirectory}");
    }
}
