using Moderation.Core.Comments;
using Moderation.Core.Rules;
using Moderation.Core.Rules.Detectors;

namespace Moderation.Core.RateLimiting;

/// <summary>Which limits a submission is checked against, for which subjects, at what cost.</summary>
public sealed class SubmissionLimits
{
    private readonly (LimitOptions Options, RateLimitPolicy Policy)[] _limits;
    private readonly int _ipv6PrefixLength;

    public SubmissionLimits(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limits = options.Limits.Select(l => (l, l.ToPolicy())).ToArray();
        _ipv6PrefixLength = options.Ipv6PrefixLength;
    }

    public IReadOnlyList<RateLimitPolicy> Policies => _limits.Select(l => l.Policy).ToList();

    public List<RateLimitRequest> For(CommentSubmission submission, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(context);
        var requests = new List<RateLimitRequest>(_limits.Length);
        bool? hasLink = null;
        foreach (var (options, policy) in _limits)
        {
            if (options.ExemptTrusted && context.AuthorStatus == AuthorStatus.Trusted)
            {
                continue;
            }

            // A limit for new accounts applies only when the site says the account is new.
            if (options.AccountAgeBelow is { } youngerThan && (context.AuthorCreatedAt is not { } created || context.Now - created >= youngerThan))
            {
                continue;
            }

            string? subject = options.Dimension switch
            {
                LimitDimension.Author => submission.Author.Id,
                LimitDimension.Ip => IpSubject.Of(submission.IpAddress, _ipv6PrefixLength),
                LimitDimension.Article => submission.ArticleId,
                LimitDimension.AuthorArticle => submission.Author.Id + "@" + submission.ArticleId,
                _ => "all",
            };
            if (subject is null)
            {
                continue;
            }

            int cost = 1;
            if (options.LinkCost > 1 && (hasLink ??= LinkFinder.FindAll(submission.Text).Count > 0))
            {
                cost = options.LinkCost;
            }

            requests.Add(new RateLimitRequest(policy, subject, cost));
        }

        return requests;
    }
}
