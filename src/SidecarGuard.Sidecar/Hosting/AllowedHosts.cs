using System.Net;

namespace SidecarGuard.Sidecar.Hosting;

/// <summary>
/// The host names requests may be addressed to, against DNS rebinding: a web page on the same machine can make a
/// browser send requests to 127.0.0.1 under a name it controls, so without this check any page could drive
/// conversations to an end. Loopback names are always allowed; so are the listen addresses when they are specific,
/// and the names given with <c>--allowed-hosts</c>. A sidecar listening on a wildcard address (0.0.0.0, in a
/// container) accepts any name unless <c>--allowed-hosts</c> says otherwise; browsers are still kept out by
/// <see cref="HostAndOriginGate"/>'s Origin check.
/// </summary>
internal sealed class AllowedHosts
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "::1", "[::1]"];

    private readonly HashSet<string> _names;

    private AllowedHosts(HashSet<string> names, bool any)
    {
        _names = names;
        Any = any;
    }

    /// <summary>Whether every host name is allowed.</summary>
    public bool Any { get; }

    /// <summary>The allowed names for <paramref name="options"/>.</summary>
    public static AllowedHosts For(SidecarOptions options)
    {
        var names = new HashSet<string>(Loopback, StringComparer.OrdinalIgnoreCase);
        if (options.AllowedHosts is { Count: > 0 } configured)
        {
            if (configured.Contains("*"))
            {
                return new AllowedHosts(names, any: true);
            }

            names.UnionWith(configured);
            return new AllowedHosts(names, any: false);
        }

        var wildcard = false;
        foreach (var endpoint in new[] { options.Listen, options.HttpListen }.OfType<IPEndPoint>())
        {
            if (endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                wildcard = true;
            }
            else
            {
                names.Add(endpoint.Address.ToString());
                names.Add($"[{endpoint.Address}]");
            }
        }

        return new AllowedHosts(names, wildcard);
    }

    /// <summary>Whether <paramref name="host"/> (a host name without port) is allowed.</summary>
    public bool Allows(string host) => Any || _names.Contains(host);

    /// <summary>Whether a browser page at <paramref name="origin"/> may call a request addressed to <paramref name="host"/>.</summary>
    public bool AllowsOrigin(string origin, string host)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false; // "null" (sandboxed frames, file://) and anything unreadable.
        }

        // A page served by this host itself, or from a name the operator allowed; never any other site.
        return string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase) && Allows(uri.Host)
            || (!Any && _names.Contains(uri.Host));
    }
}
