using System.Buffers;

namespace Moderation.Core.Rules.Matching;

/// <summary>
/// Finds the passages of a comment that stand in quotation marks: "…", “…”, „…“, «…», ‘…’, '…',
/// 「…」 and 『…』. A threat in quotation marks is most often reported speech ("someone above wrote
/// «чтоб они все сдохли»", "윗댓에 '다 죽어라'라고 쓰신 분"); rules for statements opt in with
/// <c>skip_quoted: true</c> so that quoting a threat to condemn it is not taken for one, and the
/// abuse model reads no word inside quotation marks.
/// </summary>
/// <remarks>
/// An apostrophe between two letters, as in "don't" or the Ukrainian "м'ясо", is not a quotation
/// mark; between Hangul it is, since Korean has no apostrophe inside words and closes a quote with
/// a particle straight after it ('다 죽어라'라고). Marks that never close open no passage.
/// </remarks>
internal static class Quotations
{
    private const int MaxDepth = 4;
    private static readonly SearchValues<char> Marks = SearchValues.Create("\"'“”„«»‘’「」『』");

    /// <summary>
    /// Whether [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> lies inside one of
    /// <paramref name="passages"/> (as <see cref="Passages"/> gives them: in order, none inside another).
    /// </summary>
    public static bool IsInside(string text, List<(int Open, int Close)> passages, int start, int end)
    {
        int low = 0;
        int high = passages.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            var (open, close) = passages[middle];
            if (close < end)
            {
                // A word read to its end runs on into the particle a Korean quote closes with
                // ('밤길 조심해라'라고): the quoted words end at the mark all the same.
                if (open < start && IsParticleAfterClose(text, close, end))
                {
                    return true;
                }

                low = middle + 1;
            }
            else if (open >= start)
            {
                high = middle - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsParticleAfterClose(string text, int close, int end)
    {
        if (close + 1 >= end || end > text.Length || !CommentLanguage.IsHangul(text[close - 1]))
        {
            return false;
        }

        foreach (char c in text.AsSpan(close + 1, end - close - 1))
        {
            if (!CommentLanguage.IsHangul(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The outermost quoted passages of <paramref name="text"/> in order, each as the positions of
    /// its opening and closing marks (UTF-16). Passages inside them are not listed.
    /// </summary>
    public static void Passages(string text, List<(int Open, int Close)> passages)
    {
        passages.Clear();
        int from = text.AsSpan().IndexOfAny(Marks);
        if (from < 0)
        {
            return;
        }

        Span<(char Close, int At)> open = stackalloc (char, int)[MaxDepth];
        int depth = 0;
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (!Marks.Contains(c))
            {
                continue;
            }

            int closes = -1;
            for (int d = depth - 1; d >= 0; d--)
            {
                if (Closes(open[d].Close, c) && (c is not ('\'' or '’') || IsCloser(text, i)))
                {
                    closes = d;
                    break;
                }
            }

            if (closes >= 0)
            {
                if (closes == 0)
                {
                    passages.Add((open[0].At, i));
                }

                depth = closes;
            }
            else if (CloserOf(c) is char close && depth < MaxDepth && (c is not ('\'' or '‘') || IsOpener(text, i)))
            {
                open[depth++] = (close, i);
            }
        }

        // A quotation is framed by the comment's own words ("someone wrote …"); a comment that is
        // all quotation marks quotes no one, or wrapping a threat in them would hide it.
        if (passages.Count > 0 && !HasWordsOutside(text, passages, 2))
        {
            passages.Clear();
        }
    }

    private static bool HasWordsOutside(string text, List<(int Open, int Close)> passages, int count)
    {
        int passage = 0;
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            if (passage < passages.Count && i >= passages[passage].Open)
            {
                i = passages[passage++].Close;
                inWord = false;
                continue;
            }

            bool letter = char.IsLetter(text[i]);
            if (letter && !inWord && --count == 0)
            {
                return true;
            }

            inWord = letter;
        }

        return false;
    }

    private static char? CloserOf(char opening) => opening switch
    {
        '"' => '"',
        '\'' => '\'',
        '“' => '”',
        '„' => '“',
        '«' => '»',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        _ => null,
    };

    private static bool Closes(char expected, char c) => expected switch
    {
        '”' => c is '”' or '“',
        '“' => c is '“' or '”',
        '\'' => c is '\'' or '’',
        _ => c == expected,
    };

    /// <summary>A single mark opens a quote where a word starts after it, not inside a word.</summary>
    private static bool IsOpener(string text, int i) =>
        i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]) || CommentLanguage.IsHangul(text[i - 1]));

    /// <summary>A single mark closes a quote after a word, unless it is an apostrophe between two letters.</summary>
    private static bool IsCloser(string text, int i)
    {
        if (i == 0 || char.IsWhiteSpace(text[i - 1]))
        {
            return false;
        }

        bool letterAfter = i + 1 < text.Length && char.IsLetter(text[i + 1]);
        return !letterAfter || !char.IsLetter(text[i - 1]) || CommentLanguage.IsHangul(text[i - 1]) || CommentLanguage.IsHangul(text[i + 1]);
    }
}
