using SidecarGuard.Core.Detection;
using SidecarGuard.Core.Policy;
using SidecarGuard.Core.State;

namespace SidecarGuard.Core.Tests.Policy;

/// <summary>Drives the engine through a conversation of turn signals, keeping the state between turns.</summary>
internal sealed class EngineDriver(PolicyOptions? options = null)
{
    private int _turn;

    public PolicyEngine Engine { get; } = new(options ?? new PolicyOptions());

    public ConversationState State { get; private set; } = ConversationState.New("c1");

    public static TurnSignals Harm(string category, double score = 0.9) => new() { Categories = [new(category, score)] };

    public static TurnSignals Benign => TurnSignals.None;

    public static TurnSignals AtRisk => new() { AtRisk = true, Categories = [new(HarmCategories.SelfHarm, 0.9)] };

    public static TurnSignals EndRequest => new() { EndRequest = true };

    public static TurnSignals Confirmation => new() { EndConfirmation = true };

    public TurnDecision Turn(TurnSignals signals, bool previousRefused = false, bool previousOfferedHelp = false)
    {
        var decision = Engine.Evaluate(State, new TurnContext(signals, $"hash-{_turn++}", previousRefused, previousOfferedHelp));
        State = decision.Next;
        return decision;
    }

    public TurnAction[] Turns(params TurnSignals[] signals) => [.. signals.Select(s => Turn(s).Action)];

    /// <summary>The same engine and turn numbering, from <paramref name="state"/> (a write lost, for instance).</summary>
    public EngineDriver WithState(ConversationState state)
    {
        State = state;
        return this;
    }

    public void MarkEnded() => State = State with { Status = SidecarGuard.ConversationStatus.Ended };
}
