using System.Buffers;
using System.Text.RegularExpressions;

namespace Moderation.Core.Rules.Detectors;

/// <summary>
/// Finds contact details: e-mail addresses (also spelled out, "jane at gmail dot com"), phone
/// numbers in international and common national formats, and payment card numbers that pass
/// the Luhn check (so order numbers and long figures do not).
/// </summary>
public sealed partial class ContactDetector(ContactKind kinds) : RuleDetector
{
    public ContactKind Kinds { get; } = kinds;

    public override bool Detect(string text, EvaluationContext context, List<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ranges);
        int before = ranges.Count;
        if (Kinds.HasFlag(ContactKind.Email))
        {
            // Vectorized searches turn most comments away before a pattern runs: an address
            // needs its @, and a number its ASCII digits, the only ones counted below.
            if (text.Contains('@'))
            {
                AddAll(EmailPattern(), text, ranges);
            }

            int from = SpelledAddressFrom(text);
            if (from >= 0)
            {
                foreach (var match in SpelledEmailPattern().EnumerateMatches(text, from))
                {
                    ranges.Add((match.Index, match.Index + match.Length));
                }
            }
        }

        // A phone number has 8 digits or more and a card 13 or more: most comments have fewer in all.
        int digitsInText = CountDigits(text);
        if (Kinds.HasFlag(ContactKind.Phone) && digitsInText >= 8)
        {
            foreach (var match in PhonePattern().EnumerateMatches(text))
            {
                int digits = CountDigits(text.AsSpan(match.Index, match.Length));
                if (digits is >= 8 and <= 15)
                {
                    ranges.Add((match.Index, match.Index + match.Length));
                }
            }
        }

        if (Kinds.HasFlag(ContactKind.Card) && digitsInText >= 13)
        {
            Span<char> digits = stackalloc char[19];
            foreach (var match in CardPattern().EnumerateMatches(text))
            {
                int count = 0;
                foreach (char c in text.AsSpan(match.Index, match.Length))
                {
                    if (char.IsAsciiDigit(c) && count < digits.Length)
                    {
                        digits[count++] = c;
                    }
                }

                if (count is >= 13 and <= 19 && PassesLuhn(digits[..count]))
                {
                    ranges.Add((match.Index, match.Index + match.Length));
                }
            }
        }

