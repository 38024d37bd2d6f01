using Clip3D.Export;
using Clip3D.Navigation;
using Clip3D.Querying;
using Clip3D.Views.Cameras;

namespace Clip3D.Viewer;

/// <summary>
/// Everything one viewer frame shows besides the scene itself: the camera, the shading mode, the last query's answer
/// with its display threshold, the overlay toggles and the query being typed (with history). The window's keys and the
/// CLI's options change it; <see cref="HeadlessViewer"/> and <see cref="ViewerWindow"/> draw it the same way.
/// </summary>
public sealed class ViewerSession
{
    /// <summary>The share of seen points a new answer's heatmap shows at first: its default threshold is this quantile (at least 0.5).</summary>
    public const float DefaultShownFraction = 0.1f;

    /// <summary>How much one threshold key press moves the threshold.</summary>
    public const float ThresholdStep = 0.01f;

    private readonly List<string> _history = [];
    private int _historyCursor;
    private byte[] _pointColours = [];
    private TopDownMap? _map;
    private IReadOnlyList<Camera>? _viewCameras;

    public ViewerSession(ViewerContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        Camera = new ViewerCamera(content.Scene.Bounds);
        Status = content.Index is null ? "a mesh without an index: open a .c3d file to query it" : "press / or Enter and type a query";
    }

    public ViewerContent Content { get; }

    public ViewerCamera Camera { get; }

    public ShadingMode Mode { get; set; } = ShadingMode.Colour;

    /// <summary>The last query's answer, or null.</summary>
    public QueryResult? Answer { get; private set; }

    /// <summary>Points with relevancy at or above this are painted by the heatmap.</summary>
    public float Threshold { get; private set; } = 0.5f;

    /// <summary>
    /// The relevancy at the colour map's cold end: the median over the seen points (a typical point), or NaN without an
    /// answer. The map spans it to <see cref="MaxRelevancy"/>, so the shown points (above the threshold) lean to the hot end.
    /// </summary>
    public float MedianRelevancy { get; private set; } = float.NaN;

    /// <summary>The highest relevancy of the answer (the colour map's hot end), or NaN without an answer.</summary>
    public float MaxRelevancy { get; private set; } = float.NaN;

    public bool ShowHits { get; set; } = true;

    public bool ShowViewFrustums { get; set; }

    public bool ShowMap { get; set; }

    /// <summary>Whether keys type into the query box.</summary>
    public bool IsTyping { get; private set; }

    /// <summary>The query box's text.</summary>
    public string QueryInput { get; private set; } = "";

    /// <summary>Queries run, oldest first.</summary>
    public IReadOnlyList<string> History => _history;

    /// <summary>One line about the last thing that happened (shown at the bottom of the frame).</summary>
    public string Status { get; private set; }

    /// <summary>Bumped whenever <see cref="PointColours"/> changes, so a renderer re-uploads them only then.</summary>
    public int PointColourVersion { get; private set; }

    /// <summary>
    /// Per surface point of the index, the heatmap colour as RGBA bytes: the PLY export's colour map
    /// (<see cref="RelevancyPly.ColourOf"/>) over [<see cref="MedianRelevancy"/>, <see cref="MaxRelevancy"/>], alpha 0 for
    /// points below the threshold or unseen. Empty without an answer.
    /// </summary>
    public ReadOnlySpan<byte> PointColours => _pointColours;

    /// <summary>Runs <paramref name="text"/> against the index, switches to <see cref="ShadingMode.Relevancy"/> and sets the default threshold.</summary>
    /// <exception cref="InvalidOperationException">The content has no index.</exception>
    public QueryResult RunQuery(string text, QueryOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var index = Content.Index ?? throw new InvalidOperationException($"{Content.Path} is a mesh without an index: open its .c3d index to query it.");
        var answer = index.Query(text.Trim(), options);
        Answer = answer;
        _map = null;
        var seen = answer.Relevancy.Where(float.IsFinite).Order().ToArray();
        MaxRelevancy = seen.Length == 0 ? float.NaN : seen[^1];
        MedianRelevancy = seen.Length == 0 ? float.NaN : seen[seen.Length / 2];
        float quantile = seen.Length == 0 ? 0.5f : seen[Math.Clamp((int)(seen.Length * (1 - DefaultShownFraction)), 0, seen.Length - 1)];
        Threshold = Math.Max(0.5f, quantile);
        Mode = ShadingMode.Relevancy;
        if (_history.Count == 0 || _history[^1] != answer.Query) _history.Add(answer.Query);
        _historyCursor = _history.Count;
        Status = answer.Hits.Count == 0
            ? $"\"{answer.Query}\": no hits ({answer.Source.ToString().ToLowerInvariant()})"
            : $"\"{answer.Query}\": {answer.Hits.Count} hit{(answer.Hits.Count == 1 ? "" : "s")}, best {answer.Hits[0].Label} {answer.Hits[0].Score:0.00} ({answer.Source.ToString().ToLowerInvariant()})";
        RecolourPoints();
        return answer;
    }

