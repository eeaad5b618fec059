namespace SidecarGuard.Lab;

/// <summary>The <c>sidecarguard-lab</c> executable.</summary>
internal static class LabProgram
{
    public static Task<int> Main(string[] args) => Cli.LabCommandLine.RunAsync(args, Console.Out, Console.Error);
}
