namespace Moderation.Core.Rules.Backtest;

/// <summary>How far a backtest has got: comments replayed so far, and how many of their verdicts would change.</summary>
public sealed record BacktestProgress(int Scanned, int Changed);
