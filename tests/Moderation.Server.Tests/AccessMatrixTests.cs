using Google.Protobuf.Reflection;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// Calls every method of every service in the generated descriptors as every kind of caller.
/// The expected access is written out here, independently of the server's table, and a method
/// missing from it fails: no method ships without someone deciding who may call it.
/// </summary>
public sealed class AccessMatrixTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["moderation.v1.CommentService/SubmitComment"] = [Roles.Site, Roles.Admin],
        ["moderation.v1.CommentService/EditComment"] = [Roles.Site, Roles.Admin],
        ["moderation.v1.CommentService/GetComment"] = [Roles.Site, Roles.Moderator, Roles.Admin],
        ["moderation.v1.CommentService/ReportComment"] = [Roles.Site, Roles.Admin],
        ["moderation.v1.CommentService/UpsertArticle"] = [Roles.Site, Roles.Admin],
        ["moderation.v1.CommentService/WatchDecisions"] = [Roles.Site, Roles.Admin],
        ["moderation.v1.ModerationService/ListQueue"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/GetQueueStats"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/ClaimComments"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/ReleaseComments"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/DecideComment"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/GetCommentHistory"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/SetAuthorStatus"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/GetAuthor"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.ModerationService/WatchQueue"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.RulesService/GetRules"] = [Roles.Admin],
        ["moderation.v1.RulesService/ValidateRules"] = [Roles.Admin],
        ["moderation.v1.RulesService/TestComment"] = [Roles.Admin],
        ["moderation.v1.RulesService/RestoreRule"] = [Roles.Admin],
        ["moderation.v1.RulesService/GetRuleStats"] = [Roles.Moderator, Roles.Admin],
        ["moderation.v1.RulesService/BacktestRules"] = [Roles.Admin],
    };

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static TheoryData<string> AllMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in Services().SelectMany(s => s.Methods))
        {
            data.Add($"{method.Service.FullName}/{method.Name}");
        }

        return data;
    }

    [Fact]
    public void Expected_CoversEveryMethodOfEveryService()
    {
        var methods = Services().SelectMany(s => s.Methods).Select(m => $"{m.Service.FullName}/{m.Name}").Order().ToList();

        Assert.Equal(methods, Expected.Keys.Order().ToList());
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task Call_EachRole_IsAllowedOrDeniedAsExpected(string method)
    {
        foreach (string role in Roles.All)
        {
            var status = await StatusOfCall(server.Factory.ChannelFor(role).CreateCallInvoker(), method);
            if (Expected[method].Contains(role))
            {
                Assert.True(status is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied), $"{role} should reach {method}, got {status}");
            }
            else
            {
                Assert.True(status == StatusCode.PermissionDenied, $"{role} should be denied {method}, got {status}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllMethods))]
    public async Task Call_NoOrBadCredential_IsUnauthenticated(string method)
    {
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfCall(server.Factory.ChannelWithToken(null).CreateCallInvoker(), method));
        Assert.Equal(StatusCode.Unauthenticated, await StatusOfCall(server.Factory.ChannelWithToken("mod_not_a_real_key").CreateCallInvoker(), method));
    }

    [Fact]
    public async Task Call_NoCredential_ExplainsHowToSendOne()
    {
        var client = new CommentService.CommentServiceClient(server.Factory.ChannelWithToken(null));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCommentAsync(new GetCommentRequest { CommentId = "c1" }).ResponseAsync);

        Assert.Contains("authorization: Bearer", error.Status.Detail, StringComparison.Ordinal);
    }

    private static IEnumerable<ServiceDescriptor> Services() =>
        new[] { CommentServiceReflection.Descriptor, ModerationServiceReflection.Descriptor, RulesServiceReflection.Descriptor }.SelectMany(f => f.Services);

    /// <summary>Calls a method with an empty request and returns the status it ends with.</summary>
    private static async Task<StatusCode> StatusOfCall(CallInvoker invoker, string fullName)
    {
        var descriptor = Services().SelectMany(s => s.Methods).Single(m => $"{m.Service.FullName}/{m.Name}" == fullName);
        var type = descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var method = new Method<byte[], byte[]>(type, descriptor.Service.FullName, descriptor.Name, Raw, Raw);
        // A stream an allowed caller opens stays open until the deadline: reaching it (DEADLINE_EXCEEDED)
        // proves the call got past authorization, so a short one suffices there.
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(descriptor.IsServerStreaming ? 1 : 10));
        try
        {
            if (descriptor.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(method, null, options, []);
                while (await call.ResponseStream.MoveNext(default))
                {
                }
            }
            else
            {
                await invoker.AsyncUnaryCall(method, null, options, []);
            }

            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
