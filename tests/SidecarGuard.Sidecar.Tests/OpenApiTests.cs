using System.Net;
using Google.Api;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;
using SidecarGuard.Contracts.V1;

namespace SidecarGuard.Sidecar.Tests;

/// <summary>The OpenAPI description the sidecar serves is valid, and names exactly the routes of the contract.</summary>
public sealed class OpenApiTests : ServerTestBase
{
    private async Task<OpenApiDocument> ReadAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.HttpAddress!), DefaultRequestVersion = HttpVersion.Version11 };
        using var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new OpenApiStringReader().Read(await response.Content.ReadAsStringAsync(), out var diagnostic);
        Assert.Empty(diagnostic.Errors);
        return document;
    }

    /// <summary>Every (verb, route) the contract's google.api.http annotations declare, with camelCase path parameters.</summary>
    private static IEnumerable<(OperationType Verb, string Path)> ContractRoutes() =>
        GuardReflection.Descriptor.Services.Single().Methods.Select(method =>
        {
            var rule = method.GetOptions().GetExtension(AnnotationsExtensions.Http);
            var (verb, pattern) = rule.PatternCase switch
            {
                HttpRule.PatternOneofCase.Post => (OperationType.Post, rule.Post),
                HttpRule.PatternOneofCase.Get => (OperationType.Get, rule.Get),
                HttpRule.PatternOneofCase.Put => (OperationType.Put, rule.Put),
                HttpRule.PatternOneofCase.Delete => (OperationType.Delete, rule.Delete),
                HttpRule.PatternOneofCase.Patch => (OperationType.Patch, rule.Patch),
                _ => throw new InvalidOperationException($"{method.Name} has no HTTP route"),
            };
            return (verb, pattern.Replace("{conversation_id}", "{conversationId}", StringComparison.Ordinal));
        });

    [Fact]
    public async Task The_Document_Is_Valid_And_Has_Exactly_The_Contract_Routes()
    {
        var document = await ReadAsync();
        var documented = document.Paths.SelectMany(p => p.Value.Operations.Keys.Select(verb => (verb, p.Key))).ToHashSet();
        var declared = ContractRoutes().ToHashSet();
        Assert.NotEmpty(declared);
        Assert.Equal(declared.OrderBy(r => r.Item2, StringComparer.Ordinal), documented.OrderBy(r => r.Item2, StringComparer.Ordinal));
        Assert.Equal("v1", document.Info.Version);
    }

    [Fact]
    public async Task Bodies_Use_The_Json_Names_And_Enums_Are_Strings_And_Errors_Are_Status()
    {
        var document = await ReadAsync();
        var evaluate = document.Paths["/v1/conversations/{conversationId}/turns:evaluate"].Operations[OperationType.Post];
        var request = document.Components.Schemas[evaluate.RequestBody.Content["application/json"].Schema.Reference.Id];
        Assert.Contains("userText", request.Properties.Keys);
        Assert.Contains("turnId", request.Properties.Keys);

        var action = document.Components.Schemas["TurnAction"];
        Assert.Equal("string", action.Type);
        Assert.Contains(action.Enum, e => e is Microsoft.OpenApi.Any.OpenApiString { Value: "TURN_ACTION_END" });

        Assert.All(document.Paths.Values.SelectMany(p => p.Operations.Values), operation =>
            Assert.Equal("Status", operation.Responses["default"].Content["application/json"].Schema.Reference.Id));
    }
}
