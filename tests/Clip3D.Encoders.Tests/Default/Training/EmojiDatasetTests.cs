using Clip3D.Encoders.Default.Training;
using Clip3D.Testing;
using Xunit;

namespace Clip3D.Encoders.Tests.Default.Training;

public class EmojiDatasetTests
{
    [Fact]
    public void KeepsObjectCategoriesAndSkipsObsoleteEmojiAndSkinTones()
    {
        using var temp = new TempDirectory();
        var dataset = EmojiDataset.Load(FakeEmojiPackage.Write(temp.Path, "google"));

        // FATHER CHRISTMAS is People & Body (left out by default); RUNNER is obsolete.
        Assert.Equal(["1F42E", "1F6CB-FE0F", "1FAD6", "1F697", "231B"], dataset.Entries.Select(e => e.Unified));
        Assert.Equal(["google"], dataset.ImageSets);
        var cow = dataset.Entries[0];
        Assert.Equal("cow face", cow.Name);
        Assert.Equal("Animals & Nature", cow.Category);
        Assert.Equal("animal-mammal", cow.Subcategory);
        Assert.Equal([new EmojiPicture("google", Path.Combine(temp.Path, "emoji-datasource-google", "img", "google", "64", "1f42e.png"))], cow.Pictures);

        var all = EmojiDataset.Load(Path.Combine(temp.Path, "emoji-datasource-google"), EmojiDatasetOptions.Default with { Categories = null });
        Assert.Equal(6, all.Entries.Count);
        Assert.Contains(all.Entries, e => e.Name == "father christmas");
        Assert.DoesNotContain(all.Entries, e => e.Unified.StartsWith("1F385-", StringComparison.Ordinal) || e.Name == "runner");
    }

    [Fact]
    public void CaptionsComeFromTheNameAndShortNamesInEveryTemplate()
    {
        using var temp = new TempDirectory();
        var dataset = EmojiDataset.Load(FakeEmojiPackage.Write(temp.Path, "google"));
        var car = dataset.Entries.Single(e => e.Unified == "1F697");
        var couch = dataset.Entries.Single(e => e.Unified == "1F6CB-FE0F");
        var hourglass = dataset.Entries.Single(e => e.Unified == "231B");

        Assert.Equal(["automobile", "car", "red car"], car.Names);
        Assert.Equal(
            ["automobile", "an emoji of an automobile", "a drawing of an automobile", "a picture of an automobile",
             "car", "an emoji of a car", "a drawing of a car", "a picture of a car",
             "red car", "an emoji of a red car", "a drawing of a red car", "a picture of a red car"],
            car.Captions);
        // The short name "couch_and_lamp" is the name again: each name and caption once.
        Assert.Equal(["couch and lamp"], couch.Names);
        Assert.Equal(4, couch.Captions.Count);
        Assert.Contains("an emoji of an hourglass", hourglass.Captions);
    }

    [Theory]
    [InlineData("cow", "a")]
    [InlineData("automobile", "an")]
    [InlineData("unicorn face", "a")]
    [InlineData("umbrella", "an")]
    [InlineData("hourglass", "an")]
    [InlineData("house", "a")]
    [InlineData("european castle", "a")]
    public void PicksTheIndefiniteArticle(string word, string article) =>
        Assert.Equal($"{article} {word}", EmojiDataset.Caption("{a name}", word));

    [Fact]
    public void JoinsImageSetsPerEmoji()
    {
        using var temp = new TempDirectory();
        var google = FakeEmojiPackage.Write(temp.Path, "google");
        var twitter = FakeEmojiPackage.Write(temp.Path, "twitter");

        var dataset = EmojiDataset.Load([google, twitter]);

        Assert.Equal(["google", "twitter"], dataset.ImageSets);
        Assert.Equal(5, dataset.Entries.Count);
        Assert.Equal(["google", "twitter"], dataset.Entries.Single(e => e.Name == "cow face").Pictures.Select(p => p.ImageSet));
        // The teapot has no Twemoji picture in this fake package (has_img_twitter false).
        Assert.Equal(["google"], dataset.Entries.Single(e => e.Name == "teapot").Pictures.Select(p => p.ImageSet));
    }

