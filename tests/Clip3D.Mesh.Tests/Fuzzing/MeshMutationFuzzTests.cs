using System.Diagnostics;
using Clip3D.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Clip3D.Mesh.Tests.Fuzzing;

/// <summary>
/// Mutation fuzzing of every reader: seeded mutations of valid files must either load or raise the
/// <see cref="MeshFormatException"/> hierarchy — never another exception, a hang, or an allocation far beyond
/// the file's size. CI runs a few thousand cases; set CLIP3D_FUZZ_CASES for a long run (e.g. 100000).
/// A failure prints the seed file and mutation seed, which replay it exactly.
/// </summary>
public class MeshMutationFuzzTests(ITestOutputHelper output)
{
    private const int DefaultCases = 3000;

    /// <summary>A hang guard, not a speed target: a mutated small file that takes this long is stuck.</summary>
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(20);

    [Fact]
    [Trait("Category", "Fuzz")]
    public void OnlyMeshExceptionsEscape()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("CLIP3D_FUZZ_CASES"), out var n) && n > 0 ? n : DefaultCases;
        using var work = new TempDirectory();
        var seeds = FuzzSeeds.All(Path.Combine(work.Path, "generated"));
        var failures = new List<string>();
        int loaded = 0, rejected = 0;
        var clock = Stopwatch.StartNew();
        for (int s = 0; s < seeds.Count; s++)
        {
            var seed = seeds[s];
            // Each seed gets its own copy of its folder, so companions (MTL, .bin, textures) resolve.
            var folder = Path.Combine(work.Path, $"seed{s}");
            CopyFolder(seed.SourceDirectory, folder);
            var mutatedPath = Path.Combine(folder, seed.MutatedFile);
            var original = File.ReadAllBytes(mutatedPath);
            int perSeed = cases / seeds.Count + (s < cases % seeds.Count ? 1 : 0);
            for (int c = 0; c < perSeed; c++)
            {
                ulong mutationSeed = (ulong)s * 1_000_003UL + (ulong)c;
                var mutated = ByteMutator.Mutate(original, mutationSeed);
                File.WriteAllBytes(mutatedPath, mutated);
                var outcome = RunCase(Path.Combine(folder, seed.MainFile), mutated.Length);
                switch (outcome)
                {
                    case null: loaded++; break;
                    case "": rejected++; break;
                    default: failures.Add($"{seed.Name} mutation {mutationSeed}: {outcome}"); break;
                }
            }
            File.WriteAllBytes(mutatedPath, original);
        }
        output.WriteLine($"{loaded + rejected + failures.Count} cases over {seeds.Count} seed files in {clock.Elapsed.TotalSeconds:0.0} s: " +
                         $"{loaded} loaded, {rejected} rejected with MeshFormatException, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    /// <summary>null: loaded; "": rejected properly; otherwise a description of the failure.</summary>
    private static string? RunCase(string path, long fileBytes)
    {
        long allocated = 0;
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                SceneReader.Load(path, ReadOptions.Default with { MaxTexturePixels = 4096L * 4096 });
                return (string?)null;
            }
            catch (MeshFormatException)
            {
                return "";
            }
            catch (Exception e)
            {
                return $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}";
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        });
        if (!task.Wait(CaseLimit))
            return $"no result after {CaseLimit.TotalSeconds} s (hang)";
        // Decoded textures and per-vertex arrays legitimately exceed the file size; hundreds of MB from a
        // kilobyte file mean an untrusted count was believed.
        long bound = 256L * 1024 * 1024 + 200 * fileBytes;
        if (task.Result is null or "" && allocated > bound)
            return $"allocated {allocated / (1 << 20)} MiB for a {fileBytes}-byte file";
        return task.Result;
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        foreach (var sub in Directory.GetDirectories(source))
            CopyFolder(sub, Path.Combine(target, Path.GetFileName(sub)));
    }
}
