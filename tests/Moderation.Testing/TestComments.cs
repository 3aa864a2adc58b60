using Moderation.Core.Comments;
using Moderation.Core.Decisions;

namespace Moderation.Testing;

/// <summary>Ready-made comments for tests.</summary>
public static class TestComments
{
    public static readonly DateTimeOffset Epoch = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static CommentSubmission Submission(string id, string text = "A thoughtful comment.", string article = "article-1", string author = "author-1") =>
        new(id, article, new AuthorProfile(author), text);

    public static Comment Stored(string id, CommentState state, DateTimeOffset createdAt, string article = "article-1", string author = "author-1")
    {
        var verdict = state switch
        {
            CommentState.PendingReview => Verdict.PendingReview,
            CommentState.Rejected => Verdict.Rejected,
            _ => Verdict.Approved,
        };
        var decision = new Decision(
            verdict,
            [new DecisionReason("rule-1", "test", RuleAction.Hold, "for the author", "for moderators", [new TextSpan(2, 5)], Shadow: false, Weight: 1.5)],
            "A thoughtful comment.",
            Flagged: false,
            Score: 1.5,
            RulesVersion: "v-test");
        return new Comment(Submission(id, article: article, author: author), decision, state, Version: 1, createdAt, createdAt);
    }
}
