namespace Moderation.Core.Rules.Brake;

/// <summary>A demotion as the instances share it: the figures, and the definition of the rule that tripped.</summary>
/// <param name="Fingerprint">The rule's <see cref="RuleDefinition.Fingerprint"/> when it was demoted.</param>
public sealed record SharedDemotion(RuleDemotion Demotion, string Fingerprint);

/// <summary>
/// Where the instances of the service keep the brake's demotions, so a rule one instance demotes
/// is demoted on all, and an admin's restore on any instance restores it on all
/// (<see cref="RuleDemotionSharing"/>). It only keeps them; the brake decides.
/// </summary>
public interface IRuleDemotionStore
{
    /// <summary>Every demotion kept, by rule id.</summary>
    Task<IReadOnlyDictionary<string, SharedDemotion>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="demotion"/>, replacing any of the same rule.</summary>
    Task SaveAsync(SharedDemotion demotion, CancellationToken cancellationToken);

    /// <summary>Forgets the demotion of <paramref name="ruleId"/>, if one is kept.</summary>
    Task RemoveAsync(string ruleId, CancellationToken cancellationToken);
}

/// <summary>The demotions of a service without Redis: one instance, so one process keeps them.</summary>
public sealed class InMemoryRuleDemotionStore : IRuleDemotionStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SharedDemotion> _demotions = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, SharedDemotion>> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, SharedDemotion>>(new Dictionary<string, SharedDemotion>(_demotions, StringComparer.Ordinal));

    public Task SaveAsync(SharedDemotion demotion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(demotion);
        _demotions[demotion.Demotion.RuleId] = demotion;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string ruleId, CancellationToken cancellationToken)
    {
        _demotions.TryRemove(ruleId, out _);
        return Task.CompletedTask;
    }
}
