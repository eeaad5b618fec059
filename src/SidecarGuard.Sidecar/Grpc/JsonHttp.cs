using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>JSON/HTTP (gRPC JSON transcoding) settings: error details render as JSON like the rest of the body.</summary>
internal static class JsonHttp
{
    public static void Configure(GrpcJsonTranscodingOptions options)
    {
        // google.rpc.Status details are Any messages; JSON needs their types to print them.
        options.TypeRegistry = TypeRegistry.FromMessages(
            BadRequest.Descriptor, ErrorInfo.Descriptor, ResourceInfo.Descriptor, RetryInfo.Descriptor);
        options.JsonSettings.WriteIndented = false;
    }
}
