using System.ComponentModel.DataAnnotations;
using Moderation.Core.RateLimiting;

namespace Moderation.Core.Tests.RateLimiting;

public sealed class AuthorRateLimitOptionsTests
{
    private static List<ValidationResult> Validate(AuthorRateLimitOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void ToPolicy_Defaults_AreFivePerMinuteWithBurstFive()
    {
        var policy = new AuthorRateLimitOptions().ToPolicy();

        Assert.Equal(5, policy.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), policy.Period);
        Assert.Equal(5, policy.Burst);
        Assert.Equal(12_000_000, policy.EmissionIntervalMicroseconds);
    }

    [Fact]
    public void Validate_OutOfRangeValues_AreReported()
    {
        var results = Validate(new AuthorRateLimitOptions { PermitLimit = 0, Period = TimeSpan.FromDays(30), Burst = -1 });

        Assert.Equal(3, results.Count);
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(Validate(new AuthorRateLimitOptions()));
    }
}
