namespace SidecarGuard.Sidecar.Hosting;

/// <summary>Extra services and endpoints hosted beside the guard, for test and benchmark harnesses.</summary>
/// <param name="Services">Registers services.</param>
/// <param name="Endpoints">Maps endpoints.</param>
public sealed record SidecarExtension(Action<IServiceCollection>? Services, Action<WebApplication>? Endpoints);
