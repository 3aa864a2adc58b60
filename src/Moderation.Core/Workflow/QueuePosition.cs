using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow;

/// <summary>
/// A place in a queue ordered by (enqueued time, comment id). Pages resume after a position
/// rather than at an offset, so items that leave the queue between pages shift nothing and
/// no item is skipped or shown twice.
/// </summary>
public readonly record struct QueuePosition(long EnqueuedAtUnixMilliseconds, string CommentId) : IComparable<QueuePosition>
{
    public static QueuePosition Of(QueueItem item) => new(item.EnqueuedAt.ToUnixTimeMilliseconds(), item.Comment.Id);

    public int CompareTo(QueuePosition other)
    {
        int byTime = EnqueuedAtUnixMilliseconds.CompareTo(other.EnqueuedAtUnixMilliseconds);
        return byTime != 0 ? byTime : string.CompareOrdinal(CommentId, other.CommentId);
    }

    public static bool operator <(QueuePosition left, QueuePosition right) => left.CompareTo(right) < 0;

    public static bool operator <=(QueuePosition left, QueuePosition right) => left.CompareTo(right) <= 0;

    public static bool operator >(QueuePosition left, QueuePosition right) => left.CompareTo(right) > 0;

    public static bool operator >=(QueuePosition left, QueuePosition right) => left.CompareTo(right) >= 0;

    /// <summary>An opaque page token (URL-safe base64) for this position.</summary>
    public string ToPageToken() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{EnqueuedAtUnixMilliseconds}|{CommentId}")));

    /// <summary>Reads a page token: null for none, and a field violation on <paramref name="field"/> (then null) when it is not one of ours.</summary>
    public static QueuePosition? ParsePageToken(string? token, FieldViolations violations, string field)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            int bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out long at) && bar < text.Length - 1)
            {
                return new QueuePosition(at, text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        violations.Add(field, "Not a page token returned by this service.");
        return null;
    }
}
