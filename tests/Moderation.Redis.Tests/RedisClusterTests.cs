using Moderation.Core.Comments;
using Moderation.Core.Decisions;
using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow;
using Moderation.Redis.Comments;
using Moderation.Redis.History;
using Moderation.Redis.RateLimiting;
using Moderation.Testing;

namespace Moderation.Redis.Tests;

/// <summary>
/// Every script against a real three-master Redis Cluster: each touches keys of one hash slot,
/// so none fails with CROSSSLOT, and the data spreads over the masters.
/// </summary>
public sealed class RedisClusterTests(RedisClusterFixture cluster) : IClassFixture<RedisClusterFixture>
{
    [Fact]
    public async Task RateLimiter_FiveLimitsOfOneSubmission_RunAsOneScriptInTheCluster()
    {
        var limiter = new RedisGcraRateLimiter(cluster.Connection, new RedisKeys(RedisServerFixture.UniquePrefix()));
        RateLimitRequest[] requests =
        [
            new(new RateLimitPolicy("author", "author", 2, TimeSpan.FromMinutes(1), 2), "u1"),
            new(new RateLimitPolicy("ip", "ip", 30, TimeSpan.FromMinutes(1), 30), "2001:db8::/64"),
            new(new RateLimitPolicy("article", "article", 100, TimeSpan.FromMinutes(1), 100), "a1"),
            new(new RateLimitPolicy("author-article", "authorarticle", 10, TimeSpan.FromMinutes(1), 10), "u1@a1"),
            new(new RateLimitPolicy("global", "global", 1000, TimeSpan.FromMinutes(1), 1000, shadow: true), "all"),
        ];

        var outcomes = new List<RateLimitOutcome>();
        for (int i = 0; i < 3; i++)
        {
            outcomes.Add(await limiter.TryAcquireAsync(requests, default));
        }

        Assert.Equal([true, true, false], outcomes.Select(o => o.IsAllowed));
        Assert.Equal("author", outcomes[2].Refusal!.PolicyName);
    }

    [Fact]
    public async Task CommentStore_AddListDecide_WorkInTheCluster()
    {
        var store = TestWorkflow.Over(new RedisCommentStore(cluster.Connection, new RedisKeys(RedisServerFixture.UniquePrefix())));
        for (int i = 0; i < 20; i++)
        {
            await store.AddAsync(TestComments.Stored($"c{i:00}", CommentState.PendingReview, TestComments.Epoch.AddSeconds(i)), default);
        }

        var page = await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 50), default);
        var decided = await store.DecideAsync("c00", 1, new ModeratorDecision("mod", Verdict.Approved, ReasonCode.Other, "", TestComments.Epoch), default);

        Assert.Equal(20, page.Items.Count);
        Assert.Equal(CommentState.Approved, decided.Comment.State);
    }

    [Fact]
    public async Task TextHistory_ManyTexts_SpreadOverTheMasters()
    {
        var keys = new RedisKeys(RedisServerFixture.UniquePrefix());
        var store = new RedisTextHistoryStore(cluster.Connection, keys);
        var fingerprints = Enumerable.Range(0, 30).Select(i => $"fingerprint-{i}").ToList();

        foreach (string fingerprint in fingerprints)
        {
            await store.RecordAsync(fingerprint, "u1", DateTimeOffset.UtcNow, [TimeSpan.FromMinutes(10)], default);
        }

        var nodes = fingerprints.Select(f => cluster.Connection.GetServer(keys.TextHistory(f)).EndPoint.ToString()).Distinct().Count();
        Assert.Equal(3, nodes);
    }

    [Fact]
    public async Task CommentStore_DeploymentsWithHashTagsOfTheirOwn_LandOnDifferentMastersApart()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        // One tag per master, as the operators of three sites sharing the cluster would choose them.
        var tags = Enumerable.Range(0, 100).Select(i => $"site-{i}")
            .GroupBy(tag => cluster.Connection.GetServer(new RedisKeys(prefix, tag).Comment("c-1")).EndPoint.ToString())
            .Select(node => node.First())
            .ToList();

        var queues = new List<int>();
        foreach (string tag in tags)
        {
            var store = TestWorkflow.Over(new RedisCommentStore(cluster.Connection, new RedisKeys(prefix, tag)));
            await store.AddAsync(TestComments.Stored("c-1", CommentState.PendingReview, TestComments.Epoch), default);
            queues.Add((await store.ListQueueAsync(new QueueQuery(QueueKind.Pending, 10), default)).Items.Count);
        }

        Assert.Equal(3, tags.Count);
        Assert.Equal([1, 1, 1], queues);
    }
}
