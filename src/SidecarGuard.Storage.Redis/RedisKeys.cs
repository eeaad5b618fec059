using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// Key names of one conversation. The hash tag <c>{tenant/id}</c> puts all of a conversation's keys in one Redis
/// Cluster slot, so the transaction that updates them is valid on a cluster too.
/// </summary>
internal readonly record struct RedisKeys(RedisKey State, RedisKey Turns, RedisKey Audit)
{
    public static RedisKeys For(RedisStoreOptions options, string conversationId)
    {
        var root = $"{options.KeyPrefix}:{{{options.Tenant}/{conversationId}}}";
        return new RedisKeys(root + ":state", root + ":turns", root + ":audit");
    }
}
