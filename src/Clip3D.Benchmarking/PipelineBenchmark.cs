using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Clip3D.Benchmarking.Inputs;
using Clip3D.Encoders.Default;
using Clip3D.Fields.Compression;
using Clip3D.Fields.Field;
using Clip3D.Fields.Tests.Field;
using Clip3D.Indexing;
using Clip3D.Mesh;
using Clip3D.Mesh.Demo;
using Clip3D.Mesh.Sampling;
using Clip3D.Navigation;
using Clip3D.Querying;
using Clip3D.Views.Cameras;
using Clip3D.Views.Encoders;
using Clip3D.Views.Features;
using Clip3D.Views.Fusion;
using Clip3D.Views.Rendering;

namespace Clip3D.Benchmarking;

/// <summary>
/// The pipeline benchmark behind <c>clip3d bench</c>: every stage on generated inputs, each figure beside a baseline
/// measured in the same run (reading the file's bytes for the readers, an empty frame for the renderer, the SIMD C#
/// trainer for the ILGPU one, brute-force cosine for queries, and the measured memory-scan bandwidth and dot-product
/// FLOP rate as physical bounds), with each stage's memory (<see cref="StageMemory"/>). Rates are the median of the
/// timed runs after a warm-up (JIT, caches, sessions), so one slow run on a shared machine does not move them.
/// Runs on the calling thread (the renderer's OpenGL context belongs to it).
/// </summary>
public static class PipelineBenchmark
{
    private const int RenderSize = 512;
    private const int QueryDimension = QueryBenchIndex.Dimension;

    /// <summary>FLOPs of one ResNet-18 forward pass at 224² (1.82 G multiply-adds), the default encoder's image tower.</summary>
    private const double ResNet18Flops = 3.64e9;

