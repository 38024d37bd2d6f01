using System.Text.Json;

namespace Clip3D.Views.Encoders;

/// <summary>
/// CLIP's zero-shot prompt ensembling: a query ("red mug") is put into each of a set of templates ("a photo of a
/// {}."), every filled template is embedded, and the query's embedding is the mean of those unit vectors, scaled
/// back to unit length. Averaging over phrasings makes the text side less sensitive to wording; CLIP reports a few
/// points of zero-shot accuracy from it.
/// </summary>
public static class PromptEnsemble
{
    /// <summary>The placeholder a template holds for the query.</summary>
    public const string Placeholder = "{}";

    private const string ResourceName = "Clip3D.Views.Encoders.PromptTemplates.json";

    private static readonly Lazy<IReadOnlyList<string>> Templates = new(LoadDefaultTemplates);

    /// <summary>
    /// The project's templates: CLIP's 80 ImageNet templates (openai/CLIP, MIT licence; the notice travels with the
    /// embedded <c>PromptTemplates.json</c>).
    /// </summary>
    public static IReadOnlyList<string> DefaultTemplates => Templates.Value;

    /// <summary>
    /// The unit-length ensemble embedding of <paramref name="query"/> through <paramref name="templates"/>
    /// (default <see cref="DefaultTemplates"/>); one <see cref="IImageTextEncoder.EmbedTexts"/> call.
    /// </summary>
    public static float[] Embed(IImageTextEncoder encoder, string query, IReadOnlyList<string>? templates = null,
        CancellationToken cancellationToken = default)
    {
        var batch = EmbedAll(encoder, [query], templates, cancellationToken);
        return batch[0].ToArray();
    }

    /// <summary>
    /// Ensemble embeddings of several queries, one row each, in one <see cref="IImageTextEncoder.EmbedTexts"/> call
    /// (queries × templates texts, batched by the encoder).
    /// </summary>
    public static EmbeddingBatch EmbedAll(IImageTextEncoder encoder, IReadOnlyList<string> queries,
        IReadOnlyList<string>? templates = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(queries);
        templates ??= DefaultTemplates;
        Validate(templates);
        var texts = new string[queries.Count * templates.Count];
        for (int q = 0; q < queries.Count; q++)
        {
            ArgumentNullException.ThrowIfNull(queries[q], nameof(queries));
            for (int t = 0; t < templates.Count; t++)
                texts[q * templates.Count + t] = Fill(templates[t], queries[q]);
        }
        var embedded = encoder.EmbedTexts(texts, cancellationToken);
        int dimension = embedded.Dimension;
        var result = new float[queries.Count * dimension];
        for (int q = 0; q < queries.Count; q++)
        {
            // Mean of unit vectors, in double so 80 terms add without float drift, then back to unit length.
            var sum = new double[dimension];
            for (int t = 0; t < templates.Count; t++)
            {
                var row = embedded[q * templates.Count + t];
                for (int d = 0; d < dimension; d++) sum[d] += row[d];
            }
            for (int d = 0; d < dimension; d++) result[q * dimension + d] = (float)(sum[d] / templates.Count);
        }
        EmbeddingBatch.NormalizeRows(result, dimension);
        return new EmbeddingBatch(queries.Count, dimension, result);
    }

    /// <summary>The template with every <see cref="Placeholder"/> replaced by the query.</summary>
    public static string Fill(string template, string query) => template.Replace(Placeholder, query, StringComparison.Ordinal);

    private static void Validate(IReadOnlyList<string> templates)
    {
        if (templates.Count == 0)
            throw new ArgumentException("At least one prompt template is needed.", nameof(templates));
        foreach (var template in templates)
            if (template is null || !template.Contains(Placeholder, StringComparison.Ordinal))
                throw new ArgumentException($"Prompt template '{template}' has no '{Placeholder}' for the query.", nameof(templates));
    }

    private static IReadOnlyList<string> LoadDefaultTemplates()
    {
        using var stream = typeof(PromptEnsemble).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from {typeof(PromptEnsemble).Assembly.GetName().Name}.");
        using var json = JsonDocument.Parse(stream);
        var templates = json.RootElement.GetProperty("templates").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Validate(templates);
        return templates;
    }
}
