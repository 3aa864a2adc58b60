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

            AddAll(SpelledEmailPattern(), text, ranges);
        }

        // A phone number has 8 digits or more and a card 13 or more: most comments have fewer in all.
        int digitsInText = text.AsSpan().ContainsAnyInRange('0', '9') ? CountDigits(text) : 0;
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

    private static int CountDigits(ReadOnlySpan<char> text)
    {
        int digits = 0;
        foreach (char c in text)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits;
    }

    // The built-in patterns run on the non-backtracking engine, linear in the text, and carry no
    // match timeout: a timeout cannot stop a hostile text they do not already bound, and on a
    // starved CPU it could turn an ordinary comment into an internal error.
    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Spelled-out addresses are only recognised at the big mail providers: "meet at the dot com
    // era" must not read as an address.
    [GeneratedRegex(@"\b[\p{L}\p{N}._+-]+\s*[\(\[{]?\s*(at|@)\s*[\)\]}]?\s*(gmail|googlemail|yahoo|hotmail|outlook|live|msn|aol|icloud|me|mac|proton|protonmail|pm|gmx|web|mail|yandex|zoho|tutanota)\s*[\(\[{]?\s*(dot|\.)\s*[\)\]}]?\s*(com|net|org|de|co\s*(dot|\.)\s*uk|fr|ru|me|ch)\b", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpelledEmailPattern();

    // International (+ and country code), North American (555) 123-4567, and national numbers
    // with a trunk 0 (020 7946 0958, 0151-123-4567). Digit counts are checked afterwards.
    [GeneratedRegex(@"(\+\d{1,3}[\s.-]?\(?\d{1,4}\)?([\s.-]?\d{2,5}){1,4})|(\(\d{3}\)\s?\d{3}[\s.-]\d{4})|(\b\d{3}[.-]\d{3}[.-]\d{4}\b)|(\b0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b)", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex CardPattern();
}
