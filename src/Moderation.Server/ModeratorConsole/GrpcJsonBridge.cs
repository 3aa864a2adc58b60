using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Moderation.Api.V1;

namespace Moderation.Server.ModeratorConsole;

/// <summary>
/// The console's only way to the service: a JSON request from the page (protobuf's JSON
/// mapping) becomes the request of a gRPC method, called on this server's own gRPC endpoint
/// with the signed-in moderator's credential. Authentication, the access table, validation and
/// every error are the API's own; nothing here decides anything about comments.
/// </summary>
internal sealed class GrpcJsonBridge : IDisposable
{
    private const int MaxRequestBytes = 1024 * 1024;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly FrozenDictionary<string, MethodDescriptor> Methods = new[]
        {
            CommentServiceReflection.Descriptor, ModerationServiceReflection.Descriptor, RulesServiceReflection.Descriptor,
        }
        .SelectMany(file => file.Services)
        .SelectMany(service => service.Methods)
        .Where(method => !method.IsClientStreaming)
        .ToFrozenDictionary(method => $"{method.Service.FullName}/{method.Name}", StringComparer.Ordinal);

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default
        .WithFormatDefaultValues(true)
        .WithTypeRegistry(TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor)));

    private readonly Lazy<GrpcChannel> _channel;
    private readonly TimeProvider _timeProvider;

    public GrpcJsonBridge(IServer server, IOptions<ConsoleOptions> options, ConsoleEndpoint console, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _channel = new Lazy<GrpcChannel>(() => GrpcChannel.ForAddress(
            string.IsNullOrEmpty(options.Value.GrpcAddress) ? ConsoleEndpoint.OwnGrpcAddress(server, console) ?? throw new InvalidOperationException("The console found no gRPC endpoint of this server to call; set Console:GrpcAddress.") : options.Value.GrpcAddress,
            new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 }));
    }

    /// <summary>Calls the unary method <paramref name="service"/>/<paramref name="method"/> with the request body as its JSON request.</summary>
    public async Task CallAsync(HttpContext http, string service, string method, string credential)
    {
        if (!Methods.TryGetValue($"{service}/{method}", out var descriptor) || descriptor.IsServerStreaming)
        {
            await WriteErrorAsync(http, StatusCode.NotFound, $"No unary method {service}/{method}.");
            return;
        }

        string json = await ReadBodyAsync(http);
        if (Parse(json, descriptor) is not { } request)
        {
            await WriteErrorAsync(http, StatusCode.InvalidArgument, $"The body is not a JSON {descriptor.InputType.FullName}.");
            return;
        }

        try
        {
            var call = _channel.Value.CreateCallInvoker().AsyncUnaryCall(MethodOf(descriptor), null, CallOptions(http, credential, CallTimeout), request.ToByteArray());
            var reply = descriptor.OutputType.Parser.ParseFrom(await call.ResponseAsync);
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(Formatter.Format(reply), http.RequestAborted);
        }
        catch (RpcException error)
        {
            await WriteErrorAsync(http, error);
        }
    }

    /// <summary>
    /// Streams the server-streaming method as server-sent events: each message one <c>data:</c>
    /// event, a comment line every 15 seconds so proxies keep the connection, and an
    /// <c>error</c> event when the call ends with an error.
    /// </summary>
    public async Task StreamAsync(HttpContext http, string service, string method, string requestJson, string credential)
    {
        if (!Methods.TryGetValue($"{service}/{method}", out var descriptor) || !descriptor.IsServerStreaming)
        {
            await WriteErrorAsync(http, StatusCode.NotFound, $"No streaming method {service}/{method}.");
            return;
        }

        if (Parse(requestJson, descriptor) is not { } request)
        {
            await WriteErrorAsync(http, StatusCode.InvalidArgument, $"The request is not a JSON {descriptor.InputType.FullName}.");
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        using var call = _channel.Value.CreateCallInvoker().AsyncServerStreamingCall(MethodOf(descriptor), null, CallOptions(http, credential, timeout: null), request.ToByteArray());
        try
        {
            await http.Response.Body.FlushAsync(http.RequestAborted);
            var next = call.ResponseStream.MoveNext(http.RequestAborted);
            var keepAlive = Task.Delay(KeepAliveEvery, _timeProvider, http.RequestAborted);
            while (true)
            {
                if (await Task.WhenAny(next, keepAlive) == keepAlive)
                {
                    await WriteEventAsync(http, null, null);
                    keepAlive = Task.Delay(KeepAliveEvery, _timeProvider, http.RequestAborted);
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                await WriteEventAsync(http, null, Formatter.Format(descriptor.OutputType.Parser.ParseFrom(call.ResponseStream.Current)));
                next = call.ResponseStream.MoveNext(http.RequestAborted);
            }
        }
        catch (RpcException error) when (!http.RequestAborted.IsCancellationRequested)
        {
            await WriteEventAsync(http, "error", ErrorJson(error));
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException && http.RequestAborted.IsCancellationRequested)
        {
            // The page went away: the stream simply ends.
        }
    }

    public void Dispose()
    {
        if (_channel.IsValueCreated)
        {
            _channel.Value.Dispose();
        }
    }

    private static Method<byte[], byte[]> MethodOf(MethodDescriptor descriptor) =>
        new(descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary, descriptor.Service.FullName, descriptor.Name, Raw, Raw);

    private CallOptions CallOptions(HttpContext http, string credential, TimeSpan? timeout)
    {
        var headers = new Metadata();
        if (credential.Length > 0)
        {
            headers.Add("authorization", $"Bearer {credential}");
        }

        DateTime? deadline = timeout is { } limit ? _timeProvider.GetUtcNow().UtcDateTime + limit : null;
        return new CallOptions(headers, deadline, http.RequestAborted);
    }

    private static IMessage? Parse(string json, MethodDescriptor descriptor)
    {
        try
        {
            return Parser.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json, descriptor.InputType);
        }
        catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The request body as text, or empty when it is over the limit.</summary>
    public static async Task<string> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxRequestBytes)
        {
            return "";
        }

        // Read in chunks, so a small request costs a small buffer and a large one stops at the limit.
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var text = new StringBuilder();
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > MaxRequestBytes)
            {
                return "";
            }
        }

        return text.ToString();
    }

    private static Task WriteErrorAsync(HttpContext http, RpcException error)
    {
        http.Response.StatusCode = HttpStatusOf(error.StatusCode);
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(ErrorJson(error), http.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext http, StatusCode code, string message) =>
        WriteErrorAsync(http, new RpcException(new Grpc.Core.Status(code, message)));

    /// <summary>
    /// The error as JSON: the gRPC status code's name, its message, and its rich details
    /// (BadRequest, ErrorInfo, RetryInfo, ...) in protobuf's JSON form with their <c>@type</c>.
    /// </summary>
    private static string ErrorJson(RpcException error)
    {
        var details = error.GetRpcStatus()?.Details ?? [];
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("code", CodeName(error.StatusCode));
            json.WriteString("message", error.Status.Detail);
            json.WriteStartArray("details");
            foreach (var detail in details)
            {
                json.WriteRawValue(Formatter.Format(detail));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string CodeName(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : char.ToUpperInvariant(c).ToString()));

    private static Task WriteEventAsync(HttpContext http, string? type, string? data)
    {
        var text = new StringBuilder();
        if (data is null)
        {
            text.Append(": keep-alive\n\n");
        }
        else
        {
            if (type is not null)
            {
                text.Append("event: ").Append(type).Append('\n');
            }

            text.Append("data: ").Append(data.ReplaceLineEndings(" ")).Append("\n\n");
        }

        return WriteAndFlushAsync(http, text.ToString());
    }

    private static async Task WriteAndFlushAsync(HttpContext http, string text)
    {
        await http.Response.WriteAsync(text, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    /// <summary>HTTP statuses as gRPC's HTTP mapping (google.rpc.Code) gives them.</summary>
    private static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => 200,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => 400,
        StatusCode.Unauthenticated => 401,
        StatusCode.PermissionDenied => 403,
        StatusCode.NotFound => 404,
        StatusCode.AlreadyExists or StatusCode.Aborted => 409,
        StatusCode.ResourceExhausted => 429,
        StatusCode.Cancelled => 499,
        StatusCode.Unimplemented => 501,
        StatusCode.Unavailable => 503,
        StatusCode.DeadlineExceeded => 504,
        _ => 500,
    };
}
