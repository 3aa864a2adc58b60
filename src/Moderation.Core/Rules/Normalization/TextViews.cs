namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// All the readings of a text that terms are matched against. Clean text has one; each trick
/// the text shows (leet, separated Korean syllables, spaced letters, stretched letters) adds the
/// readings that undo it, at most 4 variants × 3 spacings × 3 stretchings. The views live in buffers reused per
/// thread, so reading a clean comment allocates nothing once the buffers have grown.
/// </summary>
internal sealed class TextViews
{
    [ThreadStatic]
    private static TextViews? t_perThread;

    private readonly TextView _folded = new(256);
    private readonly TextView _otherScript = new(256);
    private readonly TextView _leetI = new(256);
    private readonly TextView _leetL = new(256);
    private readonly TextView _joined = new(256);
    private readonly TextView _joinedAfterWord = new(256);
    private readonly TextView _joinedBeforeWord = new(256);
    private readonly TextView _hangulJoined = new(256);
    private readonly List<TextView> _variants = new(3);
    private readonly List<TextView> _pool = [];
    private readonly List<TextView> _views = new(18);

    /// <summary>
    /// The readings of <paramref name="text"/>. Valid until the next call on the same thread:
    /// rule evaluation is synchronous and finishes with them before it returns.
    /// </summary>
    public static TextViews For(string text)
    {
        var views = t_perThread ??= new TextViews();
        views.Read(text);
        return views;
    }

    /// <summary>The separator-collapsed readings that terms and phrases are matched in.</summary>
    public IReadOnlyList<TextView> Readings => _views;

    /// <summary>The folded text before separators collapse: where masked words ("f*ck", "х*й") are looked for.</summary>
    public TextView Folded => _folded;

    /// <summary>The form terms are stored in: folded and separator-collapsed, nothing guessed.</summary>
    public static string TermForm(string term) => ViewTransforms.CollapseSeparators(TextFolder.Fold(term)).ToString().Trim();

    private void Read(string text)
    {
        _views.Clear();
        _variants.Clear();
        bool eitherScript = TextFolder.Fold(text, _folded);
        _variants.Add(_folded);
        if (ViewTransforms.Leet(_folded, 'i', _leetI))
        {
            _variants.Add(_leetI);
            if (ViewTransforms.HasAmbiguousLeet(_folded) && ViewTransforms.Leet(_folded, 'l', _leetL))
            {
                _variants.Add(_leetL);
            }
        }

        if (eitherScript)
        {
            TextFolder.Fold(text, _otherScript, otherScript: true);
            _variants.Add(_otherScript);
        }

        if (ViewTransforms.JoinHangulSyllables(_folded, _hangulJoined))
        {
            _variants.Add(_hangulJoined);
        }

        foreach (var variant in _variants)
        {
            AddCollapsed(variant);
            if (ViewTransforms.JoinSpacedLetters(variant, _joined, keepLeadingWord: false, keepTrailingWord: false, out bool startsWithWord, out bool endsWithWord))
            {
                AddCollapsed(_joined);
                if (startsWithWord && ViewTransforms.JoinSpacedLetters(variant, _joinedAfterWord, keepLeadingWord: true, keepTrailingWord: false, out _, out _))
                {
                    AddCollapsed(_joinedAfterWord);
                }

                if (endsWithWord && ViewTransforms.JoinSpacedLetters(variant, _joinedBeforeWord, keepLeadingWord: false, keepTrailingWord: true, out _, out _))
                {
                    AddCollapsed(_joinedBeforeWord);
                }
            }
        }
    }

    private void AddCollapsed(TextView view)
    {
        var spaced = Rent();
        ViewTransforms.CollapseSeparators(view, spaced);
        if (!Keep(spaced) || !ViewTransforms.HasLetterRuns(spaced))
        {
            return;
        }

        for (int keep = 1; keep <= 2; keep++)
        {
            var collapsed = Rent();
            ViewTransforms.CollapseLetterRuns(spaced, keep, collapsed);
            Keep(collapsed);
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

    /// <summary>Adds the rented view unless an identical reading is already there.</summary>
    private bool Keep(TextView view)
    {
        foreach (var existing in _views)
        {
            if (existing.SameCharsAs(view))
            {
                return false;
            }
        }

        _views.Add(view);
        return true;
    }
}
