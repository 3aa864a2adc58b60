using Microsoft.Extensions.Time.Testing;
using Moderation.Core.Comments;
using Moderation.Core.Errors;
using Moderation.Testing;

namespace Moderation.Core.Tests.Comments;

public sealed class CommentValidatorTests
{
    private readonly FakeTimeProvider _time = new(TestComments.Epoch);
    private readonly CommentValidator _validator;

    public CommentValidatorTests() => _validator = new CommentValidator(new InputLimitOptions { MaxTextLength = 50 }, _time);

    private IReadOnlyList<FieldViolation> ViolationsOf(CommentSubmission submission) =>
        Assert.Throws<InvalidRequestException>(() => _validator.Validate(submission)).Violations;

    [Theory]
    [InlineData("a\0b", "U+0000")]
    [InlineData("bell\u0007", "U+0007")]
    [InlineData("escape \u001b[31m red", "U+001B")]
    [InlineData("del\u007f", "U+007F")]
    public void Validate_ControlCharacterInText_IsAViolationNamingIt(string text, string named)
    {
        var violation = Assert.Single(ViolationsOf(TestComments.Submission("c1", text)));

        Assert.Equal("text", violation.Field);
        Assert.Contains(named, violation.Description, StringComparison.Ordinal);
    }

    // Built in code and passed by index: xunit serializes theory data through UTF-8, which
    // would turn these lone surrogates into U+FFFD before the test ever saw them.
    private static readonly string[] UnpairedSurrogates =
    [
        "lone high " + (char)0xD800 + " surrogate",
        "lone low " + (char)0xDC00 + " surrogate",
        "reversed " + (char)0xDC00 + (char)0xD800 + " pair",
        "ends in " + (char)0xD83D,
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Validate_UnpairedSurrogate_IsAViolation(int sample)
    {
        Assert.Equal("text", Assert.Single(ViolationsOf(TestComments.Submission("c1", UnpairedSurrogates[sample]))).Field);
    }

    [Theory]
    [InlineData("Tabs\tand\r\nline breaks are text")]
    [InlineData("😀 pairs are fine, as is עברית and 中文")]
    [InlineData("z̷̢͕a̵̰͝l̶̼̈g̷̣̈́o̴͉͑")]
    public void Validate_OrdinaryText_Passes(string text)
    {
        _validator.Validate(TestComments.Submission("c1", text));
    }

    [Fact]
    public void Validate_TextOverTheConfiguredLimit_IsAViolation()
    {
        var violation = Assert.Single(ViolationsOf(TestComments.Submission("c1", new string('x', 51))));

        Assert.Contains("50", violation.Description, StringComparison.Ordinal);
        _validator.Validate(TestComments.Submission("c1", new string('x', 50)));
    }

    [Fact]
    public void Validate_AccountCreatedInTheFuture_IsAViolation()
    {
        var author = new AuthorProfile("u1", CreatedAt: TestComments.Epoch.AddHours(1));

        var violation = Assert.Single(ViolationsOf(TestComments.Submission("c1") with { Author = author }));

        Assert.Equal("author.created_at", violation.Field);
    }

    [Fact]
    public void Validate_AccountCreatedWithinClockSkew_Passes()
    {
        var author = new AuthorProfile("u1", CreatedAt: TestComments.Epoch.AddMinutes(4));

        _validator.Validate(TestComments.Submission("c1") with { Author = author });
    }

    [Fact]
    public void Validate_AccountCreatedInTheAbsurdPast_IsAViolation()
    {
        var author = new AuthorProfile("u1", CreatedAt: new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("author.created_at", Assert.Single(ViolationsOf(TestComments.Submission("c1") with { Author = author })).Field);
    }

    [Fact]
    public void Validate_ControlCharacterInDisplayNameOrUserAgent_IsAViolation()
    {
        var submission = TestComments.Submission("c1") with
        {
            Author = new AuthorProfile("u1", DisplayName: "evil\0name"),
            UserAgent = "agent\u0001",
        };

        Assert.Equal(["author.display_name", "user_agent"], ViolationsOf(submission).Select(v => v.Field));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("ü")]
    [InlineData("{tag}")]
    [InlineData("x\0")]
    public void CheckId_OutsideTheIdAlphabet_IsAViolation(string id)
    {
        var violations = new FieldViolations();

        CommentValidator.CheckId(violations, "comment_id", id);

        Assert.True(violations.Any);
    }

    [Fact]
    public void CheckId_LongerThan128_IsAViolation()
    {
        var violations = new FieldViolations();

        CommentValidator.CheckId(violations, "comment_id", new string('a', 129));
        Assert.True(violations.Any);
    }
}
