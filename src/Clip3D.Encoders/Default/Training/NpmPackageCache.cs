using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Installs npm packages (data packages such as emoji-datasource-google, not code: install scripts never run) into a
/// per-user cache folder, once per name and version: <c>&lt;cache root&gt;/&lt;name&gt;@&lt;version&gt;/node_modules/&lt;name&gt;</c>.
/// An install goes to a temporary folder beside the cache entry and is renamed into place only once its
/// package.json shows the asked version, so an interrupted install never leaves a half-filled entry that looks whole.
/// </summary>
public sealed class NpmPackageCache
{
    private readonly NpmPackageCacheOptions _options;

    public NpmPackageCache(string? cacheRoot = null, NpmPackageCacheOptions? options = null)
    {
        CacheRoot = Path.GetFullPath(string.IsNullOrEmpty(cacheRoot) ? DefaultCacheRoot() : cacheRoot);
        _options = options ?? NpmPackageCacheOptions.Default;
    }

    /// <summary>The folder holding one <c>&lt;name&gt;@&lt;version&gt;</c> folder per installed package.</summary>
    public string CacheRoot { get; }

    /// <summary><c>$XDG_CACHE_HOME/clip3d</c>, or <c>~/.cache/clip3d</c> where XDG_CACHE_HOME is unset.</summary>
    public static string DefaultCacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
            return Path.Combine(xdg, "clip3d");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "clip3d");
    }

    /// <summary>Installs <paramref name="packageName"/>@<paramref name="version"/> into the default cache root.</summary>
    public static string Ensure(string packageName, string version, string? cacheRoot = null) =>
        new NpmPackageCache(cacheRoot).Ensure(packageName, version);

    /// <summary>
    /// The package's folder (the one holding its package.json), installing it with npm first unless the cache already
    /// holds that version. Throws <see cref="InvalidOperationException"/> with one line naming the package when npm
    /// is missing, fails (its exit code and last error line) or installs something else.
    /// </summary>
    public string Ensure(string packageName, string version)
    {
        ValidatePackageName(packageName);
        ValidateVersion(version);
        var entry = EntryFolder(packageName, version);
        var packageFolder = PackageFolder(entry, packageName);
        if (InstalledVersion(packageFolder) == version)
            return packageFolder;

        Directory.CreateDirectory(CacheRoot);
        var temp = Path.Combine(CacheRoot, $".install-{Path.GetFileName(entry)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            RunNpmInstall(packageName, version, temp);
            var installed = InstalledVersion(PackageFolder(temp, packageName));
            if (installed != version)
                throw new InvalidOperationException(installed is null
                    ? $"npm install {packageName}@{version}: finished but left no {Path.Combine("node_modules", packageName, "package.json")} in {temp}"
                    : $"npm install {packageName}@{version}: installed version {installed} instead");
            MoveIntoPlace(temp, entry, packageName, version);
        }
        finally
        {
            if (Directory.Exists(temp))
                TryDelete(temp);
        }
        return packageFolder;
    }

    private string EntryFolder(string packageName, string version) =>
        // Scoped names (@scope/name) hold a '/', which a single folder name cannot.
        Path.Combine(CacheRoot, $"{packageName.Replace('/', '+')}@{version}");

    private static string PackageFolder(string installPrefix, string packageName) =>
        Path.Combine(installPrefix, "node_modules", Path.Combine(packageName.Split('/')));

    /// <summary>The "version" of the package.json in <paramref name="packageFolder"/>, or null when there is none.</summary>
    private static string? InstalledVersion(string packageFolder)
    {
        var path = Path.Combine(packageFolder, "package.json");
        if (!File.Exists(path))
            return null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()
                : null;
        }
        catch (JsonException)
        {
            // A damaged package.json counts as not installed: the entry is installed afresh and replaced.
            return null;
        }
    }

    private void MoveIntoPlace(string temp, string entry, string packageName, string version)
    {
        if (Directory.Exists(entry))
        {
            // Another process may have finished the same install meanwhile; otherwise the entry is stale or damaged.
            if (InstalledVersion(PackageFolder(entry, packageName)) == version)
                return;
            Directory.Delete(entry, recursive: true);
        }
        try
        {
            Directory.Move(temp, entry);
        }
        catch (IOException) when (InstalledVersion(PackageFolder(entry, packageName)) == version)
        {
            // Lost a race to a concurrent install of the same version: theirs is as good as ours.
        }
    }

    private void RunNpmInstall(string packageName, string version, string prefix)
    {
        var start = new ProcessStartInfo(_options.NpmExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = prefix,
        };
        foreach (var argument in (string[])["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund",
                     "--prefix", prefix, $"{packageName}@{version}"])
            start.ArgumentList.Add(argument);
        start.Environment["NPM_CONFIG_UPDATE_NOTIFIER"] = "false";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"npm install {packageName}@{version}: {_options.NpmExecutable} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"npm install {packageName}@{version}: '{_options.NpmExecutable}' cannot be run ({e.Message}); install Node.js (npm) or put it on PATH", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_options.Timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                throw new InvalidOperationException($"npm install {packageName}@{version}: no answer within {_options.Timeout.TotalSeconds:0} s (stopped)");
            }
            process.WaitForExit(); // Also waits for the redirected streams to close.
            if (process.ExitCode != 0)
            {
                var lastLine = LastNonEmptyLine(stderr.Result) ?? LastNonEmptyLine(stdout.Result) ?? "(no output)";
                throw new InvalidOperationException($"npm install {packageName}@{version} failed with exit code {process.ExitCode}: {lastLine}");
            }
        }
    }

    private static string? LastNonEmptyLine(string text) =>
        text.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.Length > 0);

    private static void ValidatePackageName(string packageName)
    {
        ArgumentException.ThrowIfNullOrEmpty(packageName);
        // npm's own rule (lower-case URL-safe characters, one optional @scope/ prefix); it also keeps the name from
        // leaving the cache folder ("..", absolute paths).
        var parts = packageName.StartsWith('@') ? packageName[1..].Split('/') : [packageName];
        bool valid = parts.Length is 1 or 2 && (packageName.StartsWith('@') == (parts.Length == 2))
            && parts.All(part => part.Length > 0 && !part.StartsWith('.') && !part.StartsWith('_')
                && part.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~'));
        if (!valid)
            throw new ArgumentException($"'{packageName}' is not an npm package name.", nameof(packageName));
    }

    private static void ValidateVersion(string version)
    {
        ArgumentException.ThrowIfNullOrEmpty(version);
        // An exact version only: a range would make the cache entry's name lie about what it holds.
        if (!char.IsAsciiDigit(version[0]) || !version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+'))
            throw new ArgumentException($"'{version}' is not an exact package version (such as 16.0.0).", nameof(version));
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
