using System.Text.Json;

namespace SidecarGuard.Judges.OpenAI;

/// <summary>
/// Asks the OpenAI moderation API (<c>POST {BaseUrl}/v1/moderations</c>) about a user turn and maps
/// <c>results[0].category_scores</c> with <see cref="ModerationCategories"/>. A category the API flags scores at
/// least 0.5 whatever its raw score.
/// </summary>
internal sealed class OpenAIModerationJudge(OpenAIModerationOptions options, HttpClient http, string? apiKey)
    : HttpJudge<OpenAIModerationOptions>(options, http, apiKey, "v1/moderations")
{
    /// <summary>The least score of a category the API flags.</summary>
    internal const double FlaggedScore = 0.5;

    public override string Name => "openai-moderation";

    public override async ValueTask<JudgeVerdict> JudgeAsync(string userText, CancellationToken cancellationToken)
    {
        using var answer = await PostAsync(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", Options.Model);
            json.WriteString("input", userText);
            json.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return Read(answer.RootElement, Options.AtRiskThreshold);
    }

    internal static JudgeVerdict Read(JsonElement root, double atRiskThreshold)
    {
        var result = FirstResult(root);
        if (!result.TryGetProperty("category_scores", out var scores) || scores.ValueKind != JsonValueKind.Object)
        {
            throw new JudgeUnavailableException("malformed answer: no results[0].category_scores");
        }

        var flags = result.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Object
            ? categories
            : default;
        var byCategory = new Dictionary<string, double>(StringComparer.Ordinal);
        var atRisk = false;
        foreach (var property in scores.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var raw) || raw is < 0 or > 1)
            {
                throw new JudgeUnavailableException($"malformed answer: score of '{property.Name}' is not a number in [0, 1]");
            }

            var flagged = IsFlagged(flags, property.Name);
            var score = flagged ? Math.Max(raw, FlaggedScore) : raw;
            if (Array.IndexOf(ModerationCategories.AtRiskSignals, property.Name) >= 0 && (flagged || raw >= atRiskThreshold))
            {
                atRisk = true;
            }

            if (ModerationCategories.Map.TryGetValue(property.Name, out var ours))
            {
                byCategory[ours] = Math.Max(score, byCategory.GetValueOrDefault(ours));
            }
        }

        return new JudgeVerdict
        {
            Categories = [.. byCategory.Select(c => new CategoryScore(c.Key, c.Value))],
            AtRisk = atRisk,
        };
    }

    private static JsonElement FirstResult(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array && results.GetArrayLength() > 0
            && results[0].ValueKind == JsonValueKind.Object)
        {
            return results[0];
        }

        throw new JudgeUnavailableException("malformed answer: no results[0]");
    }

    private static bool IsFlagged(JsonElement flags, string name) =>
        flags.ValueKind == JsonValueKind.Object && flags.TryGetProperty(name, out var flag) && flag.ValueKind == JsonValueKind.True;
}
