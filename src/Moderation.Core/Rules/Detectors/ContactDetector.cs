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

    public override bool Detect(string text, List<(int Start, int End)> ranges)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ranges);
        int before = ranges.Count;
        if (Kinds.HasFlag(ContactKind.Email))
        {
            AddAll(EmailPattern(), text, ranges);
            AddAll(SpelledEmailPattern(), text, ranges);
        }

        if (Kinds.HasFlag(ContactKind.Phone))
        {
            foreach (Match match in PhonePattern().Matches(text))
            {
                int digits = match.Value.Count(char.IsAsciiDigit);
                if (digits is >= 8 and <= 15)
                {
                    ranges.Add((match.Index, match.Index + match.Length));
                }
            }
        }

        if (Kinds.HasFlag(ContactKind.Card))
        {
            foreach (Match match in CardPattern().Matches(text))
            {
                string digits = new(match.Value.Where(char.IsAsciiDigit).ToArray());
                if (digits.Length is >= 13 and <= 19 && PassesLuhn(digits))
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
        foreach (Match match in pattern.Matches(text))
        {
            ranges.Add((match.Index, match.Index + match.Length));
        }
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();

    // Spelled-out addresses are only recognised at the big mail providers: "meet at the dot com
    // era" must not read as an address.
    [GeneratedRegex(@"\b[\p{L}\p{N}._+-]+\s*[\(\[{]?\s*(at|@)\s*[\)\]}]?\s*(gmail|googlemail|yahoo|hotmail|outlook|live|msn|aol|icloud|me|mac|proton|protonmail|pm|gmx|web|mail|yandex|zoho|tutanota)\s*[\(\[{]?\s*(dot|\.)\s*[\)\]}]?\s*(com|net|org|de|co\s*(dot|\.)\s*uk|fr|ru|me|ch)\b", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SpelledEmailPattern();

    // International (+ and country code), North American (555) 123-4567, and national numbers
    // with a trunk 0 (020 7946 0958, 0151-123-4567). Digit counts are checked afterwards.
    [GeneratedRegex(@"(\+\d{1,3}[\s.-]?\(?\d{1,4}\)?([\s.-]?\d{2,5}){1,4})|(\(\d{3}\)\s?\d{3}[\s.-]\d{4})|(\b\d{3}[.-]\d{3}[.-]\d{4}\b)|(\b0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b)", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CardPattern();
}
