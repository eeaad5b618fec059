using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// Key names of one conversation. The hash tag <c>{tenant/id}</c> puts all of a conversation's keys in one Redis
/// Cluster slot, so the transaction that updates them is valid on a cluster too. The feedback list, like the audit
/// list, never expires. <see cref="Barrier"/> is written only to confirm on the replicas what an answer that
/// changes nothing has read (see <c>RedisConversationStore.ConfirmUnchangedAsync</c>); it expires within a minute.
/// </summary>
internal readonly record struct RedisKeys(RedisKey State, RedisKey Turns, RedisKey Audit, RedisKey Feedback, RedisKey Barrier)
{
    public static RedisKeys For(string keyPrefix, string tenant, string conversationId)
    {
        var root = $"{keyPrefix}:{{{tenant}/{conversationId}}}";
        return new RedisKeys(root + ":state", root + ":turns", root + ":audit", root + ":feedback", root + ":barrier");
    }

    /// <summary>
    /// A tenant's index of ends: a sorted set scored by the end's time (Unix ms), one member per end,
    /// <c>conversation id|ms</c>. Its own slot on a cluster, so it is written before the conversation's transaction and
    /// checked against the conversation's audit when read (an entry whose transaction lost a race is skipped).
    /// </summary>
    public static RedisKey Ends(string keyPrefix, string tenant) => $"{keyPrefix}:{{{tenant}}}:ends";

    /// <summary>
    /// A tenant's counted events of one UTC day: a hash whose fields are <c>hour|kind|label</c> and values counts. Its own
    /// slot, so it is incremented right after the transaction it belongs to commits.
    /// </summary>
    public static RedisKey Tallies(string keyPrefix, string tenant, long day) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{keyPrefix}:{{{tenant}}}:tallies:{day}");
}
