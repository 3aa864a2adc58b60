using Microsoft.Extensions.Logging;

namespace Moderation.Core.Rules;

/// <summary>
/// The rules of a file on disk, reloaded when the file or a term file beside it changes. A
/// changed file that does not parse is logged with every error and ignored: the last good
/// rules stay in force, so the service never runs with an empty or half-read rule set.
/// </summary>
public sealed partial class FileRuleSetProvider : IRuleSetProvider, IDisposable
{
    // Editors and deploy tools write a file in several steps; one reload after the writes
    // settle is enough.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<FileRuleSetProvider> _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly ITimer _reloadTimer;
    private readonly Lock _reloadGate = new();
    private readonly Telemetry.ModerationMetrics? _metrics;
    private volatile RuleSet _current;

    /// <summary>Loads the file now (throwing <see cref="InvalidRulesException"/> when it is invalid) and starts watching it.</summary>
    public FileRuleSetProvider(string path, TimeProvider timeProvider, ILogger<FileRuleSetProvider> logger, Telemetry.ModerationMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = Path.GetFullPath(path);
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _current = RuleSetParser.ParseFile(_path, timeProvider.GetUtcNow());
        _reloadTimer = timeProvider.CreateTimer(_ => _ = RuleCompilation.RunAsync(Reload, CancellationToken.None), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime | NotifyFilters.DirectoryName,
        };
        _watcher.Changed += OnChanged;
        _watcher.Created += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        try
        {
            _watcher.EnableRaisingEvents = true;
        }
        catch (IOException ex)
        {
            // Out of inotify watches, say: serving the rules in force beats not starting.
            LogWatchFailed(_logger, _path, ex);
        }
    }

    public RuleSet Current => _current;

    /// <summary>Reads the file again now; returns the errors when it was not taken.</summary>
    public IReadOnlyList<RuleError> Reload()
    {
        lock (_reloadGate)
        {
            string directory = Path.GetDirectoryName(_path)!;
            RuleSet? candidate;
            IReadOnlyList<RuleError> errors;
            try
            {
                candidate = RuleSetParser.TryParse(File.ReadAllText(_path), _path, _timeProvider.GetUtcNow(), out errors, directory);
            }
            catch (IOException ex)
            {
                LogReadFailed(_logger, _path, _current.Version, ex);
                return [new RuleError(0, 0, ex.Message)];
            }

            _metrics?.RulesReloaded(candidate is not null);
            if (candidate is null)
            {
                LogRejected(_logger, _path, errors.Count, string.Join("; ", errors.Take(10)), _current.Version);
                return errors;
            }

            if (candidate.Version != _current.Version)
            {
                _current = candidate;
                LogReloaded(_logger, _path, candidate.Rules.Count, candidate.Version);
            }

            return [];
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _reloadTimer.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => _reloadTimer.Change(Debounce, Timeout.InfiniteTimeSpan);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Reloaded {RuleCount} rules, version {RulesVersion}, from {RulesPath}")]
    private static partial void LogReloaded(ILogger logger, string rulesPath, int ruleCount, string rulesVersion);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Rules file {RulesPath} changed but has {ErrorCount} errors; keeping version {RulesVersion} in force. {Errors}")]
    private static partial void LogRejected(ILogger logger, string rulesPath, int errorCount, string errors, string rulesVersion);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Cannot watch {RulesPath} for changes; the rules in force stay until the service restarts")]
    private static partial void LogWatchFailed(ILogger logger, string rulesPath, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Rules file {RulesPath} could not be read; keeping version {RulesVersion} in force")]
    private static partial void LogReadFailed(ILogger logger, string rulesPath, string rulesVersion, Exception exception);
}
