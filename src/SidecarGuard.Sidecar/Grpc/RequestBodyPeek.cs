using System.Buffers;
using System.IO.Pipelines;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>Reads a request body ahead of its handler without consuming it, so the handler reads the same bytes.</summary>
internal static class RequestBodyPeek
{
    /// <summary>
    /// The body as buffered so far, once it is complete or longer than <paramref name="limit"/> (then it may be
    /// cut anywhere past the limit). The caller must call <c>reader.AdvanceTo(buffer.Start)</c> before the handler
    /// runs.
    /// </summary>
    public static async Task<ReadOnlySequence<byte>> ReadUpToAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCompleted || result.IsCanceled || result.Buffer.Length > limit)
            {
                return result.Buffer;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
