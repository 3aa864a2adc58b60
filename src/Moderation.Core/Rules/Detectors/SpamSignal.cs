namespace Moderation.Core.Rules.Detectors;

/// <summary>The spam signals a spam rule can look for.</summary>
public enum SpamSignal
{
    /// <summary>The share of capitals among the letters is at least the threshold (with enough letters).</summary>
    CapsRatio,

    /// <summary>One character repeated at least N times in a row.</summary>
    RepeatedCharacters,

    /// <summary>One word repeated at least N times in a row.</summary>
    RepeatedWords,

    /// <summary>The share of emoji and symbols among the visible characters is at least the threshold.</summary>
    SymbolRatio,

    /// <summary>Longer than N characters.</summary>
    MaxLength,

    /// <summary>Shorter than N characters (after trimming).</summary>
    MinLength,

    /// <summary>The same author posted the same text (after folding) within the window.</summary>
    RepeatFromAuthor,

    /// <summary>At least N distinct authors posted the same text within the window: a copy-paste campaign.</summary>
    CopyCampaign,
}
