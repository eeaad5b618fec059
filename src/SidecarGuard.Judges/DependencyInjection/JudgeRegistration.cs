namespace SidecarGuard.Judges.DependencyInjection;

/// <summary>One judge to consult, registered in the container; the combining detector builds them all.</summary>
internal sealed record JudgeRegistration(Func<IServiceProvider, ITurnJudge> Create, JudgeOptions Options);

/// <summary>The rule the combining detector uses; the last registration call wins.</summary>
internal sealed record JudgeCombination(CombinationRule Rule);
