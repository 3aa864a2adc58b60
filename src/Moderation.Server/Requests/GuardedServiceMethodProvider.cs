using System.Buffers;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Moderation.Server.Errors;

namespace Moderation.Server.Requests;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does, with one difference: a request
/// whose bytes are not a valid message (truncated, wrong wire types, nesting past the limit,
/// invalid UTF-8 in a string) answers INVALID_ARGUMENT naming the field where it can, instead
/// of UNKNOWN. grpc-dotnet parses the request before any interceptor runs, so the marshaller is
/// the only place to catch it.
/// </summary>
internal sealed class GuardedServiceMethodProvider<TService>(MalformedRequestLog log) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var attribute = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
        if (attribute is null)
        {
            return;
        }

        var bind = attribute.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == attribute.BindMethodName && m.GetParameters().Length == 2 && m.GetParameters()[0].ParameterType == typeof(ServiceBinderBase));
        bind.Invoke(null, [new Binder(context, log), null]);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, MalformedRequestLog log) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Guard(method), metadata, invoker);
        }

        private Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class
            where TResponse : class
        {
            var inner = method.RequestMarshaller;
            var guarded = new Marshaller<TRequest>(inner.ContextualSerializer, deserialization =>
            {
                try
                {
                    return inner.ContextualDeserializer(deserialization);
                }
                catch (Exception ex) when (ex is InvalidProtocolBufferException or ArgumentException)
                {
                    string? field = typeof(IMessage).IsAssignableFrom(typeof(TRequest)) && Descriptor<TRequest>() is { } descriptor
                        ? MalformedRequests.FindInvalidUtf8(descriptor, deserialization.PayloadAsReadOnlySequence().ToArray())
                        : null;
                    log.Refused(method.FullName, field, ex);
                    throw GrpcErrors.MalformedRequest(typeof(TRequest).Name, field, ex);
                }
            });
            return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, guarded, method.ResponseMarshaller);
        }

        private static Google.Protobuf.Reflection.MessageDescriptor? Descriptor<TRequest>() =>
            typeof(TRequest).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as Google.Protobuf.Reflection.MessageDescriptor;

        /// <summary>The service's method as an open delegate, with the metadata routing and authorization read, as grpc-dotnet builds it.</summary>
        private static (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var handler = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null)
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }
    }
}
