namespace Moderation.Core.Rules.History;

/// <summary>
/// Remembers which authors posted which texts (by fingerprint), shared by every instance, so
/// repeats and copy-paste campaigns are seen whichever instance a comment reaches.
/// </summary>
public interface ITextHistoryStore
{
    /// <summary>
    /// Records that <paramref name="authorId"/> posts the text with <paramref name="fingerprint"/>
    /// at <paramref name="now"/>, and returns what was seen before, counted over <paramref name="windows"/>.
    /// Entries older than the longest window are forgotten.
    /// </summary>
    Task<TextHistory> RecordAsync(string fingerprint, string authorId, DateTimeOffset now, IReadOnlyCollection<TimeSpan> windows, CancellationToken cancellationToken);
}
