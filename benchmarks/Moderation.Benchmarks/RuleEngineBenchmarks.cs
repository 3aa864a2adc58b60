using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Moderation.Core.Rules;

namespace Moderation.Benchmarks;

/// <summary>
/// One comment through the whole rule set (default rules plus a term list of N terms), next to
/// the naive approach: one compiled regex alternation of all the terms, with no evasion handling.
/// </summary>
[MemoryDiagnoser]
public class RuleEngineBenchmarks
{
    private RuleSet _rules = null!;
    private Regex _naive = null!;

    [Params(100, 5_000, 50_000)]
    public int TermCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var terms = Corpus.Terms(TermCount);
        _rules = RuleSetParser.Parse(Corpus.RulesWithTerms(terms), "benchmark", DateTimeOffset.UnixEpoch, Corpus.RulesDirectory);
        _naive = new Regex(@"\b(?:" + string.Join('|', terms.Select(Regex.Escape)) + @")\b", RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    [Benchmark(Description = "engine: clean comment")]
    public object EvaluateClean() => _rules.Evaluate(Corpus.CleanComment);

    [Benchmark(Description = "engine: evasive comment")]
    public object EvaluateEvasive() => _rules.Evaluate(Corpus.EvasiveComment);

    [Benchmark(Baseline = true, Description = "naive regex alternation: clean comment")]
    public object NaiveClean() => _naive.Matches(Corpus.CleanComment).Count;
}
