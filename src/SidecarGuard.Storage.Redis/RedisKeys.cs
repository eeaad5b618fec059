using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// Key names of one conversation. The hash tag <c>{tenant/id}</c> puts all of a conversation's keys in one Redis
/// Cluster slot, so the transaction that updates them is valid on a cluster too.
/// </summary>
internal readonly record struct RedisKeys(RedisKey State, RedisKey Turns, RedisKey Audit)
{
    public static RedisKeys For(string keyPrefix, string tenant, string conversationId)
    {
        var root = $"{keyPrefix}:{{{tenant}/{conversationId}}}";
        return new RedisKeys(root + ":state", root + ":turns", root + ":audit");
    }
}
