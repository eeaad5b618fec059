using System.Diagnostics;
using System.Globalization;

namespace SidecarGuard.Testing;

/// <summary>
/// A real Redis Cluster of local redis-server processes on free loopback ports: masters with one replica each, made
/// with <c>redis-cli --cluster create</c>. Each node keeps an AOF with <c>appendfsync always</c>, and the node timeout
/// is short (one second) so that a replica takes over from a killed master within seconds.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly List<RedisServer> _nodes;

    private RedisCluster(List<RedisServer> nodes) => _nodes = nodes;

    /// <summary>Every node, masters and replicas.</summary>
    public IReadOnlyList<RedisServer> Nodes => _nodes;

    /// <summary>The StackExchange.Redis configuration string naming every node.</summary>
    public string Configuration => string.Join(',', _nodes.Select(n => n.Configuration));

    /// <summary>Starts the nodes, joins them into a cluster and waits until every slot is served.</summary>
    public static async Task<RedisCluster> StartAsync(int masters = 3, int replicasPerMaster = 1)
    {
        var nodes = new List<RedisServer>();
        try
        {
            for (var i = 0; i < masters * (1 + replicasPerMaster); i++)
            {
                // The bus port is chosen explicitly: the default (port + 10000) can fall past 65535 for ephemeral ports.
                nodes.Add(await RedisServer.StartAsync(
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
                    "--cluster-port", FreePort.Next().ToString(CultureInfo.InvariantCulture)));
            }

            var cluster = new RedisCluster(nodes);
            var create = await RedisCli.RunAsync(nodes[0].Port,
                ["--cluster", "create", .. nodes.Select(n => n.Configuration), "--cluster-replicas", replicasPerMaster.ToString(CultureInfo.InvariantCulture), "--cluster-yes"]);
            if (!create.Contains("All 16384 slots covered", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"redis-cli --cluster create did not cover every slot:\n{create}");
            }

            await cluster.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30), replicasPerMaster);
            return cluster;
        }
        catch
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Waits until every running node reports <c>cluster_state:ok</c> and agrees that every slot is served, and every
    /// master has at least <paramref name="replicasPerMaster"/> replicas online (synchronised, streaming its writes).
    /// </summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout, int replicasPerMaster = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var healthy = true;
            foreach (var node in _nodes.Where(n => n.IsRunning))
            {
                var info = await RedisCli.RunAsync(node.Port, ["cluster", "info"]);
                healthy &= info.Contains("cluster_state:ok", StringComparison.Ordinal) && info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal);
                var replication = await RedisCli.RunAsync(node.Port, ["info", "replication"]);
                if (replication.Contains("role:master", StringComparison.Ordinal))
                {
                    var online = replication.Split('\n').Count(l => l.StartsWith("slave", StringComparison.Ordinal) && l.Contains("state=online", StringComparison.Ordinal));
                    healthy &= online >= replicasPerMaster;
                }
            }

            if (healthy)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the cluster did not become healthy within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The node that is master of the slot of <paramref name="key"/> now, or <see langword="null"/> while none is
    /// (its master has been marked failed and no replica has taken over yet).
    /// </summary>
    public async Task<RedisServer?> MasterOfAsync(string key)
    {
        var live = _nodes.First(n => n.IsRunning);
        var slot = int.Parse((await RedisCli.RunAsync(live.Port, ["cluster", "keyslot", key])).Trim(), CultureInfo.InvariantCulture);
        foreach (var line in (await RedisCli.RunAsync(live.Port, ["cluster", "nodes"])).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // <id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slot or range>...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9 || !fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var range in fields.Skip(8).Where(f => !f.StartsWith('[')))
            {
                var bounds = range.Split('-');
                var low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                var high = bounds.Length > 1 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) : low;
                if (slot >= low && slot <= high)
                {
                    var port = int.Parse(fields[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
                    return _nodes.Single(n => n.Port == port);
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>Runs redis-cli against one node and returns what it printed.</summary>
    private static class RedisCli
    {
        public static async Task<string> RunAsync(int port, IEnumerable<string> arguments)
        {
            var info = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. arguments])
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("redis-cli did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return await output + await error;
        }
    }
}
