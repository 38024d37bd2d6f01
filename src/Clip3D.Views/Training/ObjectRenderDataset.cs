using System.Numerics;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;
using Clip3D.Views.Rendering;

namespace Clip3D.Views.Training;

/// <summary>
/// Captioned single-object pictures for training and evaluating an image–text alignment: instances of the
/// <see cref="ObjectKinds"/> catalogue (kind × colour × proportions), each rendered alone — on a plain grey
/// background or standing on a floor — from several orbit viewpoints, with captions from
/// <see cref="ObjectCaptions"/>. Everything is a function of the seed: the same seed gives the same instances,
/// captions and pixels. Samples stream one instance at a time, so large sets need not sit in memory.
/// <para>
/// Hold-outs for evaluation: <see cref="HeldOutPairs"/> (colour × kind pairs no training instance has, drawn
/// from the seed), <see cref="ViewBand.HeldOut"/> (camera elevations training never shows), instance ids beyond
/// those used for training (unseen shapes), and synonyms (captions only ever use a kind's main name; evaluate with
/// <see cref="ObjectKind.Synonyms"/>).
/// </para>
/// </summary>
public sealed class ObjectRenderDataset
{
    private readonly HashSet<(int Kind, int Colour)> _heldOut = [];

    public ObjectRenderDataset(ulong seed, ObjectRenderOptions? options = null)
    {
        Seed = seed;
        Options = options ?? ObjectRenderOptions.Default;
        Options.Validate();
        // One random stream of its own, so the choice of held-out pairs does not shift any instance.
        var random = new DeterministicRandom(seed, ulong.MaxValue);
        foreach (var kind in ObjectKinds.All)
        {
            if (kind.Colours.Count < 3) continue;
            var colours = kind.Colours.ToList();
            for (int i = 0; i < Options.HeldOutColoursPerKind; i++)
            {
                var colour = colours[random.NextInt(colours.Count)];
                colours.Remove(colour);
                _heldOut.Add((kind.Id, colour.Id));
            }
        }
        HeldOutPairs = _heldOut.OrderBy(p => p).ToArray();
    }

    public ulong Seed { get; }

    public ObjectRenderOptions Options { get; }

    /// <summary>The (kind id, colour id) pairs excluded from <see cref="ObjectSplit.Train"/>, in order.</summary>
    public IReadOnlyList<(int Kind, int Colour)> HeldOutPairs { get; }

    /// <summary>Whether a kind in a colour is one of the <see cref="HeldOutPairs"/>.</summary>
    public bool IsHeldOut(ObjectKind kind, NamedColour colour) => _heldOut.Contains((kind.Id, colour.Id));

    /// <summary>
    /// <paramref name="count"/> instances with ids <paramref name="firstId"/>, <paramref name="firstId"/> + 1, …: kinds
    /// in turn (so every kind is equally common), colours drawn per instance from those the split allows.
    /// For <see cref="ObjectSplit.HeldOutPairs"/> the kinds are those with a held-out pair.
    /// </summary>
    public IEnumerable<ObjectInstance> Instances(ObjectSplit split, int count, int firstId = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(firstId);
        var kinds = split == ObjectSplit.Train
            ? ObjectKinds.All
            : ObjectKinds.All.Where(k => k.Colours.Any(c => IsHeldOut(k, c))).ToArray();
        if (kinds.Count == 0)
            throw new InvalidOperationException("No colour × kind pairs are held out (ObjectRenderOptions.HeldOutColoursPerKind is 0).");
        for (int id = firstId; id < firstId + count; id++)
        {
            var kind = kinds[id % kinds.Count];
            var colours = kind.Colours.Where(c => IsHeldOut(kind, c) == (split == ObjectSplit.HeldOutPairs)).ToArray();
            var random = new DeterministicRandom(Seed, (ulong)id);
            yield return new ObjectInstance(id, kind, colours[random.NextInt(colours.Length)], Seed);
        }
    }

