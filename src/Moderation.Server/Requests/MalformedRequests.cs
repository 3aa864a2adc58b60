using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Moderation.Server.Requests;

/// <summary>
/// Why a request's bytes are not a message of its type, and where: the field path when the
/// fault is inside a string (invalid UTF-8, as a client that cut a text in the middle of an
/// emoji sends), otherwise the parser's own words.
/// </summary>
internal static class MalformedRequests
{
    /// <summary>Nesting beyond this is left unexplored; protobuf refuses it anyway past 100.</summary>
    private const int MaxDepth = 32;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The path of the first string field that is not valid UTF-8 ("author.display_name"), or null.</summary>
    public static string? FindInvalidUtf8(MessageDescriptor descriptor, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return Walk(descriptor, bytes.ToArray(), 0);
        }
        catch (InvalidProtocolBufferException)
        {
            // The bytes break off elsewhere; the parser's message says where.
            return null;
        }
    }

    private static string? Walk(MessageDescriptor descriptor, byte[] bytes, int depth)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag));
            if (field is null || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
            {
                input.SkipLastField();
                continue;
            }

            var payload = input.ReadBytes().ToByteArray();
            if (field.FieldType == FieldType.String && !IsValidUtf8(payload))
            {
                return field.Name;
            }

            if (field.FieldType == FieldType.Message && depth < MaxDepth && Walk(field.MessageType, payload, depth + 1) is { } inner)
            {
                return field.Name + "." + inner;
            }
        }

        return null;
    }

    private static bool IsValidUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
