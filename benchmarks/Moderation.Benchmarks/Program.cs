using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Moderation.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