    /// <summary>
    /// Renders every instance from <see cref="ObjectRenderOptions.ViewsPerInstance"/> viewpoints in
    /// <paramref name="band"/>, lazily: one instance is built and rendered per step of the enumeration. The
    /// renderer is created on the enumerating thread and disposed when the enumeration ends. <paramref name="layout"/>
    /// stages each instance (<see cref="ObjectLayout.HeldOutCorner"/> for pictures of layouts training never shows);
    /// an instance keeps its shape, colour, viewpoints and captions whatever the layout.
    /// </summary>
    /// <exception cref="RenderingUnavailableException">No headless OpenGL context can be created here.</exception>
    public IEnumerable<ObjectRenderSample> Render(IEnumerable<ObjectInstance> instances, ViewBand band = ViewBand.Train,
        ObjectLayout layout = ObjectLayout.Training)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var options = Options;
        // A transparent background: each view is composited over its own background colour afterwards.
        using var renderer = new HeadlessRenderer(new RenderOptions
        {
            Lighting = options.Lighting,
            Msaa = options.Msaa,
            BackgroundColor = Vector4.Zero,
        });
        var elevations = band == ViewBand.Train ? options.TrainElevations : options.HeldOutElevations;
        foreach (var instance in instances)
            foreach (var sample in RenderInstance(renderer, instance, elevations, band, layout))
                yield return sample;
    }

    private IEnumerable<ObjectRenderSample> RenderInstance(HeadlessRenderer renderer, ObjectInstance instance,
        (float Min, float Max) elevations, ViewBand band, ObjectLayout layout)
    {
        var options = Options;
        // Stream = instance id: the shape and staging of an instance do not depend on which others are rendered.
        var random = new DeterministicRandom(Seed, (ulong)instance.InstanceId);
        random.NextInt(instance.Kind.Colours.Count); // the colour draw of Instances
        var built = instance.Kind.Build(random, instance.Colour);
        bool onFloor = random.NextDouble() < options.FloorProbability;
        var objects = new List<DemoObject> { built };
        if (onFloor)
        {
            // Neutral floors (greys and wood-like browns, darkened), never as saturated as a named colour.
            double g = Uniform(random, 0.3, 0.75), warm = Uniform(random, 0, 0.12);
            objects.Add(DemoObjectScenes.Floor(built.Bounds, new Vector4((float)(g + warm), (float)g, (float)(g - warm), 1), 2.0));
        }
        if (layout == ObjectLayout.HeldOutCorner)
        {
            // Its own random stream, so that the instance's shape, views and captions stay those of the training layout.
            var corner = new DeterministicRandom(Seed, (ulong)(uint)instance.InstanceId | (1UL << 62));
            double g = Uniform(corner, 0.35, 0.7), wall = Uniform(corner, 0.75, 0.95);
            if (!onFloor)
                objects.Add(DemoObjectScenes.Floor(built.Bounds, new Vector4((float)g, (float)(g * 0.95), (float)(g * 0.85), 1), 2.0));
            objects.Add(DemoObjectScenes.Corner(built.Bounds, new Vector4((float)wall, (float)(wall * 0.97), (float)(wall * 0.9), 1)));
        }
        var scene = DemoObjectScenes.ToScene(objects, instance.Kind.NodeName);
        renderer.Upload(scene);
        var cameras = OrbitPlanner.Plan(built.Bounds, new OrbitOptions
        {
            Views = options.ViewsPerInstance,
            Width = options.ImageSize,
            Height = options.ImageSize,
            VerticalFovDegrees = (float)Uniform(random, 35, 50),
            MinElevationDegrees = elevations.Min,
            MaxElevationDegrees = elevations.Max,
            Margin = (float)Uniform(random, 1.0, 1.35),
            Seed = random.NextUInt32() | ((ulong)band << 32),
        });
        string size = SizeWord(instance.Kind, built.Bounds);
        for (int v = 0; v < cameras.Count; v++)
        {
            var view = renderer.Render(cameras[v]);
            double level = Uniform(random, 0.55, 0.95);
            var background = ((byte)(level * 255), (byte)(level * 255), (byte)(level * 255));
            var image = RgbImage.FromRgba(view.Colour, view.Width, view.Height, background);
            int covered = 0;
            foreach (int part in view.PartId)
                if (part == 0) covered++;
            var templates = new List<string>(ObjectCaptions.Plain);
            if (size.Length > 0) templates.AddRange(ObjectCaptions.Sized);
            if (onFloor) templates.AddRange(ObjectCaptions.OnFloor);
            string caption = ObjectCaptions.Fill(templates[random.NextInt(templates.Count)], instance.Kind.Name, instance.Colour.Name,
                size.Length > 0 ? size : null);
            yield return new ObjectRenderSample(image, caption, instance.Kind.Id, instance.Colour.Id, instance.InstanceId, v,
                (double)covered / (view.Width * view.Height));
        }
    }

    private static double Uniform(DeterministicRandom random, double min, double max) => min + (max - min) * random.NextDouble();

    /// <summary>"small" or "large" for an instance in the lower or upper third of its kind's size range, else "".</summary>
    private static string SizeWord(ObjectKind kind, Bounds bounds)
    {
        var s = bounds.Size;
        double largest = Math.Max(s.X, Math.Max(s.Y, s.Z));
        double t = (largest - kind.MinExtent) / (kind.MaxExtent - kind.MinExtent);
        return t < 1.0 / 3 ? "small" : t > 2.0 / 3 ? "large" : "";
    }
}
