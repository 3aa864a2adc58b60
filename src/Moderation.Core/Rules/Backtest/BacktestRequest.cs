namespace Moderation.Core.Rules.Backtest;

/// <summary>A candidate rules file to replay over recent comments; zero or null values take the defaults.</summary>
/// <param name="Content">The YAML text, as <see cref="RuleSetService.ValidateAsync"/> takes it.</param>
/// <param name="Window">How far back: up to <see cref="RuleBacktestService.MaxWindow"/>; null for <see cref="RuleBacktestService.DefaultWindow"/>.</param>
/// <param name="MaxComments">The most comments read, newest first: up to <see cref="RuleBacktestService.MaxMaxComments"/>; 0 for <see cref="RuleBacktestService.DefaultMaxComments"/>.</param>
/// <param name="SampleSize">The most changed comments returned: up to <see cref="RuleBacktestService.MaxSampleSize"/>; 0 for <see cref="RuleBacktestService.DefaultSampleSize"/>.</param>
public sealed record BacktestRequest(string Content, TimeSpan? Window = null, int MaxComments = 0, int SampleSize = 0);
