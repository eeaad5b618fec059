namespace SidecarGuard.Core.Storage;

/// <summary>
/// Thrown by a store that cannot reach its backing service (or not in time). Nothing was written; the caller may
/// retry. The sidecar answers UNAVAILABLE.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception with what failed and the underlying cause.</summary>
    public StoreUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
