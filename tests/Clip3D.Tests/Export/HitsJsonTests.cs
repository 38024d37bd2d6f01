using System.Numerics;
using Clip3D.Export;
using Clip3D.Mesh;
using Clip3D.Querying;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Tests.Export;

public class HitsJsonTests
{
    private static QueryResult Answer() => new("the red mug", RelevancySource.Field, [0.5f, 0.75f],
    [
        new QueryHit("mug_1", 0.75f, new Vector3(1, 2.5f, -3), new Bounds(new Vector3(0, 0.5f, -4), new Vector3(2, 5, -1)), 12, [1]),
        new QueryHit("table \"oak\"", 0.625f, new Vector3(0, 0, 0.5f), new Bounds(Vector3.Zero, Vector3.One), 40, [0]),
    ]);

    [Fact]
    public void TheDocumentHasTheQuerySourceAndEveryHitInOrder() =>
        Assert.Equal(
            """{"query":"the red mug","source":"field","hits":[{"label":"mug_1","score":0.75,"position":[1,2.5,-3],"bbox":{"min":[0,0.5,-4],"max":[2,5,-1]},"points":12},"""
            + """{"label":"table \u0022oak\u0022","score":0.625,"position":[0,0,0.5],"bbox":{"min":[0,0,0],"max":[1,1,1]},"points":40}]}""",
            HitsJson.Serialize(Answer()));

    [Fact]
    public void NoHitsIsAnEmptyArray() =>
        Assert.Equal("""{"query":"x","source":"fused","hits":[]}""", HitsJson.Serialize(new QueryResult("x", RelevancySource.Fused, [], [])));

    [Fact]
    public void TheFileIsTheDocumentAndANewline()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "hits.json");
        HitsJson.Write(path, Answer());
        Assert.Equal(HitsJson.Serialize(Answer()) + "\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
