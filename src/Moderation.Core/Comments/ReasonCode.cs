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

/// <summary>What a reason code field may hold.</summary>
public static class ReasonCodes
{
    public const string Expected = "Must be REASON_CODE_UNSPECIFIED (none), REASON_CODE_SPAM, REASON_CODE_ABUSE, REASON_CODE_OFF_TOPIC, REASON_CODE_PERSONAL_INFORMATION or REASON_CODE_OTHER.";
}
