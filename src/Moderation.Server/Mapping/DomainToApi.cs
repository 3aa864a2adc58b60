using Google.Protobuf.WellKnownTypes;
using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Brake;
using Moderation.Core.Workflow;
using Proto = Moderation.Api.V1;

namespace Moderation.Server.Mapping;

/// <summary>Domain values to replies.</summary>
internal static class DomainToApi
{
    public static Proto.Decision ToApi(this Decision decision) => new()
    {
        Verdict = decision.Verdict.ToApi(),
        Reasons = { decision.Reasons.Select(ToApi) },
        CensoredText = decision.CensoredText,
        Flagged = decision.Flagged,
        Score = decision.Score,
        RulesVersion = decision.RulesVersion,
        AuthorMessage = decision.AuthorMessage,
    };

    public static Proto.Reason ToApi(this DecisionReason reason) => new()
    {
        RuleId = reason.RuleId,
        Category = reason.Category,
        Action = reason.Action.ToApi(),
        AuthorMessage = reason.AuthorMessage,
        ModeratorMessage = reason.ModeratorMessage,
        Spans = { reason.Spans.Select(s => new Proto.TextSpan { Start = (uint)s.Start, End = (uint)s.End }) },
        Shadow = reason.Shadow,
        Weight = reason.Weight,
    };

    public static Proto.Verdict ToApi(this Verdict verdict) => verdict switch
    {
        Verdict.Approved => Proto.Verdict.Approved,
        Verdict.PendingReview => Proto.Verdict.PendingReview,
        Verdict.Rejected => Proto.Verdict.Rejected,
        _ => Proto.Verdict.Unspecified,
    };

    public static Proto.RuleAction ToApi(this RuleAction action) => action switch
    {
        RuleAction.Approve => Proto.RuleAction.Approve,
        RuleAction.Flag => Proto.RuleAction.Flag,
        RuleAction.Censor => Proto.RuleAction.Censor,
        RuleAction.Hold => Proto.RuleAction.Hold,
        RuleAction.Reject => Proto.RuleAction.Reject,
        _ => Proto.RuleAction.Unspecified,
    };

    public static Proto.CommentState ToApi(this CommentState state) => state switch
    {
        CommentState.PendingReview => Proto.CommentState.PendingReview,
        CommentState.Approved => Proto.CommentState.Approved,
        CommentState.Rejected => Proto.CommentState.Rejected,
        CommentState.HiddenByReports => Proto.CommentState.Hidden,
        _ => Proto.CommentState.Unspecified,
    };

    public static Proto.ReasonCode ToApi(this ReasonCode code) => code switch
    {
        ReasonCode.Spam => Proto.ReasonCode.Spam,
        ReasonCode.Abuse => Proto.ReasonCode.Abuse,
        ReasonCode.OffTopic => Proto.ReasonCode.OffTopic,
        ReasonCode.PersonalInformation => Proto.ReasonCode.PersonalInformation,
        ReasonCode.Other => Proto.ReasonCode.Other,
        _ => Proto.ReasonCode.Unspecified,
    };

    public static Proto.Queue ToApi(this QueueKind queue) => queue switch
    {
        QueueKind.Pending => Proto.Queue.Pending,
        QueueKind.Reported => Proto.Queue.Reported,
        QueueKind.Hidden => Proto.Queue.Hidden,
        _ => Proto.Queue.Unspecified,
    };

