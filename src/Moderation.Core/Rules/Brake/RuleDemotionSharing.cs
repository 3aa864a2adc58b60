namespace Moderation.Core.Rules.Brake;

/// <summary>
/// Keeps the brake's demotions alike on every instance through <see cref="IRuleDemotionStore"/>.
/// Each instance still counts its own traffic and trips on its own; what one demotes, the others
/// adopt (for the same definition of the rule), and what an admin restores on one, the others
/// restore, within <see cref="Every"/>.
/// </summary>
public sealed class RuleDemotionSharing(RuleBrake brake, IRuleDemotionStore store) : IDisposable
{
    /// <summary>How often an instance compares its demotions with the shared ones.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    // Rules demoted here whose demotion the store has held: gone from the store, they were restored elsewhere.
    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);

    // A comparison and a restore one at a time: a comparison between a restore's two steps would
    // take the half-restored rule for one restored elsewhere, or adopt it again.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// One comparison: this instance's new demotions saved, the others' adopted, restores
    /// elsewhere applied, stale ones dropped.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (!brake.Enabled)
        {
            return;
        }

        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CompareAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task CompareAsync(CancellationToken cancellationToken)
    {
        var shared = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
        var local = brake.Shareable();
        foreach (var mine in local)
        {
            string ruleId = mine.Demotion.RuleId;
            if (shared.ContainsKey(ruleId))
            {
                _shared.Add(ruleId);
            }
            else if (_shared.Remove(ruleId))
            {
                brake.Drop(ruleId);
            }
            else
            {
                await store.SaveAsync(mine, cancellationToken).ConfigureAwait(false);
                _shared.Add(ruleId);
            }
        }

        _shared.RemoveWhere(ruleId => !local.Any(d => d.Demotion.RuleId == ruleId));
        foreach (var (ruleId, theirs) in shared)
        {
            // A rule not in force here (rules being rolled out) is left for the instances that have it.
            if (brake.FingerprintOf(ruleId) is not { } fingerprint)
            {
                continue;
            }

            if (fingerprint != theirs.Fingerprint)
            {
                // Its definition changed since: the reload ended that demotion.
                await store.RemoveAsync(ruleId, cancellationToken).ConfigureAwait(false);
            }
            else if (brake.Adopt(theirs.Demotion))
            {
                _shared.Add(ruleId);
            }
        }
    }

    /// <summary>
    /// An admin's restore: forgotten by the store first, so no instance adopts it again, then
    /// lifted here; the other instances lift it at their next comparison.
    /// </summary>
    public async Task<RuleDemotion?> RestoreAsync(string ruleId, string restoredBy, CancellationToken cancellationToken)
    {
        brake.CheckRestorable(ruleId);
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.RemoveAsync(ruleId, cancellationToken).ConfigureAwait(false);
            return brake.Restore(ruleId, restoredBy);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}
