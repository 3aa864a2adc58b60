namespace Moderation.Core.Decisions;

/// <summary>The rules' decision on one text: the verdict and every reason behind it.</summary>
public sealed record Decision(
    Verdict Verdict,
    IReadOnlyList<DecisionReason> Reasons,
    string CensoredText,
    bool Flagged,
    double Score,
    string RulesVersion)
{
    /// <summary>
    /// The one message to show the author: that of the first reason with the action that decided
    /// the verdict (a reject for a rejection, a hold for a held comment, a censor for a masked
    /// text); empty when the comment is published as written.
    /// </summary>
    public string AuthorMessage
    {
        get
        {
            var deciding = Verdict switch
            {
                Verdict.Rejected => RuleAction.Reject,
                Verdict.PendingReview => RuleAction.Hold,
                _ => RuleAction.Censor,
            };
            return FirstMessageOf(deciding)
                ?? (Verdict == Verdict.Approved ? FirstMessageOf(RuleAction.Flag) : null)
                ?? "";
        }
    }

    /// <summary>
    /// The reason that set the verdict: the first non-shadow reason with the most severe action
    /// among the non-shadow reasons, which is how the rules (and the moderators' settings after
    /// them) choose the verdict. Null when only shadow rules matched, or none. A method rather
    /// than a property, so it is never stored with the decision.
    /// </summary>
    public DecisionReason? DecidingReason()
    {
        DecisionReason? deciding = null;
        foreach (var reason in Reasons)
        {
            if (!reason.Shadow && (deciding is null || reason.Action > deciding.Action))
            {
                deciding = reason;
            }
        }

        return deciding;
    }

    // An indexed loop rather than LINQ: every reply reads this, and a lambda over `deciding`
    // (or an enumerator of the list) would be allocated for each, reasons or none.
    private string? FirstMessageOf(RuleAction action)
    {
        for (int i = 0; i < Reasons.Count; i++)
        {
            if (!Reasons[i].Shadow && Reasons[i].Action == action)
            {
                return Reasons[i].AuthorMessage;
            }
        }

        return null;
    }
}