    /// <summary>Sets the heatmap threshold (clamped to [0, 1]).</summary>
    public void SetThreshold(float threshold)
    {
        if (!float.IsFinite(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite number.");
        Threshold = Math.Clamp(threshold, 0f, 1f);
        RecolourPoints();
    }

    /// <summary>Moves the threshold by <paramref name="steps"/> × <see cref="ThresholdStep"/>.</summary>
    public void AdjustThreshold(int steps)
    {
        SetThreshold(Threshold + steps * ThresholdStep);
        Status = $"threshold {Threshold:0.00}";
    }

    /// <summary>Starts typing a query (the box shows the cursor).</summary>
    public void BeginTyping()
    {
        IsTyping = true;
        QueryInput = "";
        _historyCursor = _history.Count;
    }

    /// <summary>Leaves the query box without running it.</summary>
    public void CancelTyping()
    {
        IsTyping = false;
        QueryInput = "";
    }

    public void Type(char c)
    {
        if (IsTyping && !char.IsControl(c)) QueryInput += c;
    }

    public void Backspace()
    {
        if (IsTyping && QueryInput.Length > 0) QueryInput = QueryInput[..^1];
    }

    /// <summary>Runs the query box's text (a blank box just closes). Failures land in <see cref="Status"/>, not in an exception.</summary>
    public void SubmitQuery()
    {
        var text = QueryInput.Trim();
        CancelTyping();
        if (text.Length == 0) return;
        try
        {
            RunQuery(text);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Status = e.Message;
        }
    }

    /// <summary>Up in the query box: the previous query of the history.</summary>
    public void HistoryPrevious()
    {
        if (!IsTyping || _history.Count == 0) return;
        _historyCursor = Math.Max(0, _historyCursor - 1);
        QueryInput = _history[_historyCursor];
    }

    /// <summary>Down in the query box: the next query of the history, or an empty box past the newest.</summary>
    public void HistoryNext()
    {
        if (!IsTyping || _history.Count == 0) return;
        _historyCursor = Math.Min(_history.Count, _historyCursor + 1);
        QueryInput = _historyCursor == _history.Count ? "" : _history[_historyCursor];
    }

    /// <summary>Sets the status line (e.g. "screenshot written").</summary>
    public void Report(string status) => Status = status;

    /// <summary>The top-down map of the index (with the answer's relevancy when there is one), built on first use; null without an index.</summary>
    public TopDownMap? Map()
    {
        var index = Content.Index;
        if (index is null) return null;
        if (_map is not null) return _map;
        var answer = Answer;
        var relevancy = answer?.Relevancy ?? Enumerable.Repeat(float.NaN, index.Points.Count).ToArray();
        _map = TopDownMap.Build(index.Points, index.Bounds, relevancy, answer?.Hits ?? [], answer?.Query ?? "");
        return _map;
    }

    /// <summary>The cameras of the views the index was built from (planned again from its build settings); empty without an index.</summary>
    public IReadOnlyList<Camera> ViewCameras() =>
        _viewCameras ??= Content.Index is { } index ? index.ViewCameras(Content.Scene) : [];

    private void RecolourPoints()
    {
        var answer = Answer;
        if (answer is null) return;
        var colours = new byte[answer.Relevancy.Count * 4];
        float low = MedianRelevancy, span = MaxRelevancy - MedianRelevancy;
        for (int i = 0; i < answer.Relevancy.Count; i++)
        {
            float r = answer.Relevancy[i];
            if (!(r >= Threshold)) continue;
            // The PLY map runs from 0.5 (cold) to 1 (hot); the display stretches [median, max] over it.
            float t = span > 1e-6f ? Math.Clamp((r - low) / span, 0f, 1f) : 1f;
            var (red, green, blue) = RelevancyPly.ColourOf(0.5f + 0.5f * t);
            colours[4 * i] = red;
            colours[4 * i + 1] = green;
            colours[4 * i + 2] = blue;
            colours[4 * i + 3] = 255;
        }
        _pointColours = colours;
        PointColourVersion++;
    }
}
