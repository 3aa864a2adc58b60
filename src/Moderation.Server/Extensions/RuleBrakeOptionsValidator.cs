using Microsoft.Extensions.Options;
using Moderation.Core.Rules.Brake;

namespace Moderation.Server.Extensions;

/// <summary>Checks the emergency brake's settings at start-up and names every problem at once.</summary>
internal sealed class RuleBrakeOptionsValidator : IValidateOptions<RuleBrakeOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleBrakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
