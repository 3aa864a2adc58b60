namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// All the readings of a text that terms are matched against. Clean text has one; each trick
/// the text shows (leet, spaced letters, stretched letters) adds the readings that undo it.
/// The count is bounded (at most 3 leet variants × 2 spacings × 3 stretchings).
/// </summary>
internal static class TextViews
{
    public static List<TextView> For(string text)
    {
        var folded = TextFolder.Fold(text);
        var variants = new List<TextView>(3) { folded };
        if (ViewTransforms.Leet(folded, 'i') is { } leetI)
        {
            variants.Add(leetI);
            if (ViewTransforms.HasAmbiguousLeet(folded) && ViewTransforms.Leet(folded, 'l') is { } leetL)
            {
                variants.Add(leetL);
            }
        }

        var views = new List<TextView>(variants.Count * 2);
        foreach (var variant in variants)
        {
            AddCollapsed(views, variant);
            if (ViewTransforms.JoinSpacedLetters(variant) is { } joined)
            {
                AddCollapsed(views, joined);
            }
        }

        return views;
    }

    /// <summary>The form terms are stored in: folded and separator-collapsed, nothing guessed.</summary>
    public static string TermForm(string term) => ViewTransforms.CollapseSeparators(TextFolder.Fold(term)).ToString().Trim();

    private static void AddCollapsed(List<TextView> views, TextView view)
    {
        var spaced = ViewTransforms.CollapseSeparators(view);
        Add(views, spaced);
        if (ViewTransforms.HasLetterRuns(spaced))
        {
            Add(views, ViewTransforms.CollapseLetterRuns(spaced, keep: 1));
            Add(views, ViewTransforms.CollapseLetterRuns(spaced, keep: 2));
        }
    }

    private static void Add(List<TextView> views, TextView view)
    {
        foreach (var existing in views)
        {
            if (existing.SameCharsAs(view))
            {
                return;
            }
        }

        views.Add(view);
    }
}
