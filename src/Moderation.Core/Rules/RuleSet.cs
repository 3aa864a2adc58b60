using Moderation.Core.Decisions;
using Moderation.Core.Rules.Detectors;
using Moderation.Core.Rules.Matching;

namespace Moderation.Core.Rules;

/// <summary>
/// An immutable, loaded rule set. Evaluation is pure: the same text always gets the same
/// decision from the same version, so decisions can name the version that made them.
/// </summary>
public sealed class RuleSet
{
    private readonly TermMatcher _matcher;
    private readonly bool _hasModel;

    public RuleSet(IReadOnlyList<RuleDefinition> rules, string version, string source, DateTimeOffset loadedAt, ScoreThresholds? thresholds = null, BuiltInReasons? builtInReasons = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        BuiltInReasons = builtInReasons ?? BuiltInReasons.Default;
        Rules = rules;
        Version = version;
        Source = source;
        LoadedAt = loadedAt;
        Thresholds = thresholds ?? ScoreThresholds.None;
        _matcher = new TermMatcher(rules);
        HistoryWindows = rules.Select(r => r.Detector).OfType<SpamDetector>().Select(d => d.HistoryWindow).OfType<TimeSpan>().Distinct().ToList();
        _hasModel = rules.Any(r => r.Detector is ModelDetector);
    }

    public ScoreThresholds Thresholds { get; }

    /// <summary>The reasons the service adds itself (thresholds, author and article settings), with this file's messages.</summary>
    public BuiltInReasons BuiltInReasons { get; }

    /// <summary>The windows repeat and campaign rules count texts over; empty when no rule needs text history.</summary>
    public IReadOnlyCollection<TimeSpan> HistoryWindows { get; }

    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>A short hash of the rules file's content.</summary>
    public string Version { get; }

    /// <summary>Where the rules came from (a file path, or "inline").</summary>
    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The decision on a text with nothing known about its author or article.</summary>
    public Decision Evaluate(string text) => Evaluate(text, new EvaluationContext(LoadedAt));

    [ThreadStatic]
    private static List<TermMatcher.Match>? t_termMatches;

    [ThreadStatic]
    private static List<(int Start, int End)>? t_detected;

    [ThreadStatic]
    private static List<(int Rule, int Start, int End)>? t_ranges;

    [ThreadStatic]
    private static List<(int Open, int Close)>? t_passages;

    public Decision Evaluate(string text, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);

        // Per-thread scratch lists: a clean comment then allocates only its decision.
        var ranges = t_ranges ??= [];
        var termMatches = t_termMatches ??= [];
        var detected = t_detected ??= [];
        ranges.Clear();
        termMatches.Clear();
        _matcher.FindAll(text, termMatches);
        bool passagesFound = false;
        foreach (var match in termMatches)
        {
            var rule = Rules[match.RuleIndex];
            if ((rule.SkipNames && ProperNames.IsNameAt(text, match.Start, match.End))
                || (rule.SkipQuoted && Quotations.IsInside(text, QuotedPassages(text, ref passagesFound), match.Start, match.End)))
            {
                continue;
            }

            ranges.Add((match.RuleIndex, match.Start, match.End));
        }

