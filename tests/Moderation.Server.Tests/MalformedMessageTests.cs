using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Moderation.Server.Auth;

namespace Moderation.Server.Tests;

/// <summary>
/// Raw request bytes that are not valid protobuf, sent to every method as a hostile client
/// would: every answer is a defined status within a second (INVALID_ARGUMENT when the bytes
/// cannot be a message), and the service keeps serving. The seed is fixed so a failure reproduces.
/// </summary>
public sealed class MalformedMessageTests(InMemoryServer server) : IClassFixture<InMemoryServer>
{
    private const int Seed = 20261201;
    private const int PayloadsPerMethod = 200;

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly StatusCode[] Defined =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.FailedPrecondition,
        StatusCode.ResourceExhausted, StatusCode.Aborted, StatusCode.OutOfRange, StatusCode.PermissionDenied,
    ];

    /// <summary>Every method of the service's own API, with the role that may call it.</summary>
    private static IEnumerable<(MethodDescriptor Method, string Role)> Methods() =>
        new[]
        {
            (Moderation.Api.V1.CommentServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("CommentService"), Roles.Site),
            (Moderation.Api.V1.ModerationServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("ModerationService"), Roles.Moderator),
            (Moderation.Api.V1.RulesServiceReflection.Descriptor.FindTypeByName<ServiceDescriptor>("RulesService"), Roles.Admin),
            (Grpc.Health.V1.HealthReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Health"), Roles.Site),
        }.SelectMany(s => s.Item1.Methods.Where(m => !m.IsClientStreaming).Select(m => (m, s.Item2)));

    [Fact]
    public async Task EveryMethod_MalformedBytes_AnswerADefinedStatusWithinASecond()
    {
        var random = new Random(Seed);
        var undefined = new List<string>();
        int invalidArgument = 0;

        foreach (var (method, role) in Methods())
        {
            var invoker = server.Factory.ChannelFor(role).CreateCallInvoker();
            for (int i = 0; i < PayloadsPerMethod; i++)
            {
                var payload = Requests.MalformedPayload(random);
                var code = await CallAsync(invoker, method, payload);
                invalidArgument += code == StatusCode.InvalidArgument ? 1 : 0;
                if (!Defined.Contains(code))
                {
                    undefined.Add($"{method.FullName} {Convert.ToHexString(payload)}: {code}");
                }
            }
        }

        Assert.True(undefined.Count == 0, $"{undefined.Count} undefined answers:\n" + string.Join('\n', undefined.Take(10)));
        Assert.True(invalidArgument > Methods().Count() * PayloadsPerMethod * 3 / 4, $"only {invalidArgument} INVALID_ARGUMENT");
        var health = await new Grpc.Health.V1.Health.HealthClient(server.Factory.ChannelWithToken(null)).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Theory]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x98 }, "text")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "text")]
    public async Task SubmitComment_InvalidUtf8InTheText_IsInvalidArgumentNamingTheField(byte[] broken, string field)
    {
        var request = Requests.Submit("placeholder");
        request.Text = "";
        byte[] valid = Google.Protobuf.MessageExtensions.ToByteArray(request);
        byte[] payload = [.. valid, 0x3A, (byte)broken.Length, .. broken];

        var error = await Assert.ThrowsAsync<RpcException>(() => UnaryAsync(server.Factory.ChannelFor(Roles.Site).CreateCallInvoker(), "moderation.v1.CommentService", "SubmitComment", payload));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var details = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!;
        Assert.Equal(field, details.FieldViolations.Single().Field);
    }

    [Fact]
    public async Task SubmitComment_InvalidUtf8InANestedField_NamesItsPath()
    {
        byte[] author = [0x0A, 0x02, (byte)'u', (byte)'1', 0x1A, 0x02, 0xC3, 0x28];
        byte[] payload = [0x0A, 0x02, (byte)'c', (byte)'1', 0x12, 0x02, (byte)'a', (byte)'1', 0x1A, (byte)author.Length, .. author, 0x3A, 0x02, (byte)'h', (byte)'i'];

        var error = await Assert.ThrowsAsync<RpcException>(() => UnaryAsync(server.Factory.ChannelFor(Roles.Site).CreateCallInvoker(), "moderation.v1.CommentService", "SubmitComment", payload));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("author.display_name", error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Single().Field);
    }

    private static async Task<StatusCode> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] payload)
    {
        try
        {
            if (method.IsServerStreaming)
            {
                var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, Raw, Raw);
                using var call = invoker.AsyncServerStreamingCall(streaming, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(1)), payload);

                // A stream that opens parsed its request; one that fails answers with its status.
                await call.ResponseHeadersAsync;
                return StatusCode.OK;
            }

            await UnaryAsync(invoker, method.Service.FullName, method.Name, payload);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static Task<byte[]> UnaryAsync(CallInvoker invoker, string service, string name, byte[] payload) =>
        invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, service, name, Raw, Raw), null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(1)), payload).ResponseAsync;
}
