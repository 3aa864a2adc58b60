using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>The stored comment after a submission; <see cref="Replayed"/> when the id had been submitted before.</summary>
public sealed record SubmissionResult(Comment Comment, bool Replayed);