    [Fact]
    public void HoldsOutAboutTheAskedFractionByEmojiStablyForASeed()
    {
        var unified = Enumerable.Range(0x1F300, 2000).Select(c => c.ToString("X4")).ToArray();
        int heldOut = unified.Count(u => EmojiDataset.IsHeldOut(u, seed: 0, heldOutFraction: 0.2));
        Assert.InRange(heldOut, 360, 440); // 400 expected; a binomial's standard deviation is 18.

        // The same emoji stays on its side for the same seed (and case of the code points); another seed moves some.
        Assert.All(unified, u => Assert.Equal(EmojiDataset.IsHeldOut(u, 0, 0.2), EmojiDataset.IsHeldOut(u.ToLowerInvariant(), 0, 0.2)));
        Assert.Contains(unified, u => EmojiDataset.IsHeldOut(u, 0, 0.2) != EmojiDataset.IsHeldOut(u, 1, 0.2));
        // Growing the fraction only adds emoji to the held-out side.
        Assert.All(unified.Where(u => EmojiDataset.IsHeldOut(u, 0, 0.2)), u => Assert.True(EmojiDataset.IsHeldOut(u, 0, 0.5)));
        Assert.DoesNotContain(unified, u => EmojiDataset.IsHeldOut(u, 0, 0));
        Assert.All(unified, u => Assert.True(EmojiDataset.IsHeldOut(u, 0, 1)));
    }

    [Fact]
    public void TrainingAndHeldOutPartitionTheEntriesWithBothPicturesOnOneSide()
    {
        using var temp = new TempDirectory();
        var folders = new[] { FakeEmojiPackage.Write(temp.Path, "google"), FakeEmojiPackage.Write(temp.Path, "twitter") };

        var dataset = EmojiDataset.Load(folders, EmojiDatasetOptions.Default with { HeldOutFraction = 0.5, SplitSeed = 7 });

        Assert.Equal(dataset.Entries.Count, dataset.Training.Count + dataset.HeldOut.Count);
        Assert.All(dataset.HeldOut, e => Assert.True(e.IsHeldOut && EmojiDataset.IsHeldOut(e.Unified, 7, 0.5)));
        Assert.All(dataset.Training, e => Assert.False(e.IsHeldOut || EmojiDataset.IsHeldOut(e.Unified, 7, 0.5)));
        Assert.Empty(dataset.Training.Select(e => e.Unified).Intersect(dataset.HeldOut.Select(e => e.Unified)));
    }

    [Fact]
    public void AFolderThatIsNotAnEmojiPackageIsNamed()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(temp.Path));
        Assert.Equal($"{temp.Path}: not an emoji-datasource package folder (no package.json)", error.Message);

        temp.Write("package.json", """{"name":"left-pad","version":"1.0.0"}""");
        error = Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(temp.Path));
        Assert.Contains("package 'left-pad' is not an emoji-datasource-<set> package", error.Message);
    }

    [Fact]
    public void MalformedEmojiJsonIsNamed()
    {
        using var temp = new TempDirectory();
        var folder = FakeEmojiPackage.Write(temp.Path, "google");
        var emojiJson = Path.Combine(folder, "emoji.json");

        File.WriteAllText(emojiJson, "[{\"name\":");
        Assert.StartsWith($"{emojiJson}: malformed JSON", Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(folder)).Message);

        File.WriteAllText(emojiJson, """{"emoji":[]}""");
        Assert.Equal($"{emojiJson}: expected a JSON array of emoji, found Object", Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(folder)).Message);

        File.WriteAllText(emojiJson, """[{"name":"COW FACE","unified":"1F42E","category":"Animals & Nature"}]""");
        Assert.Equal($"{emojiJson}: emoji #0 has no \"image\" string", Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(folder)).Message);

        File.WriteAllText(emojiJson, """[{"name":"COW FACE","unified":"1F42E","image":"../../x.png","category":"Animals & Nature"}]""");
        Assert.Contains("is not a plain file name", Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(folder)).Message);
    }

    [Fact]
    public void AMissingPictureIsNamed()
    {
        using var temp = new TempDirectory();
        var folder = FakeEmojiPackage.Write(temp.Path, "google");
        var cow = Path.Combine(folder, "img", "google", "64", "1f42e.png");
        File.Delete(cow);

        var error = Assert.Throws<InvalidDataException>(() => EmojiDataset.Load(folder));

        Assert.Equal($"{Path.Combine(folder, "emoji.json")}: the picture of 1F42E (COW FACE) is missing: {cow}", error.Message);
    }

    [Fact]
    public void TheSameImageSetTwiceIsRefused()
    {
        using var temp = new TempDirectory();
        var folder = FakeEmojiPackage.Write(temp.Path, "google");
        var error = Assert.Throws<ArgumentException>(() => EmojiDataset.Load([folder, folder]));
        Assert.Contains("the image set 'google' is given twice", error.Message);
    }
}
