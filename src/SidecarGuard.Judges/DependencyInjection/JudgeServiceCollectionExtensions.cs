using Microsoft.Extensions.DependencyInjection.Extensions;
using SidecarGuard.Core.Detection;
using SidecarGuard.Judges;
using SidecarGuard.Judges.Combining;
using SidecarGuard.Judges.DependencyInjection;
using SidecarGuard.Judges.LlamaGuard;
using SidecarGuard.Judges.OpenAI;
using SidecarGuard.Judges.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds model judges in front of the registered <see cref="ITurnDetector"/>.</summary>
public static class JudgeServiceCollectionExtensions
{
    /// <summary>
    /// Reads judge settings from <paramref name="settingsPath"/> (optional) and SIDECARGUARD_JUDGE_* environment
    /// variables and adds the judges they configure. Does nothing when no judge is configured. Call it after the
    /// built-in <see cref="ITurnDetector"/> is registered.
    /// </summary>
    /// <exception cref="JudgeSettingsException">The settings file or a variable is unreadable or invalid.</exception>
    public static IServiceCollection AddSidecarGuardJudges(this IServiceCollection services, string? settingsPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSidecarGuardJudges(JudgeSettings.Load(settingsPath));
    }

    /// <summary>
    /// Adds the judges <paramref name="settings"/> configure and sets the combination rule. Does nothing when no judge
    /// is configured. Call it after the built-in <see cref="ITurnDetector"/> is registered.
    /// </summary>
    /// <exception cref="JudgeSettingsException">An API key variable named in the settings is empty.</exception>
    public static IServiceCollection AddSidecarGuardJudges(this IServiceCollection services, JudgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HasJudges)
        {
            return services;
        }

        if (settings.LlamaGuard is { } llamaGuard)
        {
            var key = ApiKey(llamaGuard, LlamaGuardOptions.DefaultApiKeyVariable);
            services.AddTurnJudge(_ => new LlamaGuardJudge(llamaGuard, JudgeHttp.CreateClient(), key), llamaGuard);
        }

        if (settings.OpenAIModeration is { } moderation)
        {
            var key = ApiKey(moderation, OpenAIModerationOptions.DefaultApiKeyVariable);
            services.AddTurnJudge(_ => new OpenAIModerationJudge(moderation, JudgeHttp.CreateClient(), key), moderation);
        }

        services.RemoveAll<JudgeCombination>();
        services.AddSingleton(new JudgeCombination(settings.Combine));
        return services;
    }

    /// <summary>
    /// Adds a judge of your own. It gets the timeout, circuit breaker, weight and threshold of
    /// <paramref name="options"/> (its address and model are the judge's business). Call it after the built-in
    /// <see cref="ITurnDetector"/> is registered; the first judge replaces that registration with a detector that
    /// combines it with every judge added.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="create">Creates the judge once, when the detector is first needed; disposable judges are disposed with it.</param>
    /// <param name="options">Timeout, failure threshold, break duration, weight and threshold.</param>
    /// <exception cref="InvalidOperationException">No <see cref="ITurnDetector"/> is registered yet.</exception>
    public static IServiceCollection AddTurnJudge(this IServiceCollection services, Func<IServiceProvider, ITurnJudge> create,
        JudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(options);
        CombineWithBuiltIn(services);
        services.AddSingleton(new JudgeRegistration(create, options));
        return services;
    }

    private static void CombineWithBuiltIn(IServiceCollection services)
    {
        var builtIn = services.LastOrDefault(d => d.ServiceType == typeof(ITurnDetector) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Register the built-in ITurnDetector before adding judges.");
        if (builtIn.ImplementationFactory?.Target is BuiltInDetector)
        {
            return;
        }

        var inner = new BuiltInDetector(builtIn);
        services.Remove(builtIn);
        services.TryAddSingleton(new JudgeCombination(CombinationRule.Strongest));
        services.AddSingleton<ITurnDetector>(inner.CreateCombined);
    }

    private static string? ApiKey(JudgeOptions options, string defaultVariable)
    {
        if (string.IsNullOrEmpty(options.ApiKeyVariable))
        {
            return null;
        }

        var key = Environment.GetEnvironmentVariable(options.ApiKeyVariable);
        if (string.IsNullOrEmpty(key) && options.ApiKeyVariable != defaultVariable)
        {
            throw new JudgeSettingsException(
                $"apiKeyVariable names {options.ApiKeyVariable}, which is empty; set it or remove apiKeyVariable for a server without keys.");
        }

        return string.IsNullOrEmpty(key) ? null : key;
    }

    /// <summary>The detector registered before the judges, rebuilt inside the combining detector.</summary>
    private sealed class BuiltInDetector(ServiceDescriptor descriptor)
    {
        public CombinedDetector CreateCombined(IServiceProvider services)
        {
            var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
            var judges = services.GetServices<JudgeRegistration>().Select(r => new GuardedJudge(r.Create(services), r.Options, time));
            return new CombinedDetector(Create(services), judges, services.GetRequiredService<JudgeCombination>().Rule);
        }

        private ITurnDetector Create(IServiceProvider services) => (ITurnDetector)(
            descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
    }
}
