using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>The stored comment, and whether this call created it or found it already there.</summary>
public sealed record AddCommentResult(Comment Comment, bool Created);
