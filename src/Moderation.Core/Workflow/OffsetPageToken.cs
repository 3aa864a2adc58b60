using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Moderation.Core.Errors;

namespace Moderation.Core.Workflow;

/// <summary>An opaque page token for append-only lists (histories), where an offset never shifts.</summary>
public static class OffsetPageToken
{
    private const string Prefix = "offset:";

    public static string Of(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset a page token resumes at: 0 for none, and a field violation (then 0) for a token not ours.</summary>
    public static int Parse(string? token, FieldViolations violations, string field)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        violations.Add(field, "Not a page token returned by this service.");
        return 0;
    }
}
