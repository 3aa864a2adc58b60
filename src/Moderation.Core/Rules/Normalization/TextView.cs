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
            Array.Resize(ref _chars, Length * 2);
            Array.Resize(ref _starts, Length * 2);
            Array.Resize(ref _ends, Length * 2);
        }

        _chars[Length] = c;
        _starts[Length] = start;
        _ends[Length] = end;
        Length++;
    }

    /// <summary>Replaces the character at <paramref name="index"/>, keeping its original range.</summary>
    public void Set(int index, char c) => _chars[index] = c;

    /// <summary>Widens the last character's original range to reach <paramref name="end"/>.</summary>
    public void ExtendLast(int end) => _ends[Length - 1] = Math.Max(_ends[Length - 1], end);

    public bool SameCharsAs(TextView other) => Chars.SequenceEqual(other.Chars);

    /// <summary>Makes this view a copy of <paramref name="other"/>.</summary>
    public void CopyFrom(TextView other)
    {
        Clear();
        for (int i = 0; i < other.Length; i++)
        {
            Add(other[i], other.StartOf(i), other.EndOf(i));
        }
    }

    public override string ToString() => new(Chars);
}
