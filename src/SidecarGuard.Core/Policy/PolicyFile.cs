using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using SidecarGuard.Core.Configuration;
using SidecarGuard.Core.Detection;

namespace SidecarGuard.Core.Policy;

/// <summary>Reads and validates policy files (JSON, camelCase property names, comments and trailing commas allowed).</summary>
public static class PolicyFile
{
    private static readonly SettingsFile<PolicyOptions> Reader =
        new(PolicyJsonContext.Default.PolicyOptions, "policy file", (message, inner) => new PolicyFileException(message, inner));

    /// <summary>Loads a policy file, throwing <see cref="PolicyFileException"/> with a precise message when it is invalid.</summary>
    public static PolicyOptions Load(string path)
    {
        var options = Reader.Read(path);
        Validate(options, path);
        return options;
    }

    /// <summary>Parses policy JSON; <paramref name="source"/> names the origin in error messages.</summary>
    public static PolicyOptions Parse(string json, string source = "policy")
    {
        var options = Reader.Parse(json, source);
        Validate(options, source);
        return options;
    }

    private static void Validate(PolicyOptions options, string source)
    {
        var problems = new List<string>();
        Collect(options, "", problems);
        foreach (var (name, category) in options.Categories)
        {
            if (!CheckName(name, "categories", problems))
            {
                continue;
            }

            if (category is null)
            {
                problems.Add($"categories.{name}: must be an object");
                continue;
            }

            Collect(category, $"categories.{name}.", problems);
            CheckFollowUps(category, $"categories.{name}.followUps", problems);
            if (category.EndEligible && HarmCategories.IsAtRisk(name))
            {
                problems.Add($"categories.{name}: an at-risk category gives SUPPORT and can never end a conversation");
            }
        }

        if (problems.Count == 0 && !options.AllowFewerEnds && !options.Categories.Values.Any(c => c.EndEligible))
        {
            problems.Add("categories: no category is end-eligible, so no conversation could ever be ended for harmful use; "
                + "set \"allowFewerEnds\": true if that is intended");
        }

        Reader.ThrowIfInvalid(problems, source);
    }

    private static void CheckFollowUps(CategoryPolicy category, string path, List<string> problems)
    {
        if (category.FollowUps is null)
        {
            problems.Add($"{path}: must be an array of category names");
            return;
        }

        foreach (var followUp in category.FollowUps)
        {
            if (!CheckName(followUp, path, problems))
            {
                continue;
            }

            if (HarmCategories.IsAtRisk(followUp))
            {
                problems.Add($"{path}: '{followUp}' is an at-risk category; it gives SUPPORT and cannot continue a harmful streak");
            }
        }
    }

    /// <summary>
    /// Refuses a policy <paramref name="next"/> that would quietly end fewer conversations than
    /// <paramref name="running"/>: every category the running policy could end for must stay end-eligible, unless the
    /// new file sets <see cref="PolicyOptions.AllowFewerEnds"/>.
    /// </summary>
    public static void CheckReplacement(PolicyOptions running, PolicyOptions next, string source = "policy")
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(next);
        if (next.AllowFewerEnds)
        {
            return;
        }

        var dropped = running.Categories
            .Where(c => c.Value.EndEligible && !(next.Categories.TryGetValue(c.Key, out var kept) && kept.EndEligible))
            .Select(c => c.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (dropped.Count > 0)
        {
            throw new PolicyFileException(
                $"Policy '{source}' is refused: {string.Join(", ", dropped)} would no longer be end-eligible, so persistent "
                + "harmful use there could no longer be ended; list them with \"endEligible\": true, or set "
                + "\"allowFewerEnds\": true if that is intended");
        }
    }

    /// <summary>Adds a problem unless <paramref name="name"/> is a known category name.</summary>
    private static bool CheckName(string? name, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add($"{path}: category names must not be blank");
            return false;
        }

        if (!HarmCategories.All.Contains(name))
        {
            problems.Add($"{path}: '{name}' is not a category; use one of {string.Join(", ", HarmCategories.All.Order(StringComparer.Ordinal))}");
            return false;
        }

        return true;
    }

    private static void Collect(object instance, string prefix, List<string> problems)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                var member = string.Join(",", result.MemberNames.Select(JsonNamingPolicy.CamelCase.ConvertName));
                problems.Add($"{prefix}{member}: {result.ErrorMessage}");
            }
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PolicyOptions))]
internal sealed partial class PolicyJsonContext : JsonSerializerContext;
