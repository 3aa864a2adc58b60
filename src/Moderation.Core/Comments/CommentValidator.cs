using System.Net;
using System.Text.RegularExpressions;
using Moderation.Core.Errors;

namespace Moderation.Core.Comments;

/// <summary>The syntax every id and text must have before anything else looks at a request.</summary>
public static partial class CommentValidator
{
    /// <summary>The longest comment text accepted, in UTF-16 units.</summary>
    public const int MaxTextLength = 10_000;

    public const int MaxUserAgentLength = 512;

    /// <summary>Checks an id field: 1 to 128 of letters, digits and <c>-_.:</c>.</summary>
    public static void CheckId(FieldViolations violations, string field, string? value, bool required = true)
    {
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

    /// <summary>Checks a comment text: present, not blank, not over <see cref="MaxTextLength"/>.</summary>
    public static void CheckText(FieldViolations violations, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            violations.Add(field, "Required and must not be blank.");
        }
        else if (text.Length > MaxTextLength)
        {
            violations.Add(field, $"Must be at most {MaxTextLength} characters.");
        }
    }

    public static void Validate(CommentSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var violations = new FieldViolations();
        CheckId(violations, "comment_id", submission.CommentId);
        CheckId(violations, "article_id", submission.ArticleId);
        CheckId(violations, "author.id", submission.Author?.Id);
        CheckId(violations, "parent_id", submission.ParentId, required: false);
        CheckText(violations, "text", submission.Text);
        if (!string.IsNullOrEmpty(submission.IpAddress) && !IPAddress.TryParse(submission.IpAddress, out _))
        {
            violations.Add("ip_address", "Must be an IPv4 or IPv6 address.");
        }

        if (submission.UserAgent is { Length: > MaxUserAgentLength })
        {
            violations.Add("user_agent", $"Must be at most {MaxUserAgentLength} characters.");
        }

        violations.ThrowIfAny();
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex IdPattern();
}