    /// <exception cref="RenderingUnavailableException">No headless OpenGL context can be made here.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (between figures).</exception>
    public static BenchReport Run(PipelineBenchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= PipelineBenchOptions.Default;
        options.Validate();
        var sizes = options.Quick ? BenchSizes.Quick : BenchSizes.Full;
        var clock = Stopwatch.StartNew();
        var run = new BenchRun(options, sizes, cancellationToken);
        var machine = MachineInfo.Describe();
        run.Stage("bounds", run.Bounds);
        run.Stage("loading", run.Loading);
        run.Stage("rendering", run.Rendering);
        using (var encoder = DefaultEncoder.Open())
        {
            run.Stage("encoding", () => run.Encoding(encoder, machine.Gpu is not null));
            run.Stage("dense features", () => run.DenseFeatures(encoder));
            run.Stage("fusion", run.Fusion);
            run.Stage("field", () => run.Field(machine.Gpu is not null));
            run.Stage("query", () => run.Queries(encoder));
            run.Stage("build", () => run.Build(encoder));
        }
        return new BenchReport(machine with { Accelerator = run.Accelerators, Renderer = run.Renderer }, run.Results, options.Quick,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>"10k", "100k", "1m", or the plain number below a thousand.</summary>
    internal static string Count(int n) => n switch
    {
        >= 1_000_000 when n % 1_000_000 == 0 => $"{n / 1_000_000}m",
        >= 1_000 when n % 1_000 == 0 => $"{n / 1_000}k",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private sealed class BenchRun(PipelineBenchOptions options, BenchSizes sizes, CancellationToken cancellationToken)
    {
        private readonly List<BenchResult> _results = [];
        private double _scanBytesPerSecond;
        private double _flopsPerSecond;
        private double _imagesPerSecond;

        public IReadOnlyList<BenchResult> Results => _results;

        /// <summary>The crop pyramid of the feature, fusion and build figures.</summary>
        private CropPyramidOptions Pyramid => sizes.DenseQuick ? CropPyramidOptions.Default with { Scales = [0.8f] } : CropPyramidOptions.Default;

        public List<string> Accelerators { get; } = [];

        public string? Renderer { get; private set; }

        /// <summary>Runs one stage with its memory meter; its figures get the stage's name and memory.</summary>
        public void Stage(string name, Func<IEnumerable<BenchResult>> body)
        {
            cancellationToken.ThrowIfCancellationRequested();
            options.Log?.Invoke($"{name}…");
            // A collection first, so the stage's GC and working-set figures start from what is really live.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var meter = new StageMemoryMeter();
            long start = Stopwatch.GetTimestamp();
            List<BenchResult> figures;
            StageMemory stageMemory;
            try
            {
                figures = body().ToList();
            }
            finally
            {
                // The sampling thread stops whether the stage finished or threw.
                stageMemory = meter.Stop();
            }
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"  ({name}: {Stopwatch.GetElapsedTime(start).TotalSeconds:0.0} s)"));
            foreach (var figure in figures)
            {
                var result = figure with { Stage = name, Memory = stageMemory };
                _results.Add(result);
                options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"  {result.Name}: {result.Value:G4} {result.Unit}{(result.Ratio is { } r ? $" ({r:0.###} × {result.BaselineName})" : "")}"));
            }
        }

        // ---- physical bounds -------------------------------------------------------------------------------

        /// <summary>
        /// A sum over a buffer far larger than the caches on one core (the readers run on one core) and a dot product
        /// of two 4k-float vectors that stay in L1, on every core at once (the field kernels use every core).
        /// </summary>
        public IEnumerable<BenchResult> Bounds()
        {
            var buffer = new float[sizes.ScanFloats];
            for (int i = 0; i < buffer.Length; i += 1024) buffer[i] = 1; // touch every page before timing
            float sink = 0;
            var scan = Time(9, () => sink += TensorPrimitives.Sum(buffer));
            _scanBytesPerSecond = buffer.Length * 4.0 / scan.Min();
            yield return new BenchResult
            {
                Name = "bound.memory_scan", Value = _scanBytesPerSecond / 1e9, Unit = "GB/s",
                Notes = $"sum of {buffer.Length * 4L / (1 << 20)} MiB of floats on one core, fastest of 9{Sink(sink)}",
            };

            // Short runs on one thread, the fastest of many: on a shared machine some run gets a core to itself. The
            // kernels use every core, so the bound is that per-core rate times the cores.
            const int length = 4096, repeats = 500, runs = 60;
            var a = Enumerable.Range(0, length).Select(i => 1f + i % 7 * 1e-3f).ToArray();
            var b = Enumerable.Range(0, length).Select(i => 1f - i % 5 * 1e-3f).ToArray();
            float dotSink = 0;
            var dot = Time(runs, () =>
            {
                for (int r = 0; r < repeats; r++) dotSink += DotProductKernel.Dot(a, b);
            });
            double perCore = 2.0 * length * repeats / dot.Min();
            _flopsPerSecond = perCore * Environment.ProcessorCount;
            yield return new BenchResult
            {
                Name = "bound.dot_flops", Value = _flopsPerSecond / 1e9, Unit = "GFLOP/s",
                Notes = string.Create(CultureInfo.InvariantCulture,
                    $"dot product of two {length}-float vectors (in L1), {DotProductKernel.Width} with 8 accumulators: {perCore / 1e9:0.0} GFLOP/s on one core (fastest of {runs}) × {Environment.ProcessorCount} cores{Sink(dotSink)}"),
            };
        }

        // ---- loading ---------------------------------------------------------------------------------------

        /// <summary>MB/s per format through <see cref="SceneReader.Load"/>, beside reading the same file's bytes.</summary>
        public IEnumerable<BenchResult> Loading()
        {
            var files = BenchmarkMeshes.EnsureWritten(Path.Combine(options.WorkFolder, "meshes"), sizes.MeshQuadsX, sizes.MeshQuadsY);
            foreach (var (format, path) in new[] { ("obj", files.Obj), ("glb", files.Glb), ("stl", files.Stl), ("ply", files.Ply) })
            {
                cancellationToken.ThrowIfCancellationRequested();
                double megabytes = new FileInfo(path).Length / 1e6;
                SceneReader.Load(path);
                var load = Time(sizes.LoadRuns, () => SceneReader.Load(path));
                File.ReadAllBytes(path);
                var read = Time(sizes.LoadRuns, () => File.ReadAllBytes(path));
                yield return new BenchResult
                {
                    Name = "load." + format, Value = megabytes / Median(load), Unit = "MB/s",
                    Baseline = megabytes / Median(read), BaselineName = "reading the file's bytes",
                    Notes = string.Create(CultureInfo.InvariantCulture,
                        $"{Count(files.Triangles)}-triangle height field, {megabytes:0.0} MB{(format is "stl" or "ply" ? " binary" : "")}; " +
                        $"parse, validate, Z-up conversion, normals; page cache warm; memory scan {_scanBytesPerSecond / 1e9:0.0} GB/s"),
                };
            }
        }

        // ---- rendering -------------------------------------------------------------------------------------

        /// <summary>Views/s at 512² (every attachment read back) per sphere, beside clearing and reading back an empty frame.</summary>
        public IEnumerable<BenchResult> Rendering()
        {
            var folder = Path.Combine(options.WorkFolder, "render");
            using var renderer = new HeadlessRenderer();
            Renderer = renderer.Description;
            // The fixed cost: a camera that looks away from a tiny sphere draws nothing, so a view is the clears, the
            // passes' setup and the read-back of every attachment.
            // llvmpipe compiles its shader variants at the first draws: a few frames of the smallest sphere first.
            var tiny = SceneReader.Load(RenderBenchmarkScenes.EnsureWritten(folder, 8, doubleSided: false));
            renderer.Upload(tiny);
            foreach (var camera in OrbitPlanner.Plan(tiny, OrbitOptions.Default with { Views = 3, Width = RenderSize, Height = RenderSize }))
                renderer.Render(camera);
            var intrinsics = CameraIntrinsics.FromVerticalFov(RenderSize, RenderSize, 50);
            var away = new Camera(intrinsics, CameraPose.LookAt(new Vector3(0, -4, 0), new Vector3(0, -8, 0)));
            for (int i = 0; i < 5; i++) renderer.Render(away);
            var empty = Time(sizes.RenderRuns, () => renderer.Render(away));
            double emptyRate = 1 / Median(empty);
            foreach (int triangles in sizes.RenderTriangles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var scene = SceneReader.Load(RenderBenchmarkScenes.EnsureWritten(folder, triangles, doubleSided: false));
                var cameras = OrbitPlanner.Plan(scene, OrbitOptions.Default with { Views = 8, Width = RenderSize, Height = RenderSize });
                renderer.Upload(scene);
                renderer.Render(cameras[0]);
                renderer.Render(cameras[1]);
                int next = 0;
                var times = Time(sizes.RenderRuns, () => renderer.Render(cameras[next++ % cameras.Count]));
                yield return new BenchResult
                {
                    Name = "render." + Count(triangles), Value = 1 / Median(times), Unit = "views/s",
                    Baseline = emptyRate, BaselineName = "clear and read back an empty frame",
                    Notes = $"sphere of {scene.TriangleCount:N0} triangles, 512×512, colour + depth + position + normal + part + triangle ids read back; {renderer.Description}",
                };
            }
        }

        // ---- encoding --------------------------------------------------------------------------------------

        /// <summary>Images/s (beside ResNet-18's FLOPs at the measured FLOP rate) and texts/s of the default encoder.</summary>
        public IEnumerable<BenchResult> Encoding(DefaultEncoder encoder, bool cuda)
        {
            var random = new Random(1);
            var images = Enumerable.Range(0, sizes.EncodeImages).Select(_ =>
            {
                var rgb = new byte[640 * 480 * 3]; // a rendered view's size; the preprocessor resizes and crops it
                random.NextBytes(rgb);
                return new RgbImage(640, 480, rgb);
            }).ToArray();
            string[] objects = ["chair", "table", "red mug", "lamp", "sofa", "door", "plant", "bottle"];
            var texts = Enumerable.Range(0, sizes.EncodeTexts).Select(i => $"a photo of a {objects[i % objects.Length]} number {i}").ToArray();
            encoder.EmbedImages(images.Take(2).ToArray(), cancellationToken);
            encoder.EmbedTexts(texts.Take(2).ToArray(), cancellationToken);
            var imageTimes = Time(sizes.EncodeRuns, () => encoder.EmbedImages(images, cancellationToken));
            _imagesPerSecond = images.Length / Median(imageTimes);
            yield return new BenchResult
            {
                Name = "encode.images", Value = _imagesPerSecond, Unit = "images/s",
                Baseline = _flopsPerSecond / ResNet18Flops, BaselineName = "ResNet-18's 3.64 GFLOP at the measured dot-product rate",
                Notes = $"default encoder ({encoder.ExecutionProvider}), batch of {images.Length} 640×480 images, preprocessing included",
            };
            var textTimes = Time(sizes.EncodeRuns, () => encoder.EmbedTexts(texts, cancellationToken));
            double textsPerSecond = texts.Length / Median(textTimes);
            yield return new BenchResult
            {
                Name = "encode.texts", Value = textsPerSecond, Unit = "texts/s",
                Notes = $"default encoder (MiniLM), batch of {texts.Length} short texts, tokenisation included",
            };
            if (!cuda)
                yield break;

            // The same towers through ONNX Runtime's CUDA provider, against the CPU figures above. Where CUDA cannot load
            // (no CUDA 13 or cuDNN 9), the encoder falls back to the CPU: that is logged and no CUDA figure is made up.
            using var gpuEncoder = DefaultEncoder.Open(options: Encoders.OnnxEncoderOptions.Default with { ExecutionProvider = Encoders.OnnxExecutionProvider.Cuda });
            if (gpuEncoder.ExecutionProvider != Encoders.OnnxExecutionProvider.Cuda)
            {
                options.Log?.Invoke($"  ONNX Runtime could not use CUDA here (the encoder runs on {gpuEncoder.ExecutionProvider}); no CUDA encoder figures");
                yield break;
            }
            gpuEncoder.EmbedImages(images.Take(2).ToArray(), cancellationToken);
            gpuEncoder.EmbedTexts(texts.Take(2).ToArray(), cancellationToken);
            var gpuImages = Time(sizes.EncodeRuns, () => gpuEncoder.EmbedImages(images, cancellationToken));
            yield return new BenchResult
            {
                Name = "encode.images.cuda", Value = images.Length / Median(gpuImages), Unit = "images/s",
                Baseline = _imagesPerSecond, BaselineName = "the same encoder on the CPU",
                Notes = $"default encoder on ONNX Runtime's CUDA provider, batch of {images.Length} 640×480 images, preprocessing (CPU) included",
            };
            var gpuTexts = Time(sizes.EncodeRuns, () => gpuEncoder.EmbedTexts(texts, cancellationToken));
            yield return new BenchResult
            {
                Name = "encode.texts.cuda", Value = texts.Length / Median(gpuTexts), Unit = "texts/s",
                Baseline = textsPerSecond, BaselineName = "the same encoder on the CPU",
                Notes = $"default encoder (MiniLM) on ONNX Runtime's CUDA provider, batch of {texts.Length} short texts",
            };
        }

        /// <summary>Views/s of the crop-pyramid features, beside the rate the encoder alone allows for that many crops.</summary>
        public IEnumerable<BenchResult> DenseFeatures(DefaultEncoder encoder)
        {
            var views = FusionBenchScene.Render(FusionBenchScene.Build());
            var preset = Pyramid;
            var extractor = new ViewFeatureExtractor(encoder, preset);
            int crops = 0;
            int next = 0;
            var times = Time(sizes.DenseViews, () =>
            {
                var features = extractor.Extract(views[next++ % views.Length], cancellationToken);
                crops = features.CropCount + features.PartCropCount;
            });
            yield return new BenchResult
            {
                Name = "features.dense" + (sizes.DenseQuick ? ".quick" : ""), Value = 1 / Median(times), Unit = "views/s",
                Baseline = _imagesPerSecond / crops, BaselineName = "the encoder's images/s over the crops per view",
                Notes = $"{(sizes.DenseQuick ? "one-scale (0.8)" : "default")} crop pyramid on 640×480 views, {crops} crops per view (pyramid + part masks), default encoder",
            };
        }

        // ---- fusion ----------------------------------------------------------------------------------------

        /// <summary>Surface points/s of fusing four views' 384-d features (visibility, weights, per-level and pooled).</summary>
        public IEnumerable<BenchResult> Fusion()
        {
            var scene = FusionBenchScene.Build();
            var rendered = FusionBenchScene.Render(scene);
            using var encoder = new RandomFeatureEncoder(QueryDimension);
            var extractor = new ViewFeatureExtractor(encoder, Pyramid);
            var views = rendered.Select(v => (v, extractor.Extract(v, cancellationToken))).ToArray();
            var points = SurfaceSampler.Sample(scene, sizes.FusionPoints, seed: 1);
            FeatureFusion.Fuse(points, views);
            var times = Time(sizes.FusionRuns, () => FeatureFusion.Fuse(points, views));
            yield return new BenchResult
            {
                Name = "fusion." + Count(sizes.FusionPoints), Value = sizes.FusionPoints / Median(times), Unit = "points/s",
                Notes = $"{sizes.FusionPoints:N0} points, {views.Length} views of 640×480, D = {QueryDimension}, {(sizes.DenseQuick ? "one-scale" : "default")} crop pyramid (random features)",
            };
        }

        // ---- field -----------------------------------------------------------------------------------------

        /// <summary>
        /// The Lite network (K = 48) on the Fields tests' two-box scene: training samples/s and seconds to 0.9 batch
        /// fidelity by ILGPU (CPU accelerator, and CUDA where there is a device) against the SIMD C# trainer, the SIMD
        /// trainer against the MLP's FLOPs at the measured rate, and evaluation points/s against the same FLOP bound.
        /// </summary>
        public IEnumerable<BenchResult> Field(bool cuda)
        {
            var scene = FieldTestScene.Create(sizes.FieldPoints, seed: 1);
            var compression = FeatureCompression.Fit(scene.Features, FieldTestScene.Dimension, 48);
            var data = new FieldTrainingData(scene.Positions, scene.Normals, compression.Compress(scene.Features), 48);
            var config = FieldConfig.For(FieldPreset.Lite) with
            {
                CompressedDimension = 48, Steps = sizes.FieldSteps, BatchSize = sizes.FieldBatch, LogEvery = sizes.FieldLogEvery,
            };
            string network = $"Lite network ({config.Levels} levels × {config.FeaturesPerLevel}, 2^{config.Log2TableSize} entries, MLP {config.MlpWidth}×{config.HiddenLayers}, K = 48), " +
                             $"{sizes.FieldSteps} steps × {config.BatchSize} samples on {sizes.FieldPoints:N0} points of the two-box scene";
            double forwardFlops = 2.0 * (config.InputDimension * config.MlpWidth + (config.HiddenLayers - 1) * config.MlpWidth * config.MlpWidth
                                         + config.MlpWidth * config.CompressedDimension);
            // Forward, then the gradients of inputs and of weights: three matrix products per layer.
            double trainFlops = 3 * forwardFlops;
            double evalFlops = forwardFlops + 2.0 * config.CompressedDimension * compression.Dimension;

            var simd = new SimdFieldTrainer(config).Train(data, compression, scene.Bounds, cancellationToken: cancellationToken);
            simd.Field.Dispose();
            Accelerators.Add("SIMD C# (System.Numerics.Tensors)");
            yield return new BenchResult
            {
                Name = "field.train.simd", Value = simd.Summary.SamplesPerSecond, Unit = "samples/s",
                Baseline = _flopsPerSecond / trainFlops, BaselineName = $"the MLP's {trainFlops / 1e3:0.#}k FLOP per sample at the measured dot-product rate",
                Notes = network + "; training loop only",
            };
            double simdToFidelity = SecondsToFidelity(simd.Summary);
            yield return new BenchResult
            {
                Name = "field.fidelity90.simd", Value = simdToFidelity, Unit = "s", Direction = BenchDirection.LowerIsBetter,
                Notes = $"until the batch's mean cosine to the targets first reached 0.9 (logged every {config.LogEvery} steps)",
            };

            // The ILGPU trainer runs the same network from the same seed: it needs as many steps as the SIMD one took to
            // reach 0.9, and some margin; on the CPU accelerator, which is several times slower, no more than that.
            int stepsTo90 = simd.Summary.Losses.First(l => 1 - l.Loss >= 0.9).Step;
            var kernelConfig = config with { Steps = Math.Min(config.Steps, stepsTo90 * 3 / 2 + 2 * config.LogEvery) };
            var accelerators = cuda ? new[] { FieldAccelerator.Cpu, FieldAccelerator.Cuda } : [FieldAccelerator.Cpu];
            double? cpuEvalRate = null;
            foreach (var accelerator in accelerators)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var trained = new FieldTrainer(kernelConfig with { Accelerator = accelerator }).Train(data, compression, scene.Bounds, cancellationToken: cancellationToken);
                using var field = trained.Field;
                Accelerators.Add(trained.Summary.Accelerator);
                string kind = accelerator == FieldAccelerator.Cuda ? "cuda" : "cpu";
                yield return new BenchResult
                {
                    Name = $"field.train.ilgpu_{kind}", Value = trained.Summary.SamplesPerSecond, Unit = "samples/s",
                    Baseline = simd.Summary.SamplesPerSecond, BaselineName = "the SIMD C# trainer",
                    Notes = string.Create(CultureInfo.InvariantCulture,
                        $"{trained.Summary.Accelerator}; {network} ({kernelConfig.Steps} steps here: 1.5 × the SIMD trainer's steps to 0.9); training loop only (opening the accelerator and compiling the kernels took {trained.Summary.SetupSeconds:0.00} s)"),
                };
                yield return new BenchResult
                {
                    Name = $"field.fidelity90.ilgpu_{kind}", Value = SecondsToFidelity(trained.Summary), Unit = "s",
                    Direction = BenchDirection.LowerIsBetter, Baseline = simdToFidelity, BaselineName = "the SIMD C# trainer",
                    Notes = $"{trained.Summary.Accelerator}; training loop only",
                };

                var random = new DeterministicRandom(3);
                var queries = Enumerable.Range(0, sizes.EvalPoints)
                    .Select(_ => scene.Bounds.Min + new Vector3(random.NextSingle(), random.NextSingle(), random.NextSingle()) * scene.Bounds.Size).ToArray();
                var features = new float[queries.Length * compression.Dimension];
                field.Evaluate(queries, features);
                var times = Time(sizes.EvalRuns, () => field.Evaluate(queries, features));
                double rate = queries.Length / Median(times);
                yield return new BenchResult
                {
                    Name = $"field.eval.{kind}", Value = rate, Unit = "points/s",
                    Baseline = cpuEvalRate ?? _flopsPerSecond / evalFlops,
                    BaselineName = cpuEvalRate is null
                        ? $"the MLP and decoding's {evalFlops / 1e3:0.#}k FLOP per point at the measured dot-product rate"
                        : "the ILGPU CPU accelerator's evaluation",
                    Notes = $"{trained.Summary.Accelerator}; {queries.Length:N0} random points in the box, decoded to unit {compression.Dimension}-d features",
                };
                cpuEvalRate ??= rate;
            }
        }

        private double SecondsToFidelity(FieldTrainingSummary summary) =>
            summary.SecondsToFidelity(0.9) ?? throw new InvalidOperationException(
                $"{summary.Accelerator}: the field never reached 0.9 batch fidelity in {summary.Steps} steps (last loss {summary.LastLoss:0.0000}); " +
                $"the benchmark's step count ({sizes.FieldSteps}) is too small for this network");

        // ---- queries and navigation ------------------------------------------------------------------------

        /// <summary>
        /// Query latency p50/p99 (a text asked before: its embedding is cached) from the fused points and from the field,
        /// beside brute-force cosine of the text against every fused point; then a top-down map and goal pose.
        /// </summary>
        public IEnumerable<BenchResult> Queries(DefaultEncoder defaultEncoder)
        {
            using var encoder = new MemoizingTextEncoder(defaultEncoder);
            foreach (int count in sizes.QueryPoints)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var index = QueryBenchIndex.Create(count, encoder, withField: true);
                // Each new text costs a prompt ensemble (80 templates through MiniLM) once: a few names keep that short.
                var names = QueryBenchIndex.Objects.Take(sizes.QueryNames).ToArray();
                var text = PromptEnsemble.Embed(encoder, "sofa");
                var feature = new float[QueryDimension];
                var scores = new float[count];
                var fused = index.Fused;
                void BruteForce()
                {
                    for (int i = 0; i < count; i++)
                    {
                        if (!fused.HasFeature(i)) { scores[i] = 0; continue; }
                        TensorPrimitives.ConvertToSingle(fused.Feature(i), feature);
                        scores[i] = TensorPrimitives.CosineSimilarity(feature, text);
                    }
                }
                BruteForce();
                var brute = Time(Math.Max(3, sizes.QueryRuns / 5), BruteForce);
                double bruteMs = Median(brute) * 1e3;

                foreach (var source in new[] { RelevancySource.Fused, RelevancySource.Field })
                {
                    var queryOptions = QueryOptions.Default with { Source = source };
                    // Every name once (embeddings cached, the field's codes at the points computed), then the JIT's optimised code.
                    foreach (var name in names) index.Query(name, queryOptions, cancellationToken);
                    int next = 0;
                    Time(Math.Max(4, sizes.QueryRuns / 4), () => index.Query(names[next++ % names.Length], queryOptions, cancellationToken));
                    var times = Time(sizes.QueryRuns, () => index.Query(names[next++ % names.Length], queryOptions, cancellationToken));
                    double p50 = Percentile(times, 0.5) * 1e3, p99 = Percentile(times, 0.99) * 1e3;
                    yield return new BenchResult
                    {
                        Name = $"query.{(source == RelevancySource.Field ? "field" : "fused")}.{Count(count)}", Value = p50, Unit = "ms",
                        Direction = BenchDirection.LowerIsBetter, P50 = p50, P99 = p99,
                        Baseline = bruteMs, BaselineName = "brute-force cosine over the fused points",
                        Notes = $"{count:N0} points, {QueryDimension}-d features, default options (relevancy against the negatives, hits); " +
                                $"text cached ({names.Length} object names in turn); p50 of {times.Length} queries; brute force: ConvertToSingle + CosineSimilarity per point, one thread",
                    };
                }

                var answer = index.Query("sofa", QueryOptions.Default with { Source = RelevancySource.Fused }, cancellationToken);
                var goalOptions = GoalPoseOptions.Default with { RobotRadius = 0.25f };
                GoalPlanner.GoalPose(TopDownMap.Build(index, answer), goalOptions);
                var navigation = Time(sizes.MapRuns, () => GoalPlanner.GoalPose(TopDownMap.Build(index, answer), goalOptions));
                yield return new BenchResult
                {
                    Name = "nav.map_goal." + Count(count), Value = Percentile(navigation, 0.5) * 1e3, Unit = "ms",
                    Direction = BenchDirection.LowerIsBetter, P50 = Percentile(navigation, 0.5) * 1e3, P99 = Percentile(navigation, 0.99) * 1e3,
                    Notes = $"top-down map (default {TopDownMapOptions.Default.Resolution} m cells) of an answered query over {count:N0} points, then a goal pose (0.25 m robot)",
                };
            }
        }

        // ---- end to end ------------------------------------------------------------------------------------

        /// <summary>The demo's build of the room (full run) or a reduced build of the tabletop (quick run), from the GLB file.</summary>
        public IEnumerable<BenchResult> Build(DefaultEncoder encoder)
        {
            var folder = Path.Combine(options.WorkFolder, "scenes");
            string sceneName = sizes.ReducedBuild ? TabletopScene.Name : RoomScene.Name;
            var files = DemoScenes.Write(sceneName, folder);
            // No feature cache: a warm one would skip the rendering and embedding this figure is about.
            var buildOptions = sizes.ReducedBuild
                ? BuildOptions.Default with
                {
                    Preset = BuildPreset.Lite, Views = 1, ImageWidth = 320, ImageHeight = 240, SurfacePoints = 3000, FieldSteps = 20, Pyramid = Pyramid,
                    FeatureCacheDirectory = "",
                }
                : BuildOptions.Default with { FeatureCacheDirectory = "" };
            var clock = Stopwatch.StartNew();
            using var index = SceneIndex.BuildAsync(files.GlbPath, encoder, buildOptions, null, cancellationToken).GetAwaiter().GetResult();
            double seconds = clock.Elapsed.TotalSeconds;
            var t = index.Timings;
            yield return new BenchResult
            {
                Name = sizes.ReducedBuild ? "build.tabletop_reduced" : "build.room_demo", Value = seconds, Unit = "s",
                Direction = BenchDirection.LowerIsBetter,
                Notes = (sizes.ReducedBuild
                    ? "reduced build of the tabletop demo scene: Lite preset, 1 view of 320×240, one crop scale (0.8) and the part crops, 3,000 points, 20 field steps, no feature cache"
                    : "the room demo's build with the default options (as clip3d demo), no feature cache") +
                    (t is null ? "" : string.Create(CultureInfo.InvariantCulture,
                        $"; load {t.LoadSeconds:0.0} s, views {t.ViewSeconds:0.0} s ({t.Views} views, {t.Crops} crops), fuse {t.FuseSeconds:0.0} s, field {t.FieldSeconds:0.0} s")),
            };
        }

        // ---- timing ----------------------------------------------------------------------------------------

        /// <summary>Seconds of each of <paramref name="runs"/> calls, sorted.</summary>
        private double[] Time(int runs, Action body)
        {
            var times = new double[Math.Max(1, runs)];
            for (int i = 0; i < times.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long start = Stopwatch.GetTimestamp();
                body();
                times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            Array.Sort(times);
            return times;
        }

        private static double Median(double[] sorted) => Percentile(sorted, 0.5);

        private static double Percentile(double[] sorted, double p) =>
            sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

        private static string Sink(float value) => float.IsNaN(value) ? " (NaN)" : "";
    }
}
