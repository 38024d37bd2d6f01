using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

/// <summary>
/// Rewrites the committed scenes/ files from the generator — the same as <c>clip3d scenes --out scenes/</c>.
/// Runs only on request: <c>CLIP3D_REGENERATE_SCENES=1 dotnet test tests/Clip3D.Mesh.Tests --filter Category=Regenerate</c>;
/// skipped otherwise.
/// </summary>
public class RegenerateDemoScenes
{
    public const string EnvironmentVariable = "CLIP3D_REGENERATE_SCENES";

    [SkippableFact]
    [Trait("Category", "Regenerate")]
    public void WriteCommittedScenes()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(EnvironmentVariable) == "1", $"set {EnvironmentVariable}=1 to rewrite scenes/");
        var files = DemoScenes.WriteAll(Path.Combine(SharedAssets.RepositoryRoot, "scenes"));
        foreach (var f in files)
            Assert.Equal(DemoScenes.EncodeGlb(DemoScenes.Generate(f.Name)), File.ReadAllBytes(f.GlbPath));
    }
}
