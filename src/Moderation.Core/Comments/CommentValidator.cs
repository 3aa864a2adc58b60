using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Moderation.Core.Errors;

namespace Moderation.Core.Comments;

/// <summary>
/// The syntax every field must have before anything else looks at a request. Each check adds
/// a field violation rather than throwing, so a client learns every problem in one round trip.
/// </summary>
public sealed partial class CommentValidator(InputLimitOptions limits, TimeProvider timeProvider)
{
    public const int MaxUserAgentLength = 512;
    public const int MaxDisplayNameLength = 200;
    public const int MaxNoteLength = 2_000;

    /// <summary>Account creation times before this are not real (the oldest comment systems are younger).</summary>
    public static readonly DateTimeOffset EarliestAccountCreation = new(1995, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of our clock a site's clock may run.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public void Validate(CommentSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var violations = new FieldViolations();
        CheckId(violations, "comment_id", submission.CommentId);
        CheckId(violations, "article_id", submission.ArticleId);
        CheckId(violations, "author.id", submission.Author?.Id);
        CheckId(violations, "parent_id", submission.ParentId, required: false);
        CheckText(violations, "text", submission.Text);
        CheckPlainText(violations, "author.display_name", submission.Author?.DisplayName, MaxDisplayNameLength);
        CheckPlainText(violations, "user_agent", submission.UserAgent, MaxUserAgentLength);
        if (submission.Author?.CreatedAt is { } created)
        {
            CheckPast(violations, "author.created_at", created);
        }

        if (!string.IsNullOrEmpty(submission.IpAddress) && !IPAddress.TryParse(submission.IpAddress, out _))
        {
            violations.Add("ip_address", "Must be an IPv4 or IPv6 address.");
        }

        violations.ThrowIfAny();
    }

    /// <summary>Checks a comment text: present, not blank, within the configured length, no control characters.</summary>
    public void CheckText(FieldViolations violations, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrWhiteSpace(text))
        {
            violations.Add(field, "Required and must not be blank.");
            return;
        }

        if (IsLongerThan(text, limits.MaxTextLength))
        {
            violations.Add(field, $"Must be at most {limits.MaxTextLength} characters.");
            return;
        }

        CheckCharacters(violations, field, text);
    }

    /// <summary>Checks a time that must have happened: not in the future (beyond clock skew), not absurdly old.</summary>
    public void CheckPast(FieldViolations violations, string field, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (time > timeProvider.GetUtcNow() + ClockSkewAllowance)
        {
            violations.Add(field, "Must not be in the future.");
        }
        else if (time < EarliestAccountCreation)
        {
            violations.Add(field, $"Must not be before {EarliestAccountCreation:yyyy-MM-dd}.");
        }
    }

    /// <summary>Checks an id field: 1 to 128 of letters, digits and <c>-_.:</c>.</summary>
    public static void CheckId(FieldViolations violations, string field, string? value, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                violations.Add(field, "Required.");
            }
        }
        else if (!IdPattern().IsMatch(value))
        {
            violations.Add(field, "Must be 1 to 128 of A-Z, a-z, 0-9, '-', '_', '.' and ':'.");
        }
    }

    /// <summary>Checks an optional free-text field (a note, a name): bounded length, no control characters.</summary>
    public static void CheckPlainText(FieldViolations violations, string field, string? value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (IsLongerThan(value, maxLength))
        {
            violations.Add(field, $"Must be at most {maxLength} characters.");
            return;
        }

        CheckCharacters(violations, field, value);
    }

    /// <summary>
    /// Lengths count characters as the API's spans do, in code points: an emoji is one, though
    /// it takes two UTF-16 units. A lone surrogate counts as one; the character check refuses it.
    /// </summary>
    private static bool IsLongerThan(string value, int maxCharacters) =>
        value.Length > maxCharacters && Rules.CodePoints.Count(value) > maxCharacters;

    /// <summary>
    /// Refuses NUL and other control characters (tab and line breaks are text) and unpaired
    /// surrogates, which are not characters at all and break every consumer that encodes them.
    /// </summary>
    private static void CheckCharacters(FieldViolations violations, string field, string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                violations.Add(field, $"Has an unpaired surrogate at UTF-16 index {i}.");
                return;
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                violations.Add(field, string.Create(CultureInfo.InvariantCulture, $"Has the control character U+{(int)c:X4} at index {i}."));
                return;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex IdPattern();
}
