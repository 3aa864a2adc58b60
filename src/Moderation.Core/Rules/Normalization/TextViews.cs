namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// All the readings of a text that terms are matched against. The first is the whole text,
/// folded and separator-collapsed. Each trick the text shows (leet, a word that could be in
/// either script, separated Korean syllables, spaced letters, stretched letters) is read again
/// only in a window around it: the tokens with the trick and enough tokens either side for the
/// longest term, read in every way that undoes it (at most 5 variants × 3 spacings × 3
/// stretchings per window). Tricks close together share a window, so a term across both is
/// read with both undone. The views live in buffers reused per thread, so reading a clean
/// comment allocates nothing once the buffers have grown.
/// </summary>
internal sealed class TextViews
{
    [ThreadStatic]
    private static TextViews? t_perThread;

    /// <summary>
    /// A part [Start, End) of the folded text read again, the tricks in it (indices into
    /// <see cref="_tricks"/>), and where it lies in the first reading.
    /// </summary>
    private readonly record struct Window(int Start, int End, int FirstTrick, int TrickCount, int WholeStart, int WholeEnd);

    private string _text = "";
    private readonly TextView _folded = new(256);
    private readonly TextView _slice = new(64);
    private readonly TextView _otherScript = new(64);
    private readonly TextView _leetI = new(64);
    private readonly TextView _leetL = new(64);
    private readonly TextView _joined = new(64);
    private readonly TextView _joinedAfterWord = new(64);
    private readonly TextView _joinedBeforeWord = new(64);
    private readonly TextView _hangulJoined = new(256);
    private readonly TextView _spliced = new(256);
    private readonly TextView _plain = new(64);
    private readonly TextView _spacedScratch = new(64);
    private LetterRuns _letterRuns = null!;
    private readonly List<TextView> _variants = new(5);
    private readonly List<TextView> _pool = [];
    private readonly List<TextView> _views = new(8);
    private readonly List<int> _windowOfView = new(8);
    private readonly List<bool> _joinsWords = new(8);
    private readonly List<Window> _windows = [];
    private readonly List<(int Start, int End)> _tricks = [];
    private readonly List<(int Start, int End)> _eitherWords = [];
    private int _windowFirstView;
    private bool _hasHangul;

    /// <summary>
    /// The readings of <paramref name="text"/>, with <paramref name="contextTokens"/> tokens
    /// around each trick (the most words in a term, less one). Valid until the next call on the
    /// same thread: rule evaluation is synchronous and finishes with them before it returns.
    /// <paramref name="letterRuns"/> says which shortened forms of stretched letters to read.
    /// </summary>
    public static TextViews For(string text, int contextTokens, LetterRuns letterRuns)
    {
        var views = t_perThread ??= new TextViews();
        views._letterRuns = letterRuns;
        views.Read(text, contextTokens);
        return views;
    }

    /// <summary>The separator-collapsed readings that terms and phrases are matched in; the whole text first.</summary>
    public IReadOnlyList<TextView> Readings => _views;

    /// <summary>The folded text before separators collapse: where masked words ("f*ck", "х*й") are looked for.</summary>
    public TextView Folded => _folded;

    /// <summary>The form terms are stored in: folded and separator-collapsed, nothing guessed.</summary>
    public static string TermForm(string term) => ViewTransforms.CollapseSeparators(TextFolder.Fold(term)).ToString().Trim();

