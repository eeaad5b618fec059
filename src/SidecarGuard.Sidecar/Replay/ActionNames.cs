namespace SidecarGuard.Sidecar.Replay;

/// <summary>The wire names of actions and end reasons without their enum prefix, as replay prints them.</summary>
internal static class ActionNames
{
    public static string Of(TurnAction action) => action switch
    {
        TurnAction.Allow => "ALLOW",
        TurnAction.Redirect => "REDIRECT",
        TurnAction.Warn => "WARN",
        TurnAction.End => "END",
        TurnAction.Support => "SUPPORT",
        TurnAction.ConfirmEnd => "CONFIRM_END",
        TurnAction.Ended => "ENDED",
        _ => "UNSPECIFIED",
    };

    public static string? Of(EndReason reason) => reason switch
    {
        EndReason.Abuse => "ABUSE",
        EndReason.UserRequested => "USER_REQUESTED",
        _ => null,
    };
}
