using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/Clip3D.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Clip3D.Bench.MeshLoadingBenchmarks).Assembly).Run(args);