    /// <summary>
    /// Whether a match at [<paramref name="start"/>, <paramref name="end"/>) of the original text,
    /// found in reading <paramref name="reading"/>, touches what that reading reads differently.
    /// A match in a window's unchanged context is the first reading's to find, with the allow
    /// terms around it that the window may cut.
    /// </summary>
    public bool Touches(int reading, int start, int end)
    {
        if (_windowOfView[reading] is var window and >= 0)
        {
            var (_, _, first, count, _, _) = _windows[window];
            for (int t = first; t < first + count; t++)
            {
                var (trickStart, trickEnd) = _tricks[t];
                if (start < _folded.EndOf(trickEnd - 1) && _folded.StartOf(trickStart) < end)
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    /// <summary>Whether readings <paramref name="a"/> and <paramref name="b"/> read the same window.</summary>
    public bool SameWindow(int a, int b) => _windowOfView[a] >= 0 && _windowOfView[a] == _windowOfView[b];

    /// <summary>Whether reading <paramref name="reading"/> reads as one word what the first reading reads as several.</summary>
    public bool JoinsWords(int reading) => _joinsWords[reading];

    /// <summary>
    /// How many words of the first reading lie between its character <paramref name="wholeIndex"/>
    /// and the window of reading <paramref name="reading"/>; 0 inside it.
    /// </summary>
    public int WordsToWindow(int reading, int wholeIndex)
    {
        var window = _windows[_windowOfView[reading]];
        var (from, to) = wholeIndex < window.WholeStart ? (wholeIndex, window.WholeStart)
            : wholeIndex >= window.WholeEnd ? (window.WholeEnd, wholeIndex)
            : (0, 0);
        return _views[0].Chars[from..to].Count(' ');
    }

    /// <summary>
    /// Reading <paramref name="reading"/> in its setting: its window as that reading reads it,
    /// with <paramref name="words"/> words of the first reading either side. Phrases, whose gaps
    /// reach past a window, are matched in this; it stays short, so a long comment with many
    /// tricks costs time in proportion to its length. Valid until the next call.
    /// </summary>
    public TextView InSetting(int reading, int words, out int partStart, out int partEnd)
    {
        if (_windowOfView[reading] < 0)
        {
            partStart = 0;
            partEnd = _views[reading].Length;
            return _views[reading];
        }

        var window = _windows[_windowOfView[reading]];
        var whole = _views[0];
        _spliced.Clear();
        Append(whole, WordsBefore(whole, window.WholeStart, words), window.WholeStart);
        partStart = _spliced.Length;
        Append(_views[reading], 0, _views[reading].Length);
        partEnd = _spliced.Length;
        Append(whole, window.WholeEnd, WordsAfter(whole, window.WholeEnd, words));
        return _spliced;
    }

    /// <summary>Adds the words of <paramref name="reading"/>, the runs between its spaces, to <paramref name="into"/> as (start, exclusive end).</summary>
    public static void AddWords(ReadOnlySpan<char> reading, List<(int Start, int End)> into)
    {
        int start = 0;
        for (int i = 0; i <= reading.Length; i++)
        {
            if (i == reading.Length || reading[i] == ' ')
            {
                if (i > start)
                {
                    into.Add((start, i));
                }

                start = i + 1;
            }
        }
    }

    /// <summary>Where the <paramref name="words"/> words before <paramref name="index"/> of <paramref name="view"/> begin.</summary>
    public static int WordsBefore(TextView view, int index, int words)
    {
        for (int spaces = 0; index > 0 && (view[index - 1] != ' ' || ++spaces <= words); index--)
        {
        }

        return index;
    }

    /// <summary>Where the <paramref name="words"/> words after <paramref name="index"/> of <paramref name="view"/> end.</summary>
    public static int WordsAfter(TextView view, int index, int words)
    {
        for (int spaces = 0; index < view.Length && (view[index] != ' ' || ++spaces <= words); index++)
        {
        }

        return index;
    }

    /// <summary>Appends part of a reading to the setting, keeping single spaces between words.</summary>
    private void Append(TextView from, int start, int end)
    {
        // Each part keeps single spaces already: only where two parts meet can two fall together.
        if (start < end && from[start] == ' ' && _spliced.Length > 0 && _spliced[_spliced.Length - 1] == ' ')
        {
            start++;
        }

        _spliced.AddRange(from, start, end);
    }

    private void Read(string text, int contextTokens)
    {
        _text = text;
        _views.Clear();
        _windowOfView.Clear();
        _joinsWords.Clear();
        _windows.Clear();
        _tricks.Clear();
        _eitherWords.Clear();
        TextFolder.Fold(text, 0, text.Length, _folded, otherScript: false, _eitherWords);
        var whole = Rent();
        ViewTransforms.CollapseSeparators(_folded, whole);
        _views.Add(whole);
        _windowOfView.Add(-1);
        _joinsWords.Add(false);

        _hasHangul = ViewTransforms.HasHangul(_folded.Chars);
        ViewTransforms.FindTricks(_folded, _hangulJoined, _tricks, _hasHangul);
        foreach (var (start, end) in _eitherWords)
        {
            AddTrickAt(start, end);
        }

        if (_tricks.Count == 0)
        {
            return;
        }

        _tricks.Sort();
        FindWindows(contextTokens);
        for (int w = 0; w < _windows.Count; w++)
        {
            ReadWindow(w);
        }
    }

    /// <summary>The folded characters read from the original range [start, end) become a trick.</summary>
    private void AddTrickAt(int start, int end)
    {
        int first = 0;
        while (first < _folded.Length && _folded.StartOf(first) < start)
        {
            first++;
        }

        int last = first;
        while (last < _folded.Length && _folded.EndOf(last) <= end)
        {
            last++;
        }

        if (last > first)
        {
            _tricks.Add((first, last));
        }
    }

    /// <summary>Each trick widened to whole tokens and its context; windows that overlap become one.</summary>
    private void FindWindows(int contextTokens)
    {
        int t = 0;
        while (t < _tricks.Count)
        {
            int first = t;
            int start = TokensBefore(_tricks[t].Start, contextTokens);
            int end = TokensAfter(_tricks[t].End, contextTokens);
            t++;
            while (t < _tricks.Count && TokensBefore(_tricks[t].Start, contextTokens) < end)
            {
                end = Math.Max(end, TokensAfter(_tricks[t].End, contextTokens));
                t++;
            }

            _windows.Add(new Window(start, end, first, t - first, FirstInWholeAtOrAfter(_folded.StartOf(start)), FirstInWholeAtOrAfter(_folded.EndOf(end - 1))));
        }
    }

    /// <summary>The first character of the first reading read from <paramref name="origin"/> of the original text or later.</summary>
    private int FirstInWholeAtOrAfter(int origin)
    {
        var whole = _views[0];
        int low = 0;
        int high = whole.Length;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (whole.StartOf(mid) < origin)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>The start of the token holding <paramref name="index"/>, moved back by <paramref name="count"/> more tokens.</summary>
    private int TokensBefore(int index, int count)
    {
        int i = index;
        while (i > 0 && ViewTransforms.IsTokenChar(_folded[i - 1]))
        {
            i--;
        }

        for (int n = 0; n < count && i > 0; n++)
        {
            while (i > 0 && !ViewTransforms.IsTokenChar(_folded[i - 1]))
            {
                i--;
            }

            while (i > 0 && ViewTransforms.IsTokenChar(_folded[i - 1]))
            {
                i--;
            }
        }

        return i;
    }

    /// <summary>The end of the token holding the character before <paramref name="index"/>, moved on by <paramref name="count"/> more tokens.</summary>
    private int TokensAfter(int index, int count)
    {
        int i = index;
        while (i < _folded.Length && ViewTransforms.IsTokenChar(_folded[i]))
        {
            i++;
        }

        for (int n = 0; n < count && i < _folded.Length; n++)
        {
            while (i < _folded.Length && !ViewTransforms.IsTokenChar(_folded[i]))
            {
                i++;
            }

            while (i < _folded.Length && ViewTransforms.IsTokenChar(_folded[i]))
            {
                i++;
            }
        }

        return i;
    }

    private void ReadWindow(int window)
    {
        var (start, end, _, _, _, _) = _windows[window];
        _slice.Clear();
        _slice.AddRange(_folded, start, end);

        _variants.Clear();
        _variants.Add(_slice);
        if (ViewTransforms.Leet(_slice, 'i', _leetI))
        {
            _variants.Add(_leetI);
            if (ViewTransforms.HasAmbiguousLeet(_slice) && ViewTransforms.Leet(_slice, 'l', _leetL))
            {
                _variants.Add(_leetL);
            }
        }

        int windowStart = _folded.StartOf(start);
        int windowEnd = _folded.EndOf(end - 1);
        if (HasEitherWord(windowStart, windowEnd))
        {
            TextFolder.Fold(_text, windowStart, windowEnd, _otherScript, otherScript: true, eitherWords: null);
            _variants.Add(_otherScript);
        }

        if (_hasHangul && ViewTransforms.JoinHangulSyllables(_slice, _hangulJoined))
        {
            _variants.Add(_hangulJoined);
        }

        _windowFirstView = _views.Count;
        foreach (var variant in _variants)
        {
            AddCollapsed(variant, window);
            if (ViewTransforms.JoinSpacedLetters(variant, _joined, keepLeadingWord: false, keepTrailingWord: false, out bool startsWithWord, out bool endsWithWord))
            {
                AddCollapsed(_joined, window);
                if (startsWithWord && ViewTransforms.JoinSpacedLetters(variant, _joinedAfterWord, keepLeadingWord: true, keepTrailingWord: false, out _, out _))
                {
                    AddCollapsed(_joinedAfterWord, window);
                }

                if (endsWithWord && ViewTransforms.JoinSpacedLetters(variant, _joinedBeforeWord, keepLeadingWord: false, keepTrailingWord: true, out _, out _))
                {
                    AddCollapsed(_joinedBeforeWord, window);
                }
            }
        }

    }

    private bool HasEitherWord(int start, int end)
    {
        foreach (var (wordStart, wordEnd) in _eitherWords)
        {
            if (wordStart < end && start < wordEnd)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adds <paramref name="view"/> collapsed, and with its letter runs shortened. The window as
    /// folded is part of the first reading already, so only its shortened forms are added; the
    /// form as written and the one with pairs only when the rules can tell them apart.
    /// </summary>
    private void AddCollapsed(TextView view, int window)
    {
        bool plain = view == _slice;
        var spaced = plain ? _plain : _spacedScratch;
        ViewTransforms.CollapseSeparators(view, spaced);
        bool hasRuns = ViewTransforms.HasLetterRuns(spaced, _hasHangul);
        var (asWritten, pairs) = hasRuns ? _letterRuns.Needed(spaced) : (true, false);
        if (!plain && asWritten)
        {
            var kept = Rent();
            kept.CopyFrom(spaced);
            if (!Keep(kept, window))
            {
                return;
            }
        }

        if (!hasRuns)
        {
            return;
        }

        for (int keep = 1; keep <= (pairs ? 2 : 1); keep++)
        {
            var collapsed = Rent();
            ViewTransforms.CollapseLetterRuns(spaced, keep, collapsed);
            Keep(collapsed, window);
        }
    }

    private TextView Rent()
    {
        if (_views.Count == _pool.Count)
        {
            _pool.Add(new TextView(256));
        }

        return _pool[_views.Count];
    }

    /// <summary>Adds the rented view unless the window already has an identical reading.</summary>
    private bool Keep(TextView view, int window)
    {
        if (_plain.SameCharsAs(view))
        {
            return false;
        }

        for (int v = _windowFirstView; v < _views.Count; v++)
        {
            if (_views[v].SameCharsAs(view))
            {
                return false;
            }
        }

        _views.Add(view);
        _windowOfView.Add(window);
        _joinsWords.Add(view.Chars.Count(' ') != _plain.Chars.Count(' '));
        return true;
    }
}
