using Clip3D.Recognition;
using Xunit;

namespace Clip3D.Tests.Recognition;

public class ClassifyOptionsTests
{
    [Fact]
    public void DefaultsAreEightViewsOf224PixelsAtClipsLogitScale()
    {
        var o = ClassifyOptions.Default;
        o.Validate();
        Assert.Equal(8, o.Views);
        Assert.Equal(224, o.ImageSize);
        Assert.Equal(0.01, o.Temperature, 12);
        Assert.Contains("a render of a {}.", o.Templates);
        Assert.Contains("a 3D model of a {}.", o.Templates);
    }

    public static TheoryData<ClassifyOptions, string> Bad => new()
    {
        { new ClassifyOptions { Views = 0 }, "ClassifyOptions.Views" },
        { new ClassifyOptions { Views = ClassifyOptions.MaxViews + 1 }, "ClassifyOptions.Views" },
        { new ClassifyOptions { ImageSize = 8 }, "ClassifyOptions.ImageSize" },
        { new ClassifyOptions { Temperature = 0 }, "ClassifyOptions.Temperature" },
        { new ClassifyOptions { Temperature = double.NaN }, "ClassifyOptions.Temperature" },
        { new ClassifyOptions { Templates = [] }, "at least one template" },
        { new ClassifyOptions { Templates = ["a photo of a thing"] }, "has no '{}'" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void OutOfRangeOptionsAreNamed(ClassifyOptions options, string message)
    {
        var e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(message, e.Message);
        using var encoder = new Clip3D.Views.Tests.Features.ColourEncoder();
        Assert.Throws<ArgumentException>(() => new ModelClassifier(encoder, options));
    }
}
