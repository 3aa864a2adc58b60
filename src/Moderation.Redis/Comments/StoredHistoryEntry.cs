using System.Text.Json;
using Moderation.Core.Comments;
using Moderation.Core.Workflow.Transitions;

namespace Moderation.Redis.Comments;

/// <summary>
/// A history entry as Redis keeps it. The text a submission or an edit brings is the comment's
/// own text until a later edit replaces it, so the entry does not hold it again
/// (<see cref="TextOmitted"/>); the edit that replaces a text carries the one it replaced
/// (<see cref="Replaced"/>). Each text is stored once, and read back by walking the history
/// from the comment's current text towards its first version.
/// </summary>
internal sealed record StoredHistoryEntry(HistoryEntry Entry, bool TextOmitted = false, string? Replaced = null)
{
    /// <summary>The change's entries as stored: the text that becomes the comment's is left to the comment.</summary>
    public static IEnumerable<byte[]> Serialize(CommentChange change)
    {
        string current = change.After.Comment.Submission.Text;
        string? replaced = change.IsNewComment || change.Before.Comment.Submission.Text == current ? null : change.Before.Comment.Submission.Text;
        foreach (var entry in change.Entries)
        {
            var stored = entry.Text == current
                ? new StoredHistoryEntry(entry with { Text = null }, TextOmitted: true, Replaced: replaced)
                : new StoredHistoryEntry(entry);

            // Only the first entry that takes on the new text knows the one before it.
            if (stored.TextOmitted)
            {
                replaced = null;
            }

            yield return JsonSerializer.SerializeToUtf8Bytes(stored, StoredJson.Info<StoredHistoryEntry>());
        }
    }

    /// <summary>
    /// Entries as stored, up to the newest, with their texts put back: an omitted text is the
    /// comment's current one unless a later edit replaced it. Entries written by builds before
    /// this form (the plain entry, text included) are read as they are.
    /// </summary>
    public static List<HistoryEntry> Read(IReadOnlyList<string> storedToNewest, string? currentText)
    {
        var entries = new HistoryEntry[storedToNewest.Count];
        string? text = currentText;
        for (int i = storedToNewest.Count - 1; i >= 0; i--)
        {
            string json = storedToNewest[i];
            if (!json.StartsWith("{\"entry\":", StringComparison.Ordinal))
            {
                entries[i] = JsonSerializer.Deserialize(json, StoredJson.Info<HistoryEntry>()) ?? throw new InvalidDataException("An empty history entry.");
                continue;
            }

            var stored = JsonSerializer.Deserialize(json, StoredJson.Info<StoredHistoryEntry>()) ?? throw new InvalidDataException("An empty history entry.");
            entries[i] = stored.TextOmitted ? stored.Entry with { Text = text } : stored.Entry;
            if (stored.Replaced is not null)
            {
                text = stored.Replaced;
            }
        }

        return [.. entries];
    }
}
