using StackExchange.Redis;

namespace SidecarGuard.Storage.Redis;

/// <summary>
/// One update of a conversation as a single Lua script: compare the state with the one the decision was made on, and
/// only then write state, turn, audit and feedback and set the turns' expiry. Redis runs a script atomically, so this
/// is the same compare-and-set the WATCH/MULTI/EXEC transaction gave, in one round trip instead of two (the condition
/// of a StackExchange.Redis transaction is checked in a round trip of its own). All keys share the conversation's hash
/// tag, so the script is valid on a Redis Cluster.
/// </summary>
internal static class RedisCommitScript
{
    // KEYS: state, turns, audit, feedback.
    // ARGV: 1 '0' (the state must be absent) or '1' (it must equal ARGV 2); 3 new state or '' (no write); 4 its expiry
    // in ms or '' (none: a plain SET also clears an old expiry, which an end needs); 5 turn or ''; 6 'E' (expire the
    // turns after ARGV 7 ms), 'P' (persist them) or ''; 8 audit record or ''; 9 feedback or ''. Serialised records are
    // never empty, so '' means "nothing".
    private const string Script = """
        local current = redis.call('GET', KEYS[1])
        if ARGV[1] == '0' then
          if current then return 0 end
        elseif current ~= ARGV[2] then
          return 0
        end
        if ARGV[3] ~= '' then
          if ARGV[4] ~= '' then redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4]) else redis.call('SET', KEYS[1], ARGV[3]) end
        end
        if ARGV[5] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[5]) end
        if ARGV[6] == 'E' then redis.call('PEXPIRE', KEYS[2], ARGV[7]) elseif ARGV[6] == 'P' then redis.call('PERSIST', KEYS[2]) end
        if ARGV[8] ~= '' then redis.call('RPUSH', KEYS[3], ARGV[8]) end
        if ARGV[9] ~= '' then redis.call('RPUSH', KEYS[4], ARGV[9]) end
        return 1
        """;

    /// <summary>What the script writes besides the state comparison.</summary>
    /// <param name="State">The new state, or null to leave it.</param>
    /// <param name="StateExpiry">The state's expiry; null for none.</param>
    /// <param name="Turn">A turn record to append, or null.</param>
    /// <param name="TurnsExpiry">Expire the turns after this; null to leave their expiry unless <paramref name="PersistTurns"/>.</param>
    /// <param name="PersistTurns">Remove the turns' expiry (the conversation ended).</param>
    /// <param name="Audit">An end record to append, or null.</param>
    /// <param name="Feedback">A feedback record to append, or null.</param>
    public readonly record struct Writes(byte[]? State, TimeSpan? StateExpiry, byte[]? Turn, TimeSpan? TurnsExpiry, bool PersistTurns,
        byte[]? Audit, byte[]? Feedback);

    /// <summary>Runs the compare-and-set; true when it wrote, false when the state was no longer <paramref name="expected"/>.</summary>
    public static async Task<bool> RunAsync(IDatabase db, RedisKeys keys, RedisValue expected, Writes writes)
    {
        RedisValue[] values =
        [
            expected.IsNull ? "0" : "1",
            expected.IsNull ? RedisValue.EmptyString : expected,
            writes.State ?? RedisValue.EmptyString,
            writes.StateExpiry is { } stateTtl ? (long)stateTtl.TotalMilliseconds : RedisValue.EmptyString,
            writes.Turn ?? RedisValue.EmptyString,
            writes.TurnsExpiry is not null ? "E" : writes.PersistTurns ? "P" : RedisValue.EmptyString,
            writes.TurnsExpiry is { } turnsTtl ? (long)turnsTtl.TotalMilliseconds : RedisValue.EmptyString,
            writes.Audit ?? RedisValue.EmptyString,
            writes.Feedback ?? RedisValue.EmptyString,
        ];
        var result = await db.ScriptEvaluateAsync(Script, [keys.State, keys.Turns, keys.Audit, keys.Feedback], values).ConfigureAwait(false);
        return (long)result == 1;
    }
}
