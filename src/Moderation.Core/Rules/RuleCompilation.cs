namespace Moderation.Core.Rules;

/// <summary>
/// Where rules files are parsed and compiled: one at a time, each on a thread of its own, so
/// a large candidate (ValidateRules) or a reload occupies at most one core and no thread-pool
/// thread that submissions need.
/// </summary>
public static class RuleCompilation
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<T> RunAsync<T>(Func<T> compile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compile);
        await OneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Factory.StartNew(compile, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
