using Microsoft.OpenApi.Models;

namespace SidecarGuard.Sidecar.Grpc;

/// <summary>
/// The OpenAPI description of the JSON/HTTP API, served at <see cref="Path"/> on the HTTP endpoint: made from the
/// contract's <c>google.api.http</c> annotations and its comments, so it names exactly the routes the host serves,
/// with the same camelCase fields and string enums, and any OpenAPI generator makes a typed client from it.
/// </summary>
internal static class OpenApiDescription
{
    /// <summary>Where the document is served.</summary>
    public const string Path = "/openapi/v1.json";

    public static void AddServices(IServiceCollection services)
    {
        services.AddGrpcSwagger();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "SidecarGuard",
                Version = "v1",
                Description = "Judges each user turn of a chat and ends a conversation only when policy allows "
                    + "(sidecarguard.v1.GuardService over JSON). Errors are google.rpc.Status objects.",
            });
            var comments = System.IO.Path.Combine(AppContext.BaseDirectory, "SidecarGuard.Contracts.xml");
            if (File.Exists(comments))
            {
                swagger.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
        });
    }

    public static void Map(WebApplication app) => app.UseSwagger(swagger => swagger.RouteTemplate = "openapi/{documentName}.json");
}
