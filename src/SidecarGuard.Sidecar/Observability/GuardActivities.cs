using System.Diagnostics;

namespace SidecarGuard.Sidecar.Observability;

/// <summary>Spans around the guard's work on the "SidecarGuard" activity source; tags never hold user text.</summary>
internal static class GuardActivities
{
    public static readonly ActivitySource Source = new(GuardMetrics.Name);

    public static Activity? Start(string operation, string conversationId)
    {
        var activity = Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag("sidecarguard.conversation_id", conversationId);
        return activity;
    }
}
