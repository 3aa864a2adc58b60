using Moderation.Core.RateLimiting;
using Moderation.Core.Workflow.Transitions;
using Moderation.Redis.RateLimiting;
using StackExchange.Redis;

namespace Moderation.Redis.Comments;

/// <summary>
/// A new comment and the charge of its limits in one script, so the submission path is one
/// read and this one write: the id is checked first (a taken id charges nothing), then the
/// limits are judged (a refusal stores nothing), then both are written. The limit keys share
/// the workflow's hash slot for it.
/// </summary>
internal static class ChargedAddScript
{
    /// <summary>
    /// KEYS: the change's keys, then the limit keys. ARGV: the number of limits, the number g of
    /// limit arguments, the g limit arguments, then the change's. Returns {0} for a taken id,
    /// {-1, results} for a refusal, {1, results} when stored. No charge id is remembered: the
    /// stored comment is the mark, since the id is checked before anything is charged.
    /// </summary>
    private static readonly string Script = RedisGcraRateLimiter.GcraFunctions + "\n" + CommentChangeScript.ApplyFunction + $$"""

        local n = tonumber(ARGV[1])
        local g = tonumber(ARGV[2])
        if redis.call('EXISTS', KEYS[1]) == 1 then
          return {0}
        end
        local state, results, newTats, now = gcra_judge({{CommentChangeScript.KeyCount}}, n, 2)
        if state == 'refused' then
          return {-1, results}
        end
        gcra_commit({{CommentChangeScript.KeyCount}}, n, 2, newTats, now)
        apply_change(0, 2 + g, true)
        return {1, results}
        """;

    public static async Task<(bool Applied, RateLimitOutcome? Limits)> RunAsync(
        IDatabase db, RedisKeys keys, CommentChange change, IReadOnlyList<RateLimitRequest> limits, TimeProvider? limitsClock, long decidedRetentionMs, long eventRetentionMs)
    {
        var (limitKeys, limitValues) = RedisGcraRateLimiter.Arguments(keys, limits, chargeId: null, limitsClock);
        var (redisKeys, values) = CommentChangeScript.Arguments(keys, change, decidedRetentionMs, eventRetentionMs, trailingKeys: limitKeys.Length, leadingValues: 2 + limitValues.Length);
        limitKeys.CopyTo(redisKeys, CommentChangeScript.KeyCount);
        values[0] = limits.Count;
        values[1] = limitValues.Length;
        limitValues.CopyTo(values, 2);
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(Script, redisKeys, values).ConfigureAwait(false))!;
        return (long)result[0] switch
        {
            0 => (false, null),
            -1 => (false, RedisGcraRateLimiter.ReadOutcome(limits, allowed: false, result[1])),
            _ => (true, RedisGcraRateLimiter.ReadOutcome(limits, allowed: true, result[1])),
        };
    }
}
