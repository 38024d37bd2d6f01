using System.Numerics;
using System.Text;
using Clip3D.Mesh.Demo;
using Clip3D.Testing;
using SharpGLTF.Schema2;
using Xunit;

namespace Clip3D.Mesh.Tests.Demo;

public class LabelsFileTests
{
    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void RoundTripsThroughTheLoader(string name)
    {
        var written = LabelsFile.FromScene(GeneratedScenes.Get(name));
        using var dir = new TempDirectory();
        var path = dir.Write(name + ".labels.json", written.ToJson());
        var read = LabelsFile.Load(path);
        Assert.Equal(LabelsFile.WorldFrame, read.Frame);
        Assert.Equal(written.Objects.Count, read.Objects.Count);
        foreach (var (a, b) in written.Objects.Zip(read.Objects))
        {
            Assert.Equal(a.Label, b.Label);
            Assert.Equal(a.Synonyms, b.Synonyms);
            Assert.Equal(a.Parts, b.Parts);
            Assert.Equal(a.Bounds, b.Bounds); // exact: numbers are written in shortest round-trip form
        }
        Assert.Equal(written.ToJson(), read.ToJson());
    }

    [Theory]
    [MemberData(nameof(GeneratedScenes.Names), MemberType = typeof(GeneratedScenes))]
    public void EveryPartIsANodeAndEveryBoxIsTightAroundItsVertices(string name)
    {
        // Checked against the GLB as SharpGLTF reads it, not against the generator's own numbers.
        var labels = LabelsFile.Load(GeneratedScenes.CommittedLabels(name));
        var model = ModelRoot.Load(GeneratedScenes.CommittedGlb(name));
        var nodes = model.DefaultScene.VisualChildren.ToDictionary(n => n.Name);
        Assert.Equal(nodes.Count, labels.Objects.Sum(o => o.Parts.Count));
        foreach (var entry in labels.Objects)
        {
            var bounds = Bounds.Empty;
            foreach (var part in entry.Parts)
            {
                Assert.True(nodes.TryGetValue(part, out var node), $"no node '{part}'");
                foreach (var primitive in node.Mesh.Primitives)
                    foreach (var p in primitive.GetVertexAccessor("POSITION").AsVector3Array())
                        bounds = bounds.Include(new Vector3(p.X, -p.Z, p.Y));
            }
            Assert.Equal(bounds.Min + Vector3.Zero, entry.Bounds.Min);
            Assert.Equal(bounds.Max + Vector3.Zero, entry.Bounds.Max);
        }
    }

    [Fact]
    public void FileIsIndentedJsonWithLfLineEndsAndAStablePropertyOrder()
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(GeneratedScenes.CommittedLabels("room")));
        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("}\n", text);
        Assert.StartsWith("{\n  \"frame\": \"z-up metres\",\n  \"objects\": [\n    {\n      \"label\": \"floor\",\n      \"synonyms\": [\"ground\"],\n      \"parts\": [\"floor\"],\n      \"bbox\": {\n        \"min\": [-3, -2.5, -0.05],\n        \"max\": [3, 2.5, 0]\n      }\n    },", text);
    }

    [Fact]
    public void FindMatchesLabelsAndSynonymsIgnoringCase()
    {
        var labels = LabelsFile.Load(GeneratedScenes.CommittedLabels("room"));
        Assert.Equal(["sofa_1"], labels.Find("Couch").SelectMany(o => o.Parts));
        Assert.Equal(["chair_1", "chair_2", "chair_3"], labels.Find("chair").SelectMany(o => o.Parts));
        Assert.Equal(["table_2"], labels.Find("coffee table").SelectMany(o => o.Parts));
        Assert.Empty(labels.Find("giraffe"));
    }

    [Fact]
    public void MissingFileIsAFileAccessError()
    {
        var e = Assert.Throws<MeshFileAccessException>(() => LabelsFile.Load("/nonexistent/room.labels.json"));
        Assert.Equal("/nonexistent/room.labels.json: file not found", e.Message);
    }

    [Theory]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [", "line 1, byte 38: invalid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    [InlineData("{\"frame\": \"z-up metres\",\n \"objects\": [] } trailing", "line 2, byte")]
    [InlineData("", "invalid JSON")]
    [InlineData("{'frame': 1}", "line 1, byte 2: invalid JSON")]
    public void MalformedJsonIsASyntaxErrorWithItsPlace(string json, string fragment)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("bad.labels.json", json);
        var e = Assert.Throws<MeshSyntaxException>(() => LabelsFile.Load(path));
        Assert.Contains(fragment, e.Message);
        Assert.StartsWith(path + ": ", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message); // the 0-based position System.Text.Json appends is dropped
    }

    [Theory]
    [InlineData("[]", "the top level: expected an object, found an array")]
    [InlineData("{\"objects\": []}", "the top level: the required property \"frame\" is missing")]
    [InlineData("{\"frame\": \"y-up\", \"objects\": []}", "frame: frame 'y-up' is not supported (expected 'z-up metres')")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": {}}", "objects: expected an array, found an object")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"parts\": [\"mug_1\"]}]}", "objects[0]: the required property \"bbox\" is missing")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"\", \"parts\": [\"mug_1\"]}]}", "objects[0].label: the label is empty")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": 3}]}", "objects[0].label: expected a string, found a number")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"synonyms\": [\"cup\", 2], \"parts\": [\"mug_1\"]}]}", "objects[0].synonyms[1]: expected a string, found a number")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"parts\": []}]}", "objects[0].parts: an object needs at least one part")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [" + MugEntry + ", " + MugEntry + "]}", "objects[1].parts: part 'mug_1' already belongs to objects[0]")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"parts\": [\"mug_1\"], \"bbox\": {\"min\": [0, 0], \"max\": [1, 1, 1]}}]}", "objects[0].bbox.min: expected 3 numbers, found 2")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"parts\": [\"mug_1\"], \"bbox\": {\"min\": [0, 0, \"0\"], \"max\": [1, 1, 1]}}]}", "objects[0].bbox.min[2]: expected a number, found a string")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"parts\": [\"mug_1\"], \"bbox\": {\"min\": [0, 0, 1e39], \"max\": [1, 1, 1]}}]}", "objects[0].bbox.min[2]: 1e39 is not a finite single-precision number")]
    [InlineData("{\"frame\": \"z-up metres\", \"objects\": [{\"label\": \"mug\", \"parts\": [\"mug_1\"], \"bbox\": {\"min\": [0, 2, 0], \"max\": [1, 1, 1]}}]}", "objects[0].bbox: min <0, 2, 0> is not below max <1, 1, 1> on every axis")]
    public void WrongStructureIsADataErrorNamingThePlace(string json, string expected)
    {
        var e = Assert.Throws<MeshDataException>(() => LabelsFile.Parse(Encoding.UTF8.GetBytes(json), "x.labels.json"));
        Assert.Equal("x.labels.json: " + expected, e.Message);
    }

    private const string MugEntry = "{\"label\": \"mug\", \"parts\": [\"mug_1\"], \"bbox\": {\"min\": [0, 0, 0], \"max\": [1, 1, 1]}}";
}
