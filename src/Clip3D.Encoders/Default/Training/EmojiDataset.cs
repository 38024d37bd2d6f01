using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Clip3D.Encoders.Default.Training;

/// <summary>
/// Named emoji pictures for training the default encoder's alignment: real drawings of everyday things, each with its
/// Unicode name and short names as captions. Read from the npm packages of iamcal's emoji-data (data MIT):
/// <c>emoji-datasource-google</c> (Noto Emoji images, Apache-2.0) and <c>emoji-datasource-twitter</c> (Twemoji
/// images, CC-BY 4.0), each holding <c>emoji.json</c> and <c>img/&lt;set&gt;/64/*.png</c>. The packages are installed
/// into the user's cache (<see cref="NpmPackageCache"/>) and never committed. A fixed share of the emoji is held out,
/// chosen per emoji by a seeded hash, so both drawings of an emoji fall on the same side.
/// </summary>
public sealed class EmojiDataset
{
    /// <summary>The emoji-data version the training uses.</summary>
    public const string PackageVersion = "16.0.0";

    /// <summary>The npm packages the training uses, Noto first.</summary>
    public static IReadOnlyList<string> PackageNames { get; } = ["emoji-datasource-google", "emoji-datasource-twitter"];

    private const string PackagePrefix = "emoji-datasource-";

    private EmojiDataset(IReadOnlyList<EmojiEntry> entries, IReadOnlyList<string> imageSets)
    {
        Entries = entries;
        ImageSets = imageSets;
        Training = entries.Where(e => !e.IsHeldOut).ToArray();
        HeldOut = entries.Where(e => e.IsHeldOut).ToArray();
    }

    /// <summary>Every emoji kept, in emoji.json's order.</summary>
    public IReadOnlyList<EmojiEntry> Entries { get; }

    /// <summary>The emoji to train on.</summary>
    public IReadOnlyList<EmojiEntry> Training { get; }

    /// <summary>The emoji kept for evaluation.</summary>
    public IReadOnlyList<EmojiEntry> HeldOut { get; }

    /// <summary>The image sets loaded ("google", "twitter"), in the order given.</summary>
    public IReadOnlyList<string> ImageSets { get; }

    /// <summary>Installs <see cref="PackageNames"/> at <see cref="PackageVersion"/> with npm (once) and loads them.</summary>
    public static EmojiDataset Install(NpmPackageCache cache, EmojiDatasetOptions? options = null) =>
        Load(PackageNames.Select(name => cache.Ensure(name, PackageVersion)), options);

    /// <summary>Loads one emoji-datasource package folder (the one holding its package.json and emoji.json).</summary>
    public static EmojiDataset Load(string packageFolder, EmojiDatasetOptions? options = null) => Load([packageFolder], options);

