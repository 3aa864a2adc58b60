using BenchmarkDotNet.Attributes;
using Moderation.Core.Rules;

namespace Moderation.Benchmarks;

/// <summary>Reading and compiling a rules file with 10,000 terms: what a reload costs.</summary>
[MemoryDiagnoser]
public class ReloadBenchmarks
{
    private string _content = null!;

    [GlobalSetup]
    public void Setup() => _content = Corpus.RulesWithTerms(Corpus.Terms(10_000));

    [Benchmark(Description = "parse and compile 10,000 terms + default rules")]
    public object Reload() => RuleSetParser.Parse(_content, "benchmark", DateTimeOffset.UnixEpoch, Corpus.RulesDirectory);
}
