namespace Moderation.Core.Workflow;

/// <summary>The moderation queues.</summary>
public enum QueueKind
{
    /// <summary>Held by rules or premoderation, waiting for a first decision.</summary>
    Pending = 1,

    /// <summary>Approved comments reported by enough readers.</summary>
    Reported = 2,

    /// <summary>Hidden by reader reports until a moderator decides.</summary>
    Hidden = 3,
}