    public static Proto.Comment ToApi(this Comment comment)
    {
        var submission = comment.Submission;
        var reply = new Proto.Comment
        {
            CommentId = submission.CommentId,
            ArticleId = submission.ArticleId,
            AuthorId = submission.Author.Id,
            ParentId = submission.ParentId ?? "",
            Text = submission.Text,
            State = comment.State.ToApi(),
            Version = comment.Version,
            Decision = comment.Decision.ToApi(),
            CreatedAt = Timestamp.FromDateTimeOffset(comment.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(comment.UpdatedAt),
            Author = submission.Author.ToApi(),
        };
        if (comment.ModeratorDecision is { } moderation)
        {
            reply.ModeratorDecision = new Proto.ModeratorDecision
            {
                ModeratorId = moderation.ModeratorId,
                Verdict = moderation.Verdict.ToApi(),
                ReasonCode = moderation.ReasonCode.ToApi(),
                Note = moderation.Note,
                DecidedAt = Timestamp.FromDateTimeOffset(moderation.DecidedAt),
            };
        }

        return reply;
    }

    public static Proto.QueueItem ToApi(this QueueItem item)
    {
        var reply = new Proto.QueueItem
        {
            Comment = item.Comment.ToApi(),
            Queue = item.Queue.ToApi(),
            EnqueuedAt = Timestamp.FromDateTimeOffset(item.EnqueuedAt),
            ReportCount = (uint)item.ReportCount,
            FlaggedByRules = item.FlaggedByRules,
            ClaimedBy = item.ClaimedBy ?? "",
        };
        if (item.LeaseExpiresAt is { } expires)
        {
            reply.LeaseExpiresAt = Timestamp.FromDateTimeOffset(expires);
        }

        return reply;
    }

    public static Proto.HistoryEntry ToApi(this HistoryEntry entry) => new()
    {
        Version = entry.Version,
        OccurredAt = Timestamp.FromDateTimeOffset(entry.OccurredAt),
        Actor = entry.Actor,
        Action = entry.Action,
        State = entry.State.ToApi(),
        ReasonCode = entry.ReasonCode.ToApi(),
        Note = entry.Note,
        RuleIds = { entry.RuleIds ?? [] },
        Text = entry.Text ?? "",
    };

    public static Proto.WatchDecisionsResponse ToApi(this Moderation.Core.Events.DecisionEvent decisionEvent) => new()
    {
        Cursor = decisionEvent.Cursor,
        CommentId = decisionEvent.CommentId,
        ArticleId = decisionEvent.ArticleId,
        State = decisionEvent.State.ToApi(),
        Version = decisionEvent.Version,
        Cause = decisionEvent.Cause,
        OccurredAt = Timestamp.FromDateTimeOffset(decisionEvent.OccurredAt),
    };

    public static Proto.WatchQueueResponse ToApi(this QueueEvent queueEvent) => new()
    {
        Queue = queueEvent.Queue.ToApi(),
        CommentId = queueEvent.CommentId,
        ArticleId = queueEvent.ArticleId,
        Entered = queueEvent.Entered,
        Depth = (uint)Math.Max(0, queueEvent.Depth),
        OccurredAt = Timestamp.FromDateTimeOffset(queueEvent.OccurredAt),
    };

    public static Proto.QueueStats ToApi(this QueueStats stats, DateTimeOffset now) => new()
    {
        Queue = stats.Queue.ToApi(),
        Depth = (uint)stats.Depth,
        OldestAge = Duration.FromTimeSpan(stats.OldestEnqueuedAt is { } oldest && oldest < now ? now - oldest : TimeSpan.Zero),
    };

    public static Proto.Author ToApi(this AuthorProfile author)
    {
        var reply = new Proto.Author
        {
            Id = author.Id,
            DisplayName = author.DisplayName ?? "",
            EmailVerified = author.EmailVerified,
            Subscriber = author.Subscriber,
        };
        if (author.CreatedAt is { } created)
        {
            reply.CreatedAt = Timestamp.FromDateTimeOffset(created);
        }

        return reply;
    }

    public static Proto.GetAuthorResponse ToApi(this AuthorRecord author)
    {
        var reply = new Proto.GetAuthorResponse
        {
            AuthorId = author.AuthorId,
            Status = author.Status.ToApi(),
            ApprovedCount = (uint)Math.Max(0, author.ApprovedCount),
            RejectedCount = (uint)Math.Max(0, author.RejectedCount),
        };
        if (author.SuspendedUntil is { } until)
        {
            reply.SuspendedUntil = Timestamp.FromDateTimeOffset(until);
        }

        return reply;
    }

    public static Proto.AuthorStatus ToApi(this AuthorStatus status) => status switch
    {
        AuthorStatus.Normal => Proto.AuthorStatus.Normal,
        AuthorStatus.Trusted => Proto.AuthorStatus.Trusted,
        AuthorStatus.Premoderated => Proto.AuthorStatus.Premoderated,
        AuthorStatus.Suspended => Proto.AuthorStatus.Suspended,
        AuthorStatus.Banned => Proto.AuthorStatus.Banned,
        _ => Proto.AuthorStatus.Unspecified,
    };

    public static Proto.Article ToApi(this ArticleSettings article)
    {
        var reply = new Proto.Article
        {
            ArticleId = article.ArticleId,
            Mode = article.Mode switch
            {
                ArticleMode.Open => Proto.ArticleMode.Open,
                ArticleMode.Premoderated => Proto.ArticleMode.Premoderated,
                ArticleMode.Closed => Proto.ArticleMode.Closed,
                _ => Proto.ArticleMode.Unspecified,
            },
        };
        if (article.ClosesAt is { } closes)
        {
            reply.ClosesAt = Timestamp.FromDateTimeOffset(closes);
        }

        if (article.PublishedAt is { } published)
        {
            reply.PublishedAt = Timestamp.FromDateTimeOffset(published);
        }

        return reply;
    }

    public static Proto.RuleSummary ToSummary(this RuleDefinition rule, RuleDemotion? demotion = null) => new()
    {
        Id = rule.Id,
        Description = rule.Description,
        Category = rule.Category,
        Action = rule.Action.ToApi(),
        Shadow = rule.Shadow,
        TermCount = (uint)rule.Terms.Count,
        AuthorMessage = rule.AuthorMessage,
        ModeratorMessage = rule.ModeratorMessage,
        Demoted = demotion?.ToApi(),
        WatchedByBrake = rule.BrakeApplies,
    };

    public static Proto.RuleDemotion ToApi(this RuleDemotion demotion) => new()
    {
        DemotedAt = Timestamp.FromDateTimeOffset(demotion.DemotedAt),
        RecentMatches = (uint)demotion.RecentMatches,
        RecentWindow = Duration.FromTimeSpan(demotion.RecentWindow),
        RecentPerMinute = demotion.RecentPerMinute,
        BaselinePerMinute = demotion.BaselinePerMinute,
        BaselineMeasured = Duration.FromTimeSpan(demotion.BaselineMeasured),
        ThresholdPerMinute = demotion.ThresholdPerMinute,
        SpikeFactor = demotion.SpikeFactor,
        MinimumMatches = (uint)demotion.MinimumMatches,
    };

    public static Proto.RuleSummary ToSummary(this BuiltInReasons.Definition reason) => new()
    {
        Id = reason.Id,
        Description = reason.Description,
        Category = reason.Category,
        Action = reason.Action.ToApi(),
        AuthorMessage = reason.AuthorMessage,
        ModeratorMessage = reason.ModeratorMessage,
    };

    public static Proto.RuleError ToApi(this RuleError error) => new()
    {
        Line = (uint)error.Line,
        Column = (uint)error.Column,
        Message = error.Message,
    };
}
