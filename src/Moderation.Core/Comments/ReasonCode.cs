namespace Moderation.Core.Comments;

/// <summary>Why a moderator or a reader acted on a comment.</summary>
public enum ReasonCode
{
    Unspecified = 0,
    Spam = 1,
    Abuse = 2,
    OffTopic = 3,
    PersonalInformation = 4,
    Other = 5,
}
