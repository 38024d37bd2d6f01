using Clip3D.Testing;
using Clip3D.Views.Encoders;
using Xunit;

namespace Clip3D.Encoders.Tests;

public class EncoderFactoryTests
{
    [Fact]
    public void OpensAModelFolder()
    {
        using var dir = new TempDirectory();
        using var encoder = EncoderFactory.Open(TinyClipModels.WriteOpenClipFolder(dir.Path));
        Assert.IsType<OnnxClipEncoder>(encoder);
        Assert.Equal(8, encoder.Dimension);
    }

    [Fact]
    public void AHeadsFileOpensTheDefaultEncoderNotAModelFolder()
    {
        using var dir = new TempDirectory();
        // Not real heads: the point is which reader answers. A model-folder reader would say "no CLIP model found".
        var path = dir.Write("mine.c3dh", "not heads at all");
        var e = Assert.Throws<ModelFolderException>(() => EncoderFactory.Open(path));
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain("no CLIP model found", e.Message);
    }

    [Fact]
    public void ReopensFromTheIdentityAndNoticesChangedFiles()
    {
        using var dir = new TempDirectory();
        TinyClipModels.WriteOpenClipFolder(dir.Path);
        EncoderIdentity identity;
        float[] before;
        using (var encoder = EncoderFactory.Open(dir.Path))
        {
            identity = encoder.Identity;
            before = encoder.EmbedImages([new RgbImage(4, 4, new byte[48])]).Data.ToArray();
        }
        using (var reopened = EncoderFactory.Open(identity))
        {
            Assert.Equal(identity, reopened.Identity);
            Assert.Equal(before, reopened.EmbedImages([new RgbImage(4, 4, new byte[48])]).Data.ToArray());
        }

        dir.Write("clip-image-tiny.onnx", TinyClipModels.OpenClipImage(fixedBatch: 2));
        var e = Assert.Throws<ModelFolderException>(() => EncoderFactory.Open(identity));
        Assert.StartsWith($"{dir.Path}: the model files changed since the embeddings were made (recorded sha256 {identity.ModelHash[..12]}…, 8-d; now ", e.Message);
    }

    [Fact]
    public void DefaultOpensTheShippedEncoderAndItsIdentityReopensIt()
    {
        using var encoder = EncoderFactory.Open("default");
        Assert.Equal("default", encoder.Identity.Kind);
        using var again = EncoderFactory.Open(encoder.Identity);
        Assert.Equal(encoder.Identity, again.Identity);
        Assert.Equal(encoder.EmbedTexts(["a red mug"]).Data.ToArray(), again.EmbedTexts(["a red mug"]).Data.ToArray());
        var unknown = Assert.Throws<NotSupportedException>(() => EncoderFactory.Open(new EncoderIdentity("mystery", "x", "", 512)));
        Assert.Contains("'mystery'", unknown.Message);
    }

    [Fact]
    public void AMissingFolderIsAModelFolderException()
    {
        var e = Assert.Throws<ModelFolderException>(() => EncoderFactory.Open("/no/such/clip/folder"));
        Assert.Equal("/no/such/clip/folder: folder not found", e.Message);
    }
}
