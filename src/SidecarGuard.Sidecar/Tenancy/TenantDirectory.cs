using System.Collections.Frozen;
using System.Threading.RateLimiting;

namespace SidecarGuard.Sidecar.Tenancy;

/// <summary>Who holds a key, and each tenant's token bucket, from the auth file.</summary>
internal sealed class TenantDirectory : IDisposable
{
    private readonly FrozenDictionary<string, Caller> _callers;
    private readonly FrozenDictionary<string, TokenBucketRateLimiter> _limiters;

    public TenantDirectory(AuthSettings settings)
    {
        _callers = settings.Tenants
            .SelectMany(t => t.Value.Keys.Select(k => (Hash: k.Sha256!, Caller: new Caller(t.Key, k.ReadOnly, k.Operator))))
            .ToFrozenDictionary(p => p.Hash, p => p.Caller, StringComparer.Ordinal);
        _limiters = settings.Tenants
            .Where(t => t.Value.RateLimit is not null)
            .ToFrozenDictionary(t => t.Key, t => Bucket(t.Value.RateLimit!), StringComparer.Ordinal);
    }

    /// <summary>The caller holding the key whose hash is <paramref name="keyHash"/>.</summary>
    public Caller? Find(string keyHash) => _callers.GetValueOrDefault(keyHash);

    /// <summary>Takes one token from the tenant's bucket; returns null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string tenant)
    {
        if (!_limiters.TryGetValue(tenant, out var limiter))
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static TokenBucketRateLimiter Bucket(RateLimitSettings limit)
    {
        // Refill in steps of at most 100 ms so the bucket stays smooth for high rates and exact for low ones.
        var (tokens, period) = limit.RequestsPerSecond >= 10
            ? ((int)Math.Round(limit.RequestsPerSecond / 10), TimeSpan.FromMilliseconds(100))
            : (1, TimeSpan.FromSeconds(1 / limit.RequestsPerSecond));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>An authenticated caller.</summary>
    /// <param name="Tenant">The tenant the key belongs to.</param>
    /// <param name="ReadOnly">Whether the key may only read.</param>
    /// <param name="Operator">Whether the key may give feedback as an operator.</param>
    public sealed record Caller(string Tenant, bool ReadOnly, bool Operator);
}
