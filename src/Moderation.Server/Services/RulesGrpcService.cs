using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Moderation.Api.V1;
using Moderation.Core.Rules;
using Moderation.Server.Auth;
using Moderation.Core.Rules.Backtest;
using Moderation.Core.Rules.Brake;
using Moderation.Core.Rules.Statistics;
using Moderation.Server.Mapping;

namespace Moderation.Server.Services;

/// <summary>moderation.v1.RulesService.</summary>
internal sealed class RulesGrpcService(RuleSetService rules, RuleStatsService stats, RuleBacktestService backtests, RuleDemotionSharing demotions) : RulesService.RulesServiceBase
{
    public override Task<GetRulesResponse> GetRules(GetRulesRequest request, ServerCallContext context)
    {
        var current = rules.Current;
        var demotions = rules.Demotions;
        return Task.FromResult(new GetRulesResponse
        {
            Version = current.Version,
            Source = current.Source,
            LoadedAt = Timestamp.FromDateTimeOffset(current.LoadedAt),
            Rules = { current.Rules.Select(rule => rule.ToSummary(demotions.GetValueOrDefault(rule.Id))) },
            BuiltInReasons = { current.BuiltInReasons.All.Select(reason => reason.ToSummary()) },
            BrakeEnabled = rules.BrakeEnabled,
        });
    }

    public override async Task<RestoreRuleResponse> RestoreRule(RestoreRuleRequest request, ServerCallContext context)
    {
        var lifted = await demotions.RestoreAsync(request.RuleId, CallerIdentity.Of(context), context.CancellationToken);
        return new RestoreRuleResponse { Restored = lifted is not null, Demotion = lifted?.ToApi() };
    }

    public override async Task<ValidateRulesResponse> ValidateRules(ValidateRulesRequest request, ServerCallContext context)
    {
        var validation = await rules.ValidateAsync(request.Content, context.CancellationToken);
        return new ValidateRulesResponse
        {
            Valid = validation.Candidate is not null,
            Errors = { validation.Errors.Select(error => error.ToApi()) },
            Rules = { validation.Candidate?.Rules.Select(rule => rule.ToSummary()) ?? [] },
        };
    }

    public override async Task<GetRuleStatsResponse> GetRuleStats(GetRuleStatsRequest request, ServerCallContext context) =>
        (await stats.GetAsync(context.CancellationToken)).ToApi();

    public override async Task BacktestRules(BacktestRulesRequest request, IServerStreamWriter<BacktestRulesResponse> responseStream, ServerCallContext context)
    {
        var backtest = new BacktestRequest(
            request.Content,
            request.Window?.ToTimeSpanOrViolation("window"),
            (int)Math.Min(request.MaxComments, int.MaxValue),
            (int)Math.Min(request.SampleSize, int.MaxValue));
        var summary = await backtests.RunAsync(
            backtest,
            progress => responseStream.WriteAsync(new BacktestRulesResponse { Progress = progress.ToApi() }, context.CancellationToken),
            context.CancellationToken);
        await responseStream.WriteAsync(new BacktestRulesResponse { Summary = summary.ToApi() }, context.CancellationToken);
    }

    public override Task<TestCommentResponse> TestComment(TestCommentRequest request, ServerCallContext context) =>
        Task.FromResult(new TestCommentResponse
        {
            Decision = rules.Test(request.Text, request.Author?.ToProfile(), request.ParentId).ToApi(),
        });
}
