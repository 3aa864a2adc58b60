using Moderation.Core.Rules;

namespace Moderation.Core.Tests.Rules;

internal static class TestRules
{
    public const string Yaml = """
        version: 1
        rules:
          - id: block
            category: profanity
            action: reject
            author_message: Please rephrase.
            terms: [fuck, "buy now"]
          - id: hold
            category: insults
            action: hold
            terms: [idiot, bi]
          - id: censor
            category: mild
            action: censor
            weight: 0.5
            terms: [darn]
          - id: watch
            category: watch
            action: reject
            shadow: true
            terms: [ukraine]
        """;

    public static RuleSet Parse(string yaml = Yaml) => RuleSetParser.Parse(yaml, "test", DateTimeOffset.UnixEpoch);
}
