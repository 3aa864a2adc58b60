namespace Moderation.Core.Workflow;

/// <summary>
/// Fills one page from a queue's items offered in queue order: skips items at or before the
/// cursor and items the filters exclude, and knows there is a next page only when an item
/// beyond a full page turns up. Every store pages the same way through it.
/// </summary>
public sealed class QueuePageBuilder(QueueQuery query)
{
    private readonly List<QueueItem> _items = new(query.PageSize);
    private bool _hasMore;

    /// <summary>Offers the next item; false once the page is complete and no more are needed.</summary>
    public bool Offer(QueueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if ((query.After is { } after && QueuePosition.Of(item) <= after) || !query.Includes(item))
        {
            return true;
        }

        if (_items.Count == query.PageSize)
        {
            _hasMore = true;
            return false;
        }

        _items.Add(item);
        return true;
    }

    public QueuePage Build() => new(_items, _hasMore ? QueuePosition.Of(_items[^1]).ToPageToken() : null);
}
