namespace Moderation.Core.Rules.Matching;

/// <summary>
/// Tells a word used as a name from the same word used as a swear: "Senator Dick Durbin",
/// "Ms Cock", "Moby Dick" against "what a dick". A capitalised word (not all capitals) reads as a
/// name when a capitalised word follows it, when a title stands before it, or when a capitalised
/// word stands before it inside a sentence. Rules opt in with <c>skip_names: true</c>, for words
/// that are common names or surnames.
/// </summary>
internal static class ProperNames
{
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "st", "saint", "senator", "sen", "rep",
        "president", "judge", "justice", "general", "gen", "captain", "capt", "prof", "professor", "uncle", "aunt",
        "king", "queen", "prince", "princess", "father", "brother", "sister",
    };

    /// <summary>Whether the word at [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> is used as a name.</summary>
    public static bool IsNameAt(string text, int start, int end)
    {
        var word = text.AsSpan(start, end - start);
        if (word.Length < 2 || !char.IsUpper(word[0]) || !HasLowerLetter(word[1..]) || word.ContainsAny(' ', '\t', '\n'))
        {
            return false;
        }

        var next = WordAfter(text, end);
        if (next.Length > 0 && char.IsUpper(next[0]))
        {
            return true;
        }

        var (previousStart, previousEnd, sentenceStartsBetween) = WordBefore(text, start);
        if (previousEnd == previousStart)
        {
            return false;
        }

        string previous = text[previousStart..previousEnd].TrimEnd('.');
        return Titles.Contains(previous)
            || (!sentenceStartsBetween && char.IsUpper(previous[0]) && !IsSentenceStart(text, previousStart));
    }

    private static bool HasLowerLetter(ReadOnlySpan<char> chars)
    {
        foreach (char c in chars)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> WordAfter(string text, int end)
    {
        int i = end;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        int wordEnd = i;
        while (wordEnd < text.Length && char.IsLetter(text[wordEnd]))
        {
            wordEnd++;
        }

        // Only a word right after a space continues a name: "Dick Durbin", not "Dick. Durbin".
        return i > end ? text.AsSpan(i, wordEnd - i) : [];
    }

    private static (int Start, int End, bool SentenceStartsBetween) WordBefore(string text, int start)
    {
        int i = start;
        bool sentence = false;
        while (i > 0 && !char.IsLetter(text[i - 1]))
        {
            sentence |= text[i - 1] is '.' or '!' or '?' or ':' or '"' or '\n';
            i--;
        }

        int wordStart = i;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        // "Mr. Cock": the full stop of a title ends no sentence.
        bool afterTitle = Titles.Contains(text[wordStart..i]);
        return (wordStart, i, sentence && !afterTitle);
    }

    /// <summary>Whether the word at <paramref name="wordStart"/> begins its sentence, where every word is capitalised.</summary>
    private static bool IsSentenceStart(string text, int wordStart)
    {
        int i = wordStart;
        while (i > 0 && text[i - 1] == ' ')
        {
            i--;
        }

        return i == 0 || text[i - 1] is '.' or '!' or '?' or '\n' or '"';
    }
}