        for (int i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Detector is { } detector and not ModelDetector)
            {
                Detect(i, detector, text, context, ranges, detected);
            }
        }

        // A model reads the sentences the other rules have no shape for: once another rule holds
        // or rejects the comment it would only repeat them (and its weight could turn their hold
        // into a reject), so it runs only while none does.
        if (_hasModel && !HeldOrRejected(text, context, ranges))
        {
            for (int i = 0; i < Rules.Count; i++)
            {
                if (Rules[i].Detector is ModelDetector model)
                {
                    Detect(i, model, text, context, ranges, detected);
                }
            }
        }

        if (ranges.Count == 0)
        {
            return new Decision(Verdict.Approved, [], text, Flagged: false, Score: 0, Version);
        }

        return Decide(text, context, ranges);
    }

    /// <summary>The text's quoted passages, found on the first call for this text: most comments never need them.</summary>
    private static List<(int Open, int Close)> QuotedPassages(string text, ref bool found)
    {
        var passages = t_passages ??= [];
        if (!found)
        {
            Quotations.Passages(text, passages);
            found = true;
        }

        return passages;
    }

    private static void Detect(int rule, RuleDetector detector, string text, EvaluationContext context, List<(int Rule, int Start, int End)> ranges, List<(int Start, int End)> detected)
    {
        detected.Clear();
        if (detector.Detect(text, context, detected))
        {
            ranges.Add((rule, -1, -1));
            foreach (var (start, end) in detected)
            {
                ranges.Add((rule, start, end));
            }
        }
    }

    private bool HeldOrRejected(string text, EvaluationContext context, List<(int Rule, int Start, int End)> ranges)
    {
        foreach (var (index, _, _) in ranges)
        {
            var rule = Rules[index];
            if (rule.Action >= RuleAction.Hold && TakesEffect(rule, context) && rule.When.HoldFor(context) && rule.AppliesTo(text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a matched rule counts towards the verdict. Trusted authors skip hold rules (reported,
    /// as shadow rules are) but not reject rules. A rule the brake demoted counts as shadow.
    /// </summary>
    private static bool TakesEffect(RuleDefinition rule, EvaluationContext context) =>
        !rule.Shadow
        && (context.DemotedRules is not { } demoted || !demoted.Contains(rule.Id))
        && !(rule.Action == RuleAction.Hold && context.AuthorStatus == Comments.AuthorStatus.Trusted);

    /// <summary>
    /// The decision from the matched ranges, grouped by rule in file order. A range (rule, -1, -1)
    /// marks a rule that matched the comment as a whole.
    /// </summary>
    private Decision Decide(string text, EvaluationContext context, List<(int Rule, int Start, int End)> ranges)
    {
        ranges.Sort(static (a, b) => a.Rule != b.Rule ? a.Rule.CompareTo(b.Rule) : a.Start.CompareTo(b.Start));
        var reasons = new List<DecisionReason>();
        string? language = null;
        List<(int Start, int End)>? censored = null;
        var mostSevere = RuleAction.Approve;
        double score = 0;
        for (int first = 0; first < ranges.Count;)
        {
            int ruleIndex = ranges[first].Rule;
            int end = first + 1;
            while (end < ranges.Count && ranges[end].Rule == ruleIndex)
            {
                end++;
            }

            int groupStart = first;
            first = end;
            var rule = Rules[ruleIndex];
            if (!rule.When.HoldFor(context) || !rule.AppliesTo(text))
            {
                continue;
            }

            var spans = new List<TextSpan>(end - groupStart);
            for (int r = groupStart; r < end; r++)
            {
                // A range (rule, -1, -1) marks a match of the whole comment, with no span of its own.
                var span = ranges[r].Start < 0 ? default : new TextSpan(CodePoints.OffsetOf(text, ranges[r].Start), CodePoints.OffsetOf(text, ranges[r].End));
                if (ranges[r].Start >= 0 && !spans.Contains(span))
                {
                    spans.Add(span);
                }
            }

            // A skipped rule is reported, and the verdict, score, censoring, flag and author
            // message all leave it out alike.
            bool skipped = !TakesEffect(rule, context);
            language ??= CommentLanguage.Main(text);
            reasons.Add(new DecisionReason(rule.Id, rule.Category, rule.Action, rule.AuthorMessageIn(language), rule.ModeratorMessage, spans, skipped, rule.Weight));
            if (skipped)
            {
                continue;
            }

            score += rule.Weight;
            if (rule.Action > mostSevere)
            {
                mostSevere = rule.Action;
            }

            if (rule.Action == RuleAction.Censor)
            {
                censored ??= [];
                for (int r = groupStart; r < end; r++)
                {
                    if (ranges[r].Start >= 0)
                    {
                        censored.Add((ranges[r].Start, ranges[r].End));
                    }
                }
            }
        }

        if (ThresholdReached(score, mostSevere) is { } threshold)
        {
            mostSevere = threshold.Action;
            reasons.Add(threshold);
        }

        var verdict = mostSevere switch
        {
            RuleAction.Reject => Verdict.Rejected,
            RuleAction.Hold => Verdict.PendingReview,
            _ => Verdict.Approved,
        };
        // Flagged means published and queued for a look; a held or rejected comment is not published.
        bool flagged = false;
        foreach (var reason in reasons)
        {
            flagged |= verdict == Verdict.Approved && !reason.Shadow && reason.Action == RuleAction.Flag;
        }

        return new Decision(verdict, reasons, censored is null ? text : CodePoints.Mask(text, censored), flagged, score, Version);
    }

    /// <summary>
    /// The reason a score threshold adds, so the explanation names it like any rule; null unless
    /// the threshold reached is more severe than <paramref name="mostSevere"/>, the rules' own verdict.
    /// </summary>
    private DecisionReason? ThresholdReached(double score, RuleAction mostSevere)
    {
        var (action, threshold) = Thresholds switch
        {
            { Reject: { } reject } when score >= reject => (RuleAction.Reject, reject),
            { Hold: { } hold } when score >= hold => (RuleAction.Hold, hold),
            _ => (RuleAction.Approve, 0d),
        };
        return action > mostSevere ? BuiltInReasons.Threshold(action, score, threshold) : null;
    }

}
