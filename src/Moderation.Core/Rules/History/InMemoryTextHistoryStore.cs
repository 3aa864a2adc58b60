namespace Moderation.Core.Rules.History;

/// <summary>Text history in process memory: the embedded default for one instance.</summary>
public sealed class InMemoryTextHistoryStore : ITextHistoryStore
{
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _byFingerprint = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _recordsSincePrune;

    public Task<TextHistory> RecordAsync(string fingerprint, string authorId, DateTimeOffset now, IReadOnlyCollection<TimeSpan> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var keep = windows.Count == 0 ? TimeSpan.Zero : windows.Max();
        lock (_gate)
        {
            if (!_byFingerprint.TryGetValue(fingerprint, out var authors))
            {
                _byFingerprint[fingerprint] = authors = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            }

            DateTimeOffset? before = authors.TryGetValue(authorId, out var seen) && now - seen <= keep ? seen : null;
            authors[authorId] = now;
            var counts = windows.Distinct().ToDictionary(w => w, w => authors.Values.Count(t => now - t <= w));
            PruneNowAndThen(now, keep);
            return Task.FromResult(new TextHistory(before, counts));
        }
    }

    // Memory stays proportional to the texts seen within the longest window.
    private void PruneNowAndThen(DateTimeOffset now, TimeSpan keep)
    {
        if (++_recordsSincePrune < 1024)
        {
            return;
        }

        _recordsSincePrune = 0;
        foreach (var (fingerprint, authors) in _byFingerprint)
        {
            foreach (var (author, seen) in authors)
            {
                if (now - seen > keep)
                {
                    authors.Remove(author);
                }
            }

            if (authors.Count == 0)
            {
                _byFingerprint.Remove(fingerprint);
            }
        }
    }
}