        return ranges.Count > before;
    }

    public override string Describe() => $"Contact details ({Kinds.ToString().ToLowerInvariant()}).";

    /// <summary>The Luhn checksum every payment card number carries.</summary>
    public static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        int sum = 0;
        bool doubled = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int digit = digits[i] - '0';
            if (doubled && (digit *= 2) > 9)
            {
                digit -= 9;
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    private static void AddAll(Regex pattern, string text, List<(int Start, int End)> ranges)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            ranges.Add((match.Index, match.Index + match.Length));
        }
    }

    /// <summary>
    /// Where the spelled-out address pattern must start looking, or -1 when it cannot match: a
    /// match holds a provider's name with "at" or "@" just before it and "dot" or "." just
    /// after. A vectorized search for the names turns most comments away, and the pattern,
    /// whose cost grows with the text it scans, starts at the local part of the first name that
    /// passes; no match can begin before it.
    /// </summary>
    private static int SpelledAddressFrom(string text)
    {
        var span = text.AsSpan();
        for (int at = span.IndexOfAny(MailProviders); at >= 0; at = NextFrom(span, at + 1))
        {
            foreach (string provider in MailProviderNames)
            {
                if (span[at..].StartsWith(provider, StringComparison.OrdinalIgnoreCase)
                    && DotFollows(span[(at + provider.Length)..])
                    && AtPrecedes(span[..at]) is int atSign and >= 0)
                {
                    return LocalPartStart(span, atSign);
                }
            }
        }

        return -1;
    }

    private static int NextFrom(ReadOnlySpan<char> span, int from) =>
        span[from..].IndexOfAny(MailProviders) is var next and >= 0 ? from + next : -1;

    private static bool DotFollows(ReadOnlySpan<char> after)
    {
        int i = 0;
        while (i < after.Length && (char.IsWhiteSpace(after[i]) || after[i] is '(' or '[' or '{'))
        {
            i++;
        }

        return after[i..].StartsWith(".", StringComparison.Ordinal) || after[i..].StartsWith("dot", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Where the "at" or "@" before a provider's name begins, or -1.</summary>
    private static int AtPrecedes(ReadOnlySpan<char> before)
    {
        int i = BackOverSpacesAnd(before, before.Length, ")]}");
        return before[..i].EndsWith("@", StringComparison.Ordinal) ? i - 1
            : before[..i].EndsWith("at", StringComparison.OrdinalIgnoreCase) ? i - 2
            : -1;
    }

    /// <summary>The start of the local part before the "at" at <paramref name="atSign"/>: back over spaces and an opening bracket, then its letters.</summary>
    private static int LocalPartStart(ReadOnlySpan<char> span, int atSign)
    {
        int i = BackOverSpacesAnd(span, atSign, "([{");
        while (i > 0 && (char.IsLetter(span[i - 1]) || char.IsNumber(span[i - 1]) || span[i - 1] is '.' or '_' or '+' or '-'))
        {
            i--;
        }

        return i;
    }

    /// <summary>Where the run of white space and <paramref name="brackets"/> that ends at <paramref name="end"/> begins.</summary>
    private static int BackOverSpacesAnd(ReadOnlySpan<char> span, int end, string brackets)
    {
        int i = end;
        while (i > 0 && (char.IsWhiteSpace(span[i - 1]) || brackets.Contains(span[i - 1], StringComparison.Ordinal)))
        {
            i--;
        }

        return i;
    }

    // The pattern's names. It ignores case as Unicode does, which also reads the Kelvin sign as
    // k; ordinal comparison does not, so that spelling of "outlook" is a name of its own here.
    private static readonly string[] MailProviderNames =
        ["gmail", "googlemail", "yahoo", "hotmail", "outlook", "outloo\u212A", "live", "msn", "aol", "icloud", "me", "mac", "proton", "protonmail", "pm", "gmx", "web", "mail", "yandex", "zoho", "tutanota"];

    private static readonly SearchValues<string> MailProviders = SearchValues.Create(MailProviderNames, StringComparison.OrdinalIgnoreCase);

    private static int CountDigits(ReadOnlySpan<char> text) => CharCounts.InRange(text, '0', '9');

    // The built-in patterns run on the non-backtracking engine, linear in the text, and carry no
    // match timeout: a timeout cannot stop a hostile text they do not already bound, and on a
    // starved CPU it could turn an ordinary comment into an internal error.
    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Spelled-out addresses are only recognised at the big mail providers: "meet at the dot com
    // era" must not read as an address. The names are MailProviderNames, which find where to start.
    [GeneratedRegex(@"\b[\p{L}\p{N}._+-]+\s*[\(\[{]?\s*(at|@)\s*[\)\]}]?\s*(gmail|googlemail|yahoo|hotmail|outlook|live|msn|aol|icloud|me|mac|proton|protonmail|pm|gmx|web|mail|yandex|zoho|tutanota)\s*[\(\[{]?\s*(dot|\.)\s*[\)\]}]?\s*(com|net|org|de|co\s*(dot|\.)\s*uk|fr|ru|me|ch)\b", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpelledEmailPattern();

    // International (+ and country code), North American (555) 123-4567, and national numbers
    // with a trunk 0 (020 7946 0958, 0151-123-4567). Digit counts are checked afterwards.
    [GeneratedRegex(@"(\+\d{1,3}[\s.-]?\(?\d{1,4}\)?([\s.-]?\d{2,5}){1,4})|(\(\d{3}\)\s?\d{3}[\s.-]\d{4})|(\b\d{3}[.-]\d{3}[.-]\d{4}\b)|(\b0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b)", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();
}
