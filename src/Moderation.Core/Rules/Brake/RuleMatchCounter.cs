namespace Moderation.Core.Rules.Brake;

/// <summary>
/// One rule's matches in this instance, per minute, over the baseline window: a ring of minute
/// counts with running sums of its recent and older parts, so counting a match and judging it
/// cost the same whatever the windows.
/// </summary>
internal sealed class RuleMatchCounter
{
    private readonly Lock _gate = new();
    private readonly int[] _minutes;
    private readonly int _recentMinutes;
    private readonly long _watchedSince;
    private readonly bool _pastKnownEmpty;
    private long _minute;
    private long _recent;
    private long _older;

    /// <param name="recentMinutes">The recent window, in minutes.</param>
    /// <param name="baselineMinutes">The baseline window, the recent window included, in minutes; more than <paramref name="recentMinutes"/>.</param>
    /// <param name="watchedSince">The minute counting starts.</param>
    /// <param name="pastKnownEmpty">
    /// True when the rule did not exist before <paramref name="watchedSince"/> (it is new in a
    /// reload), so the minutes before count as zero matches. False when its past is unknown (at
    /// start-up) or no longer meaningful (after a demotion ends): then the rule is judged only
    /// once one recent window has been watched to measure its baseline on.
    /// </param>
    public RuleMatchCounter(int recentMinutes, int baselineMinutes, long watchedSince, bool pastKnownEmpty)
    {
        _minutes = new int[baselineMinutes];
        _recentMinutes = recentMinutes;
        _watchedSince = watchedSince;
        _pastKnownEmpty = pastKnownEmpty;
        _minute = watchedSince;
    }

    /// <summary>
    /// Counts one match in <paramref name="minute"/>; true, with the figures, when it makes the
    /// recent count at least <paramref name="minimumMatches"/> and the recent rate more than
    /// <paramref name="spikeFactor"/> times the baseline rate.
    /// </summary>
    public bool CountAndJudge(long minute, int minimumMatches, double spikeFactor, out int recentMatches, out double baselinePerMinute, out int baselineMinutes)
    {
        lock (_gate)
        {
            AdvanceTo(minute);
            _minutes[Slot(_minute)]++;
            _recent++;
            recentMatches = (int)Math.Min(_recent, int.MaxValue);
            baselineMinutes = BaselineMinutesAt(_minute);
            baselinePerMinute = baselineMinutes == 0 ? 0 : (double)_older / baselineMinutes;

            // Until one recent window of baseline has been watched, an unknown past is not a
            // quiet one: a busy rule must not trip just because the instance started.
            if (!_pastKnownEmpty && baselineMinutes < Math.Min(_recentMinutes, _minutes.Length - _recentMinutes))
            {
                return false;
            }

            // recent / R > factor * older / B, multiplied out so a zero baseline needs no special case.
            return _recent >= minimumMatches && _recent * (double)baselineMinutes > spikeFactor * _older * _recentMinutes;
        }
    }

    /// <summary>The minutes of the baseline part watched by <paramref name="minute"/>: all of it when the past is known to be empty.</summary>
    private int BaselineMinutesAt(long minute)
    {
        int full = _minutes.Length - _recentMinutes;
        if (_pastKnownEmpty)
        {
            return full;
        }

        long newestOlder = minute - _recentMinutes;
        long oldestOlder = Math.Max(minute - _minutes.Length + 1, _watchedSince);
        return (int)Math.Clamp(newestOlder - oldestOlder + 1, 0, full);
    }

    /// <summary>Moves the ring on to <paramref name="minute"/>: minutes leave the recent part for the older one, and the oldest leave.</summary>
    private void AdvanceTo(long minute)
    {
        // A clock stepped back counts into the current minute rather than rewriting the past.
        if (minute <= _minute)
        {
            return;
        }

        if (minute - _minute >= _minutes.Length)
        {
            Array.Clear(_minutes);
            _recent = 0;
            _older = 0;
            _minute = minute;
            return;
        }

        while (_minute < minute)
        {
            _minute++;
            int leavingRecent = _minutes[Slot(_minute - _recentMinutes)];
            _recent -= leavingRecent;
            _older += leavingRecent;

            // The slot of the new minute held the minute one baseline window ago.
            int slot = Slot(_minute);
            _older -= _minutes[slot];
            _minutes[slot] = 0;
        }
    }

    private int Slot(long minute) => (int)(((minute % _minutes.Length) + _minutes.Length) % _minutes.Length);
}
