using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;

namespace Moderation.Server.Auth;

/// <summary>
/// Which roles may call each method: the whole access policy in one table. Admin may call
/// everything. A method missing here stops the start, so no new method ships without a rule.
/// </summary>
internal static class MethodAccess
{
    public static readonly IReadOnlyDictionary<string, string[]> RolesByMethod = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["/moderation.v1.CommentService/SubmitComment"] = [Roles.Site],
        ["/moderation.v1.CommentService/EditComment"] = [Roles.Site],
        ["/moderation.v1.CommentService/GetComment"] = [Roles.Site, Roles.Moderator],
        ["/moderation.v1.CommentService/ReportComment"] = [Roles.Site],
        ["/moderation.v1.CommentService/UpsertArticle"] = [Roles.Site],
        ["/moderation.v1.CommentService/WatchDecisions"] = [Roles.Site],
        ["/moderation.v1.ModerationService/ListQueue"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/GetQueueStats"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/ClaimComments"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/ReleaseComments"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/DecideComment"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/GetCommentHistory"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/SetAuthorStatus"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/GetAuthor"] = [Roles.Moderator],
        ["/moderation.v1.ModerationService/WatchQueue"] = [Roles.Moderator],
        ["/moderation.v1.RulesService/GetRules"] = [Roles.Admin],
        ["/moderation.v1.RulesService/ValidateRules"] = [Roles.Admin],
        ["/moderation.v1.RulesService/TestComment"] = [Roles.Admin],
        ["/moderation.v1.RulesService/RestoreRule"] = [Roles.Admin],
        ["/moderation.v1.RulesService/GetRuleStats"] = [Roles.Moderator],
        ["/moderation.v1.RulesService/BacktestRules"] = [Roles.Admin],
    };

    /// <summary>Puts the method's roles on a gRPC endpoint as an [Authorize] requirement.</summary>
    public static void Apply(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc)
        {
            return;
        }

        string method = grpc.Method.FullName;
        if (!RolesByMethod.TryGetValue(method, out var roles))
        {
            throw new InvalidOperationException($"The gRPC method {method} has no entry in {nameof(MethodAccess)}: say which roles may call it.");
        }

        endpoint.Metadata.Add(new AuthorizeAttribute { Roles = string.Join(',', roles.Append(Roles.Admin).Distinct()) });
    }
}
