using Moderation.Core.Rules.Classification;

namespace Moderation.Core.Rules.Detectors;

/// <summary>
/// A linear model of abusive comments (<see cref="LinearTextModel"/>): matches when its score
/// reaches the threshold, with the words that weighed most as the spans. It reads whole
/// sentences the phrase rules have no shape for, so it is meant for hold, not reject.
/// </summary>
public sealed class ModelDetector(LinearTextModel model, double threshold, string file) : RuleDetector
{
    public override bool Detect(string text, EvaluationContext context, List<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        return model.Score(text, ranges, spansFrom: threshold) >= threshold;
    }

    public override string Describe() => $"The model '{file}' scores the comment {threshold:0.##} or more as abusive.";
}
