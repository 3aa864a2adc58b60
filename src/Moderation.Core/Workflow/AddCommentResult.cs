using Moderation.Core.Comments;
using Moderation.Core.RateLimiting;

namespace Moderation.Core.Workflow;

/// <summary>
/// The stored comment, and whether this call created it or found it already there; or, with
/// <see cref="Refusal"/>, nothing stored because a limit refused it.
/// </summary>
public sealed record AddCommentResult(Comment Comment, bool Created, RateLimitOutcome? Refusal = null);
