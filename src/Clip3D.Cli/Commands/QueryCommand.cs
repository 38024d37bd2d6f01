using System.CommandLine;
using System.Globalization;
using Clip3D.Export;
using Clip3D.Indexing;
using Clip3D.Querying;

namespace Clip3D.Cli.Commands;

/// <summary>
/// <c>clip3d query X.c3d TEXT [--top K] [--source auto|fused|field|ensemble] [--cluster voxel|dbscan] [--export FILE]… [--json]</c>: where is TEXT in the indexed
/// scene — hits with label, score, centroid, box and point count (world frame, Z up, metres). Each <c>--export</c> writes
/// one file in the format of its extension (<see cref="QueryExport"/>: .ply, .glb, .gltf, .json, .npy).
/// </summary>
internal static class QueryCommand
{
    public static Command Create(CliOutput io)
    {
        var index = new Argument<string>("INDEX") { Description = "A .c3d index from clip3d build." };
        var text = new Argument<string>("TEXT") { Description = "What to look for, e.g. \"the red mug\"." };
        var top = new Option<int>("--top") { HelpName = "K", Description = "Hits to return.", DefaultValueFactory = _ => QueryOptions.Default.MaxHits };
        var source = new Option<string>("--source") { HelpName = "auto|fused|field|ensemble", Description = "Features to score (auto: the field when the index has one).", DefaultValueFactory = _ => "auto" };
        var cluster = new Option<string>("--cluster") { HelpName = "voxel|dbscan", Description = "How relevant points form hits: connected voxels, or DBSCAN (drops sparse noise).", DefaultValueFactory = _ => "voxel" };
        var export = new Option<string[]>("--export")
        {
            HelpName = "FILE",
            Description = "Also write the answer to FILE, in the format of its extension: .ply or .glb/.gltf (points coloured by relevancy), .json (the hits document), .npy (per-point relevancy, float32). May be given several times.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document: {\"query\", \"source\", \"hits\": [{\"label\", \"score\", \"position\", \"bbox\", \"points\"}]}." };
        var command = new Command("query", "Find a text query in an indexed scene.") { index, text, top, source, cluster, export, json };
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(index)!;
            var query = result.GetValue(text)!;
            int k = result.GetValue(top);
            if (k < 1) throw new CliInputException($"--top: expected 1 or more, got {k}");
            if (string.IsNullOrWhiteSpace(query)) throw new CliInputException("TEXT: the query is empty");
            var sourceName = result.GetValue(source)!;
            var relevancySource = sourceName.ToLowerInvariant() switch
            {
                "auto" => RelevancySource.Auto,
                "fused" => RelevancySource.Fused,
                "field" => RelevancySource.Field,
                "ensemble" => RelevancySource.Ensemble,
                _ => throw new CliInputException($"--source: expected auto, fused, field or ensemble, got '{sourceName}'"),
            };
            var clusterName = result.GetValue(cluster)!;
            var clustering = clusterName.ToLowerInvariant() switch
            {
                "voxel" => ClusteringMethod.VoxelComponents,
                "dbscan" => ClusteringMethod.Dbscan,
                _ => throw new CliInputException($"--cluster: expected voxel or dbscan, got '{clusterName}'"),
            };
            // Export paths are checked before the index loads, so a typo costs no query.
            var exportPaths = result.GetValue(export) ?? [];
            foreach (var exportPath in exportPaths)
            {
                try { QueryExport.CheckExtension(exportPath); }
                catch (ArgumentException e) { throw new CliInputException($"--export: {e.Message}"); }
                if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(exportPath))))
                    throw new CliInputException($"--export: the folder of {exportPath} does not exist");
            }
            if (!File.Exists(path)) throw new CliInputException($"{path}: no such file");
            using var scene = SceneIndex.Load(path);
            if (relevancySource is RelevancySource.Field or RelevancySource.Ensemble && scene.Field is null)
                throw new CliInputException($"--source {sourceName}: {path} has no neural field (built with --no-field)");
            var answer = scene.Query(query, QueryOptions.Default with { MaxHits = k, Source = relevancySource, Clustering = clustering }, cancellationToken);
            foreach (var exportPath in exportPaths)
            {
                QueryExport.Write(exportPath, scene, answer);
                io.Err.WriteLine($"wrote {exportPath}");
            }
            if (result.GetValue(json))
            {
                io.Out.WriteLine(HitsJson.Serialize(answer));
                return Task.FromResult(CliApp.ExitOk);
            }
            if (answer.Hits.Count == 0)
                io.Out.WriteLine($"no hits for \"{query}\" (nothing more relevant than the negatives)");
            foreach (var h in answer.Hits)
                io.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{h.Score:F3}  {h.Label,-16} at ({h.Position.X:F2}, {h.Position.Y:F2}, {h.Position.Z:F2}) m, box {h.Box.Size.X:F2}×{h.Box.Size.Y:F2}×{h.Box.Size.Z:F2} m, {h.Points} points"));
            return Task.FromResult(CliApp.ExitOk);
        });
        return command;
    }
}
