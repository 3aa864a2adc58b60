namespace Moderation.Core.Rules.Detectors;

/// <summary>The kinds of contact details a contact rule finds.</summary>
[Flags]
public enum ContactKind
{
    None = 0,
    Email = 1,
    Phone = 2,
    Card = 4,
}
