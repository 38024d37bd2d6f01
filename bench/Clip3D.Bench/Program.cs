using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*'
// Query latency percentiles: dotnet run -c Release --project bench/Clip3D.Bench -- query-latency [POINTS…]
if (args.Length > 0 && args[0] == "query-latency")
    Clip3D.Bench.QueryLatency.Run(args[1..]);
else
    BenchmarkSwitcher.FromAssembly(typeof(Clip3D.Bench.MeshLoadingBenchmarks).Assembly).Run(args);
