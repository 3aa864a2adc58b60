using System.Globalization;
using Moderation.Api.V1;

namespace Moderation.LoadTest;

/// <summary>
/// Generated submissions, the same for a seed: clean comments in the site's four languages
/// with some profanity, spam and links, each from one of many authors, addresses and articles,
/// so limits see the spread of real traffic rather than one hot subject.
/// </summary>
internal static class CommentMix
{
    private static readonly string[] Texts =
    [
        "Thank you for this careful reporting on the casualties near Kursk.",
        "The figures in the third paragraph do not match the ministry's own statement.",
        "Спасибо за статью, очень подробно и по делу.",
        "Дякую за матеріал, чекаємо на продовження.",
        "기사 잘 읽었습니다. 후속 보도 기대합니다.",
        "What a fucking disgrace this whole operation is.",
        "This is bullshit and everyone knows it.",
        "Buy cheap watches at http://example.com/deal now!!!",
        "Call me on +1 202 555 0143 for the real story.",
        "Where are the sources for the claim about attritional losses?",
    ];

    public static SubmitCommentRequest Next(int seed, long n)
    {
        var random = new Random(HashCode.Combine(seed, n));
        return new SubmitCommentRequest
        {
            CommentId = string.Create(CultureInfo.InvariantCulture, $"load-{seed}-{n}-{random.Next():x8}"),
            ArticleId = string.Create(CultureInfo.InvariantCulture, $"article-{random.Next(2_000)}"),
            Author = new Author { Id = string.Create(CultureInfo.InvariantCulture, $"author-{random.Next(1_000_000)}") },
            IpAddress = string.Create(CultureInfo.InvariantCulture, $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"),
            Text = Texts[random.Next(Texts.Length)],
        };
    }
}
