namespace Moderation.Server.Auth;

/// <summary>Who may call what. Admin may call everything.</summary>
public static class Roles
{
    /// <summary>The news site's backend: CommentService.</summary>
    public const string Site = "site";

    /// <summary>Moderators' tools: ModerationService, reading comments, and the rule statistics.</summary>
    public const string Moderator = "moderator";

    /// <summary>Administrators: RulesService and everything else.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Site, Moderator, Admin];
}
