using BenchmarkDotNet.Running;
using Moderation.Benchmarks;

// dotnet run -c Release --project benchmarks/Moderation.Benchmarks -- --filter '*'   (rule engine, BenchmarkDotNet)
// dotnet run -c Release --project benchmarks/Moderation.Benchmarks -- limiter        (limiter vs redis-benchmark)
if (args is ["limiter", ..])
{
    await LimiterThroughput.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