    /// <summary>
    /// Loads emoji-datasource package folders (one per image set) into one dataset: an emoji's entry comes from the
    /// first package listing it, and each package adds its picture. Skips obsolete emoji and skin-tone variations.
    /// Throws <see cref="InvalidDataException"/> naming the file when a folder is not such a package, emoji.json is
    /// malformed or a picture it lists is missing.
    /// </summary>
    public static EmojiDataset Load(IEnumerable<string> packageFolders, EmojiDatasetOptions? options = null)
    {
        options ??= EmojiDatasetOptions.Default;
        Validate(options);
        var categories = options.Categories is null ? null : new HashSet<string>(options.Categories, StringComparer.Ordinal);
        var order = new List<string>();
        var found = new Dictionary<string, (EmojiJsonRecord Record, List<EmojiPicture> Pictures)>(StringComparer.Ordinal);
        var imageSets = new List<string>();

        foreach (var folder in packageFolders)
        {
            var imageSet = ImageSetOf(folder);
            if (imageSets.Contains(imageSet))
                throw new ArgumentException($"{folder}: the image set '{imageSet}' is given twice.", nameof(packageFolders));
            imageSets.Add(imageSet);
            var emojiJson = Path.Combine(folder, "emoji.json");
            var imageFolder = Path.Combine(folder, "img", imageSet, options.ImageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (!Directory.Exists(imageFolder))
                throw new InvalidDataException($"{folder}: no img/{imageSet}/{options.ImageSize} folder of pictures");

            foreach (var record in ReadEmojiJson(emojiJson, imageSet))
            {
                if (record.ObsoletedBy is not null || !record.HasImage)
                    continue;
                if (categories is not null && !categories.Contains(record.Category))
                    continue;
                var picturePath = Path.Combine(imageFolder, record.Image);
                if (!File.Exists(picturePath))
                    throw new InvalidDataException($"{emojiJson}: the picture of {record.Unified} ({record.Name}) is missing: {picturePath}");
                if (!found.TryGetValue(record.Unified, out var slot))
                {
                    slot = (record, []);
                    found.Add(record.Unified, slot);
                    order.Add(record.Unified);
                }
                slot.Pictures.Add(new EmojiPicture(imageSet, picturePath));
            }
        }
        if (imageSets.Count == 0)
            throw new ArgumentException("No emoji-datasource package folder given.", nameof(packageFolders));

        var entries = order.Select(unified =>
        {
            var (record, pictures) = found[unified];
            var names = NamesOf(record);
            return new EmojiEntry
            {
                Unified = record.Unified,
                Name = names[0],
                Names = names,
                Category = record.Category,
                Subcategory = record.Subcategory,
                Captions = names.SelectMany(name => options.CaptionTemplates.Select(t => Caption(t, name))).Distinct().ToArray(),
                Pictures = pictures,
                IsHeldOut = IsHeldOut(record.Unified, options.SplitSeed, options.HeldOutFraction),
            };
        }).ToArray();
        return new EmojiDataset(entries, imageSets);
    }

    /// <summary>
    /// Whether the emoji <paramref name="unified"/> is held out: the first 53 bits of SHA-256("seed/unified") as a
    /// fraction in [0, 1), below <paramref name="heldOutFraction"/>. Depends on nothing else (not the categories
    /// kept, not the other emoji), so an emoji stays on its side whatever else changes.
    /// </summary>
    public static bool IsHeldOut(string unified, ulong seed, double heldOutFraction)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{unified.ToUpperInvariant()}"), hash);
        double fraction = (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
        return fraction < heldOutFraction;
    }

    /// <summary>Fills a caption template: "{name}" is the name, "{a name}" the name after its indefinite article.</summary>
    public static string Caption(string template, string name) =>
        template.Replace("{a name}", $"{IndefiniteArticle(name)} {name}", StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal);

    /// <summary>"a" or "an", by the first letter, with the common exceptions of English spelling ("a unicorn", "an hourglass").</summary>
    internal static string IndefiniteArticle(string word)
    {
        var w = word.TrimStart().ToLowerInvariant();
        if (w.StartsWith("hour", StringComparison.Ordinal) || w.StartsWith("honest", StringComparison.Ordinal))
            return "an";
        if (w.StartsWith("uni", StringComparison.Ordinal) || w.StartsWith("use", StringComparison.Ordinal) || w.StartsWith("usu", StringComparison.Ordinal)
            || w.StartsWith("eu", StringComparison.Ordinal) || w.StartsWith("one", StringComparison.Ordinal) || w.StartsWith("once", StringComparison.Ordinal))
            return "a";
        return w.Length > 0 && "aeiou".Contains(w[0]) ? "an" : "a";
    }

    private static string[] NamesOf(EmojiJsonRecord record) =>
        new[] { record.Name }.Concat(record.ShortNames.Select(s => s.Replace('_', ' ')))
            .Select(n => string.Join(' ', n.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static void Validate(EmojiDatasetOptions options)
    {
        if (!(options.HeldOutFraction is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), $"HeldOutFraction must lie in [0, 1], not {options.HeldOutFraction}.");
        if (options.ImageSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"ImageSize must be positive, not {options.ImageSize}.");
        if (options.CaptionTemplates.Count == 0 || options.CaptionTemplates.Any(t => !t.Contains("name}", StringComparison.Ordinal)))
            throw new ArgumentException("Every caption template must hold {name} or {a name}, and there must be at least one.", nameof(options));
    }

    /// <summary>"google" for the folder of emoji-datasource-google, read from its package.json.</summary>
    private static string ImageSetOf(string folder)
    {
        var packageJson = Path.Combine(folder, "package.json");
        if (!File.Exists(packageJson))
            throw new InvalidDataException($"{folder}: not an emoji-datasource package folder (no package.json)");
        string? name;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(packageJson));
            name = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("name", out var n)
                && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{packageJson}: malformed JSON ({e.Message})", e);
        }
        if (name is null || !name.StartsWith(PackagePrefix, StringComparison.Ordinal) || name.Length == PackagePrefix.Length)
            throw new InvalidDataException($"{packageJson}: package '{name}' is not an emoji-datasource-<set> package");
        return name[PackagePrefix.Length..];
    }

    private static List<EmojiJsonRecord> ReadEmojiJson(string path, string imageSet)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path}: file not found");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed JSON ({e.Message})", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{path}: expected a JSON array of emoji, found {document.RootElement.ValueKind}");
            var records = new List<EmojiJsonRecord>();
            int index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
                records.Add(EmojiJsonRecord.Parse(item, path, index++, imageSet));
            return records;
        }
    }

    /// <summary>The fields of one emoji.json item that the dataset uses.</summary>
    private sealed record EmojiJsonRecord(
        string Unified, string Name, IReadOnlyList<string> ShortNames, string Category, string Subcategory,
        string Image, bool HasImage, string? ObsoletedBy)
    {
        public static EmojiJsonRecord Parse(JsonElement item, string path, int index, string imageSet)
        {
            if (item.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: emoji #{index} is a {item.ValueKind}, not an object");
            var unified = RequiredString(item, "unified", path, index);
            string Where() => $"emoji #{index} ({unified})";
            var image = RequiredString(item, "image", path, index);
            // The image name becomes a path: it must not climb out of the image folder.
            if (image.Contains('/') || image.Contains('\\') || image.StartsWith('.'))
                throw new InvalidDataException($"{path}: {Where()} has the image name '{image}', which is not a plain file name");
            var shortNames = new List<string>();
            if (item.TryGetProperty("short_names", out var list) && list.ValueKind == JsonValueKind.Array)
                shortNames.AddRange(list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()!));
            else if (item.TryGetProperty("short_name", out var one) && one.ValueKind == JsonValueKind.String)
                shortNames.Add(one.GetString()!);
            var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            if (name.Length == 0)
                name = shortNames.FirstOrDefault() ?? throw new InvalidDataException($"{path}: {Where()} has neither a name nor short names");
            var hasImageField = $"has_img_{imageSet}";
            bool hasImage = !item.TryGetProperty(hasImageField, out var has) || has.ValueKind != JsonValueKind.False;
            var obsoletedBy = item.TryGetProperty("obsoleted_by", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            return new EmojiJsonRecord(unified, name, shortNames, RequiredString(item, "category", path, index),
                item.TryGetProperty("subcategory", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "",
                image, hasImage, obsoletedBy);
        }

        private static string RequiredString(JsonElement item, string field, string path, int index)
        {
            if (item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                return text;
            throw new InvalidDataException($"{path}: emoji #{index} has no \"{field}\" string");
        }
    }
}
