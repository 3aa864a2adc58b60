using System.ComponentModel.DataAnnotations;

namespace Moderation.Core.Comments;

/// <summary>How much a caller may send (configuration section <c>Limits</c>).</summary>
public sealed class InputLimitOptions
{
    public const string SectionName = "Limits";

    /// <summary>The longest comment text, in characters (Unicode code points, as spans count them); 1 to 100,000. Default 10,000.</summary>
    [Range(1, 100_000)]
    public int MaxTextLength { get; set; } = 10_000;
}
