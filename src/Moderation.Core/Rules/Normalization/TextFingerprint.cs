using System.Security.Cryptography;
using System.Text;

namespace Moderation.Core.Rules.Normalization;

/// <summary>
/// A short hash of a text's folded reading, so "BUY NOW!!", "buy now" and "bυy  now" are the
/// same text for repeat and campaign detection. The text itself is never stored.
/// </summary>
public static class TextFingerprint
{
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string folded = TextViews.TermForm(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folded)).AsSpan(0, 16));
    }
}
