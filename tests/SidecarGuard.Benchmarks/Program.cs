using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/SidecarGuard.Benchmarks -- --filter '*'   (all benchmarks)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
