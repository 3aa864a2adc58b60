using System.Security.Cryptography;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>Logs go to places with weaker protection than the service: no credential and no comment text may reach them.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task Logs_AtTraceLevel_NeverContainCredentialsOrCommentText()
    {
        byte[] signingKey = RandomNumberGenerator.GetBytes(32);
        await using var factory = new ModerationServerFactory(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Auth:Jwt:Issuer"] = "https://identity.example.test",
            ["Auth:Jwt:Audience"] = "moderation",
            ["Auth:Jwt:SigningKey"] = Convert.ToBase64String(signingKey),
        });
        string wrongKey = "mod_wrong_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        string validJwt = JwtAuthenticationTests.Token("mod-jane", Roles.Moderator, signingKey);
        string forgedJwt = JwtAuthenticationTests.Token("mod-jane", Roles.Admin, RandomNumberGenerator.GetBytes(32));
        string commentText = "private-marker-" + Guid.NewGuid().ToString("N") + " you idiot";

        await new CommentService.CommentServiceClient(factory.ChannelFor(Roles.Site)).SubmitCommentAsync(Requests.Submit(commentText));
        await new ModerationService.ModerationServiceClient(factory.ChannelWithToken(validJwt)).ListQueueAsync(new ListQueueRequest { Queue = Queue.Pending });
        foreach (string refused in new[] { wrongKey, forgedJwt })
        {
            var client = new RulesService.RulesServiceClient(factory.ChannelWithToken(refused));
            await Assert.ThrowsAsync<RpcException>(() => client.GetRulesAsync(new GetRulesRequest()).ResponseAsync);
        }

        await Assert.ThrowsAsync<RpcException>(() => new RulesService.RulesServiceClient(factory.ChannelFor(Roles.Site)).GetRulesAsync(new GetRulesRequest()).ResponseAsync);

        var secrets = ModerationServerFactory.TestKeys.Values
            .Concat([wrongKey, validJwt, forgedJwt, Convert.ToBase64String(signingKey), commentText])
            .Concat(new[] { validJwt, forgedJwt }.Select(jwt => jwt.Split('.')[2]))
            .ToList();
        Assert.True(factory.Logs.Lines.Count > 20, "Trace logging should have produced plenty of lines to search.");
        foreach (string line in factory.Logs.Lines)
        {
            foreach (string secret in secrets)
            {
                Assert.False(line.Contains(secret, StringComparison.Ordinal), $"A secret appeared in a log line: {line[..Math.Min(line.Length, 200)]}");
            }
        }
    }
}
