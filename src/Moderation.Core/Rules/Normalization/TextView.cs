namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// One normalized reading of a text: characters folded so that evasions read like the terms
/// they hide, each carrying the range [start, end) of the original text (UTF-16 positions) it
/// was read from, so that a match in the view maps back to a span of what the author wrote.
/// </summary>
internal sealed class TextView
{
    private char[] _chars;
    private int[] _starts;
    private int[] _ends;

    public TextView(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        _chars = new char[capacity];
        _starts = new int[capacity];
        _ends = new int[capacity];
    }

    public int Length { get; private set; }

    /// <summary>Empties the view, keeping its buffers for the next text.</summary>
    public void Clear() => Length = 0;

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, Length);

    public char this[int index] => _chars[index];

    public int StartOf(int index) => _starts[index];

    public int EndOf(int index) => _ends[index];

    public void Add(char c, int start, int end)
    {
        if (Length == _chars.Length)
        {
            Grow(Length + 1);
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        Length++;
    }

    /// <summary>Appends the characters [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="other"/> with their original ranges.</summary>
    public void AddRange(TextView other, int start, int end)
    {
        int count = end - start;
        if (count <= 0)
        {
            return;
        }

        if (Length + count > _chars.Length)
        {
            Grow(Length + count);
        }

        // Spans, not Array.Copy: most ranges are a word long, where Array.Copy's type checks cost more than the copy.
        other._chars.AsSpan(start, count).CopyTo(_chars.AsSpan(Length));
        other._starts.AsSpan(start, count).CopyTo(_starts.AsSpan(Length));
        other._ends.AsSpan(start, count).CopyTo(_ends.AsSpan(Length));
        Length += count;
    }

    private void Grow(int needed)
    {
        int capacity = Math.Max(needed, _chars.Length * 2);
        Array.Resize(ref _chars, capacity);
        Array.Resize(ref _starts, capacity);
        Array.Resize(ref _ends, capacity);
    }

    /// <summary>Replaces the character at <paramref name="index"/>, keeping its original range.</summary>
    public void Set(int index, char c) => _chars[index] = c;

    /// <summary>Widens the last character's original range to reach <paramref name="end"/>.</summary>
    public void ExtendLast(int end) => _ends[Length - 1] = Math.Max(_ends[Length - 1], end);

    /// <summary>
    /// Makes this view <paramref name="other"/> with every run of non-word characters read as one
    /// space spanning the run. One loop over the arrays: most words are a few characters long,
    /// where a copy call per word costs more than the copy.
    /// </summary>
    public void CopyCollapsingSeparators(TextView other)
    {
        if (_chars.Length < other.Length)
        {
            Grow(other.Length);
        }

        var chars = _chars;
        var starts = _starts;
        var ends = _ends;
        int length = 0;
        bool inSeparator = false;
        for (int i = 0; i < other.Length; i++)
        {
            char c = other._chars[i];
            if (CharClasses.IsWord(c))
            {
                chars[length] = c;
                starts[length] = other._starts[i];
                ends[length] = other._ends[i];
                length++;
                inSeparator = false;
            }
            else if (inSeparator)
            {
                ends[length - 1] = Math.Max(ends[length - 1], other._ends[i]);
            }
            else
            {
                chars[length] = ' ';
                starts[length] = other._starts[i];
                ends[length] = other._ends[i];
                length++;
                inSeparator = true;
            }
        }

        Length = length;
    }

    public bool SameCharsAs(TextView other) => Chars.SequenceEqual(other.Chars);

    /// <summary>Makes this view a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(TextView other)
    {
        Clear();
        AddRange(other, 0, other.Length);
    }

    public override string ToString() => new(Chars);
}
