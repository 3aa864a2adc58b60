namespace Moderation.Core.Errors;

/// <summary>A comment leased to another moderator, decided without the override that takes it from them.</summary>
public sealed class LeaseHeldException(string commentId, string holder, DateTimeOffset until)
    : ModerationException($"Comment '{commentId}' is leased to moderator '{holder}' until {until:O}; decide it with override_lease to take it over.")
{
    public string CommentId { get; } = commentId;

    public string Holder { get; } = holder;

    public DateTimeOffset Until { get; } = until;
}
