using Clip3D.Encoders.Default.Training;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Encoders.Tests.Default.Training;

public class NpmPackageCacheTests
{
    [Fact]
    public void ReusesAnInstalledVersionWithoutRunningNpm()
    {
        using var temp = new TempDirectory();
        temp.Write("cache/some-data@1.2.3/node_modules/some-data/package.json", """{"name":"some-data","version":"1.2.3"}""");
        var cache = new NpmPackageCache(Path.Combine(temp.Path, "cache"), Options("/nonexistent/npm"));

        var folder = cache.Ensure("some-data", "1.2.3");

        Assert.Equal(Path.Combine(temp.Path, "cache", "some-data@1.2.3", "node_modules", "some-data"), folder);
    }

    [SkippableFact]
    public void InstallsThroughNpmIntoATemporaryFolderAndMovesItIntoPlace()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the fake npm is a shell script");
        using var temp = new TempDirectory();
        // Writes what npm would (node_modules/<name>/package.json under --prefix) and logs its arguments.
        var npm = FakeNpm(temp, """
            echo "$@" > "$LOG"
            prefix="$7"; spec="$8"; name="${spec%@*}"; version="${spec##*@}"
            mkdir -p "$prefix/node_modules/$name"
            printf '{"name":"%s","version":"%s"}' "$name" "$version" > "$prefix/node_modules/$name/package.json"
            """);
        var cacheRoot = Path.Combine(temp.Path, "cache");

        var folder = new NpmPackageCache(cacheRoot, Options(npm)).Ensure("some-data", "2.0.0");

        Assert.Equal(Path.Combine(cacheRoot, "some-data@2.0.0", "node_modules", "some-data"), folder);
        Assert.True(File.Exists(Path.Combine(folder, "package.json")));
        var arguments = File.ReadAllText(Path.Combine(temp.Path, "npm.log")).Trim();
        Assert.StartsWith("install --no-save --ignore-scripts --no-audit --no-fund --prefix ", arguments);
        Assert.EndsWith(" some-data@2.0.0", arguments);
        // The temporary install folder was renamed, not copied: only the entry is left.
        Assert.Equal(["some-data@2.0.0"], Directory.GetDirectories(cacheRoot).Select(Path.GetFileName));
    }

    [SkippableFact]
    public void ReplacesADamagedEntry()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the fake npm is a shell script");
        using var temp = new TempDirectory();
        temp.Write("cache/some-data@2.0.0/node_modules/some-data/package.json", "{ truncated");
        var npm = FakeNpm(temp, """
            mkdir -p "$7/node_modules/some-data"
            echo '{"version":"2.0.0"}' > "$7/node_modules/some-data/package.json"
            """);

        var folder = new NpmPackageCache(Path.Combine(temp.Path, "cache"), Options(npm)).Ensure("some-data", "2.0.0");

        Assert.Equal("""{"version":"2.0.0"}""", File.ReadAllText(Path.Combine(folder, "package.json")).Trim());
    }

    [SkippableFact]
    public void AFailedInstallNamesTheExitCodeAndLastErrorLineAndLeavesNoEntry()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the fake npm is a shell script");
        using var temp = new TempDirectory();
        var npm = FakeNpm(temp, """
            echo "npm error code E404" >&2
            echo "npm error 404 Not Found - GET https://registry.npmjs.org/some-data" >&2
            echo "" >&2
            exit 1
            """);
        var cacheRoot = Path.Combine(temp.Path, "cache");

        var error = Assert.Throws<InvalidOperationException>(() => new NpmPackageCache(cacheRoot, Options(npm)).Ensure("some-data", "2.0.0"));

        Assert.Equal("npm install some-data@2.0.0 failed with exit code 1: npm error 404 Not Found - GET https://registry.npmjs.org/some-data", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cacheRoot));
    }

    [SkippableFact]
    public void AnInstallOfAnotherVersionIsRefused()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the fake npm is a shell script");
        using var temp = new TempDirectory();
        var npm = FakeNpm(temp, """
            mkdir -p "$7/node_modules/some-data"
            echo '{"version":"2.0.1"}' > "$7/node_modules/some-data/package.json"
            """);
        var cacheRoot = Path.Combine(temp.Path, "cache");

        var error = Assert.Throws<InvalidOperationException>(() => new NpmPackageCache(cacheRoot, Options(npm)).Ensure("some-data", "2.0.0"));

        Assert.Equal("npm install some-data@2.0.0: installed version 2.0.1 instead", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cacheRoot));
    }

    [SkippableFact]
    public void AHangingNpmIsStoppedAfterTheTimeout()
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "the fake npm is a shell script");
        using var temp = new TempDirectory();
        var npm = FakeNpm(temp, "sleep 30");
        var options = Options(npm) with { Timeout = TimeSpan.FromMilliseconds(300) };

        var error = Assert.Throws<InvalidOperationException>(() => new NpmPackageCache(Path.Combine(temp.Path, "cache"), options).Ensure("some-data", "2.0.0"));

        Assert.Contains("no answer within", error.Message);
    }

    [Fact]
    public void AMissingNpmSaysSo()
    {
        using var temp = new TempDirectory();
        var cache = new NpmPackageCache(temp.Path, Options("/nonexistent/bin/npm"));

        var error = Assert.Throws<InvalidOperationException>(() => cache.Ensure("some-data", "2.0.0"));

        Assert.StartsWith("npm install some-data@2.0.0: '/nonexistent/bin/npm' cannot be run", error.Message);
        Assert.Contains("install Node.js (npm) or put it on PATH", error.Message);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData("Upper")]
    [InlineData("@scope")]
    [InlineData("a/b")]
    public void RefusesNamesThatAreNotNpmPackageNames(string name)
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => new NpmPackageCache(temp.Path, Options("/nonexistent/npm")).Ensure(name, "1.0.0"));
        Assert.Contains("is not an npm package name", error.Message);
    }

    [Theory]
    [InlineData("^1.0.0")]
    [InlineData("latest")]
    [InlineData("1.0.0 || 2")]
    public void RefusesVersionRanges(string version)
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => new NpmPackageCache(temp.Path, Options("/nonexistent/npm")).Ensure("some-data", version));
        Assert.Contains("is not an exact package version", error.Message);
    }

    [Fact]
    public void ScopedPackagesGetOneCacheFolder()
    {
        using var temp = new TempDirectory();
        temp.Write("@scope+data@1.0.0/node_modules/@scope/data/package.json", """{"version":"1.0.0"}""");

        var folder = new NpmPackageCache(temp.Path, Options("/nonexistent/npm")).Ensure("@scope/data", "1.0.0");

        Assert.Equal(Path.Combine(temp.Path, "@scope+data@1.0.0", "node_modules", "@scope", "data"), folder);
    }

    [Fact]
    public void TheDefaultCacheRootEndsInClip3D()
    {
        Assert.Equal("clip3d", Path.GetFileName(NpmPackageCache.DefaultCacheRoot()));
        Assert.True(Path.IsPathRooted(NpmPackageCache.DefaultCacheRoot()));
    }

    private static NpmPackageCacheOptions Options(string npm) => NpmPackageCacheOptions.Default with { NpmExecutable = npm };

    private static string FakeNpm(TempDirectory temp, string body)
    {
        var path = temp.Write("fake-npm.sh", $"#!/bin/sh\nLOG='{Path.Combine(temp.Path, "npm.log")}'\n{body.Replace("\r", "")}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
