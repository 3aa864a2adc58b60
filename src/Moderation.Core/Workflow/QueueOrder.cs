namespace Moderation.Core.Workflow;

/// <summary>The order a queue is listed in.</summary>
public enum QueueOrder
{
    /// <summary>By entry time, then id: keyset paging, stable while the queue changes.</summary>
    OldestFirst = 1,

    /// <summary>By the rules' score, highest first (up to <see cref="ModerationQueueService.MaxScoreOrdered"/> items).</summary>
    HighestScoreFirst = 2,
}
