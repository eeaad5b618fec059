namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Which conversation store the sidecar uses.</summary>
internal enum StoreKind
{
    /// <summary>A durable SQLite file (the default).</summary>
    Sqlite,

    /// <summary>Process memory: lost on exit.</summary>
    Memory,

    /// <summary>Redis, shared by several sidecars.</summary>
    Redis,
}
