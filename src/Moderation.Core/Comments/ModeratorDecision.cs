using Moderation.Core.Decisions;

namespace Moderation.Core.Comments;

/// <summary>A decision a moderator made on a comment.</summary>
public sealed record ModeratorDecision(
    string ModeratorId,
    Verdict Verdict,
    ReasonCode ReasonCode,
    string Note,
    DateTimeOffset DecidedAt);
