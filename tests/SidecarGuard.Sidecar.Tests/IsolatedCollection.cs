namespace SidecarGuard.Sidecar.Tests;

/// <summary>
/// Tests that run with no other test class at the same time: metrics tests (every MeterProvider in the process
/// listens to every meter named "SidecarGuard", so other sidecars would add to their counts) and the fuzz test
/// (its time budget assumes the cores are its own).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "Isolated";
}
