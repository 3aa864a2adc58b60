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

    public static int Parse(string token, string field)
    {
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

        throw new InvalidRequestException([new FieldViolation(field, "Not a page token returned by this service.")]);
    }
}
