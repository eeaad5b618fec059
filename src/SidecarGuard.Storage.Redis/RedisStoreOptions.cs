using System.ComponentModel.DataAnnotations;
using SidecarGuard.Core.Storage;

namespace SidecarGuard.Storage.Redis;

/// <summary>Settings of <see cref="RedisConversationStore"/>.</summary>
public sealed class RedisStoreOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c> or several cluster nodes. Required.</summary>
    [Required]
    public string Configuration { get; set; } = "";

    /// <summary>First part of every key. Defaults to <c>sg</c>.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,32}$")]
    public string KeyPrefix { get; set; } = "sg";

    /// <summary>
    /// The tenant the opened store serves (others through <see cref="RedisConversationStore.ForTenant"/>): every key
    /// holds its tenant, so tenants sharing one Redis never see each other's conversations. Defaults to <c>default</c>.
    /// </summary>
    [RegularExpression(TenantName.Pattern)]
    public string Tenant { get; set; } = TenantName.Default;

    /// <summary>
    /// How long an inactive, not-ended conversation (state and turns) is kept; <see langword="null"/> (the default)
    /// keeps it forever. Ended conversations and audit records never expire, so an end cannot be laundered by waiting.
    /// </summary>
    public TimeSpan? ConversationTtl { get; set; }

    /// <summary>How long one Redis operation may take before the store reports itself unavailable. Defaults to 1 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many replicas must have a write before it is acknowledged (Redis <c>WAIT</c> after each write). With
    /// replicas (a Redis Cluster, or a primary with replicas and failover), 1 or more means that a write the store
    /// acknowledged, an end above all, survives the loss of its primary: the replica that takes over has it. A write
    /// the replicas do not confirm within <see cref="OperationTimeout"/> is reported unavailable (it may still have
    /// reached the primary; a retry then finds it). Defaults to 0: acknowledged once the primary has it.
    /// </summary>
    [Range(0, 16)]
    public int ReplicaAcknowledgements { get; set; }

    /// <summary>How often an update is retried when another sidecar changed the conversation meanwhile. Defaults to 100.</summary>
    [Range(1, 10_000)]
    public int MaxConflictRetries { get; set; } = 100;
}
