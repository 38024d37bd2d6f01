using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*'
// Query latency percentiles: dotnet run -c Release --project bench/Clip3D.Bench -- query-latency [POINTS…]
// Long fuzz run of every reader: dotnet run -c Release --project bench/Clip3D.Bench -- fuzz --cases 100000 [--seed S] [--json FILE]
if (args.Length > 0 && args[0] == "fuzz")
    return Clip3D.Bench.FuzzRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "query-latency")
    Clip3D.Bench.QueryLatency.Run(args[1..]);
else
    BenchmarkSwitcher.FromAssembly(typeof(Clip3D.Bench.MeshLoadingBenchmarks).Assembly).Run(args);
return 0;
