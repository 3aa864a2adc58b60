using Moderation.Core.Comments;

namespace Moderation.Core.Workflow;

/// <summary>What a report did: the distinct reporters so far, where the comment stands, and whether this reader had reported it already.</summary>
public sealed record ReportResult(int ReportCount, CommentState State, bool Duplicate);
