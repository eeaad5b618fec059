using System.Net;
using SidecarGuard.Sidecar.Cli;
using SidecarGuard.Sidecar.Hosting;
using SidecarGuard.Storage.Sqlite;

namespace SidecarGuard.Sidecar.Tests;

public sealed class ServeCommandTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Defaults_Are_Loopback_50051_And_Sqlite()
    {
        var options = ServeCommand.Parse([], NoEnvironment);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 50051), options.Listen);
        Assert.Equal(StoreKind.Sqlite, options.Store);
        Assert.Equal("sidecarguard.db", options.DatabasePath);
        Assert.Equal(32 * 1024, options.MaxTextBytes);
        Assert.False(options.StoreText);
    }

    [Fact]
    public void Options_Are_Read_In_Both_Spellings()
    {
        var options = ServeCommand.Parse(["--listen=0.0.0.0:6000", "--store", "redis", "--redis", "r:1", "--conversation-ttl", "12h", "--store-text", "--redis-replica-acks=1"], NoEnvironment);
        Assert.Equal(1, options.RedisReplicaAcks);
        Assert.Equal(new IPEndPoint(IPAddress.Any, 6000), options.Listen);
        Assert.Equal(StoreKind.Redis, options.Store);
        Assert.Equal("r:1", options.Redis);
        Assert.Equal(TimeSpan.FromHours(12), options.ConversationTtl);
        Assert.True(options.StoreText);
    }

    [Fact]
    public void Environment_Supplies_Options_And_The_Command_Line_Wins()
    {
        var environment = new Dictionary<string, string>
        {
            ["SIDECARGUARD_STORE"] = "memory", ["SIDECARGUARD_LISTEN"] = "127.0.0.1:7000", ["SIDECARGUARD_STORE_TEXT"] = "true", ["SIDECARGUARD_DB_SYNC"] = "full",
        };
        var options = ServeCommand.Parse(["--listen", "127.0.0.1:8000"], name => environment.GetValueOrDefault(name));
        Assert.Equal(StoreKind.Memory, options.Store);
        Assert.Equal(SqliteSync.Full, options.DatabaseSync);
        Assert.Equal(SqliteSync.Safety, ServeCommand.Parse([], NoEnvironment).DatabaseSync);
        Assert.Equal(8000, options.Listen.Port);
        Assert.True(options.StoreText);
    }

    [Fact]
    public void Http_Listen_Defaults_To_50052_Reads_The_Environment_And_Can_Be_Off()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 50052), ServeCommand.Parse([], NoEnvironment).HttpListen);
        var environment = new Dictionary<string, string> { ["SIDECARGUARD_HTTP_LISTEN"] = "0.0.0.0:9000" };
        Assert.Equal(new IPEndPoint(IPAddress.Any, 9000), ServeCommand.Parse([], name => environment.GetValueOrDefault(name)).HttpListen);
        Assert.Null(ServeCommand.Parse(["--http-listen", "off"], NoEnvironment).HttpListen);
    }

    [Fact]
    public void Every_Store_Is_Parsed_By_Its_Name_And_Listed_In_The_Usage()
    {
        Assert.NotEmpty(StoreKind.All);
        Assert.All(StoreKind.All, kind =>
        {
            Assert.Same(kind, ServeCommand.Parse(["--store", kind.Name], NoEnvironment).Store);
            Assert.Contains(kind.Name, CommandLine.Usage.Split('\n').First(l => l.TrimStart().StartsWith("--store ", StringComparison.Ordinal)), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("--http-listen", "8080", "--http-listen expects HOST:PORT")]
    [InlineData("--client-ca", "ca.pem", "need --tls-cert")]
    [InlineData("--listen", "nowhere", "HOST:PORT")]
    [InlineData("--listen", "example.com:80", "IP address or localhost")]
    [InlineData("--store", "postgres", "sqlite, memory or redis")]
    [InlineData("--max-text-bytes", "-5", "positive whole number")]
    [InlineData("--conversation-ttl", "soon", "90s, 45m, 12h or 30d")]
    [InlineData("--redis-replica-acks", "-1", "number of replicas from 0 to 16")]
    [InlineData("--db-sync", "normal", "--db-sync must be safety or full, not 'normal'")]
    [InlineData("--redis-replica-acks", "17", "number of replicas from 0 to 16")]
    [InlineData("--tenant", "rt/acme", "--tenant expects 1 to 64 of the characters")]
    [InlineData("--tenant", "a}b", "--tenant expects 1 to 64 of the characters")]
    public void Bad_Values_Are_Usage_Errors(string option, string value, string message)
    {
        var error = Assert.Throws<UsageException>(() => ServeCommand.Parse([option, value], NoEnvironment));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_Options_Print_Usage_And_Exit_2()
    {
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["serve", "--bogus"], TextReader.Null, TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains("Unknown option '--bogus'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage: sidecarguard", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("train")]
    [InlineData("train-semantic")]
    public async Task Lab_Commands_Are_Not_In_The_Production_Tool_And_Say_Where_They_Went(string command)
    {
        var error = new StringWriter();
        var code = await CommandLine.RunAsync([command, "--set", "xstest"], TextReader.Null, TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains($"dotnet run --project src/SidecarGuard.Lab -c Release -- {command}", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(command + " options", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_Policy_File_Stops_Start_With_A_Clear_Message()
    {
        var policy = Path.GetTempFileName();
        await File.WriteAllTextAsync(policy, """{"benignTurnsToReset": 0}""");
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["serve", "--store", "memory", "--policy", policy], TextReader.Null, TextWriter.Null, error);
        File.Delete(policy);
        Assert.Equal(2, code);
        Assert.Contains("benignTurnsToReset", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Console_Is_Off_By_Default_On_By_Flag_Or_Variable_And_Needs_The_Http_Endpoint()
    {
        Assert.False(ServeCommand.Parse([], NoEnvironment).Console);
        Assert.True(ServeCommand.Parse(["--console"], NoEnvironment).Console);
        var environment = new Dictionary<string, string> { ["SIDECARGUARD_CONSOLE"] = "1" };
        Assert.True(ServeCommand.Parse([], name => environment.GetValueOrDefault(name)).Console);

        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["serve", "--console", "--http-listen", "off", "--store", "memory"], TextReader.Null, TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains("--console is served on the HTTP endpoint", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_Store_Without_An_Address_Is_A_Usage_Error()
    {
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["serve", "--store", "redis"], TextReader.Null, TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains("--store redis needs --redis", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serve", "--help")]
    [InlineData("serve", "-h")]
    [InlineData("replay", "--help")]
    [InlineData("--help", "")]
    public async Task Help_Prints_Usage_And_Exits_0(string first, string second)
    {
        var output = new StringWriter();
        string[] args = second.Length == 0 ? [first] : [first, second];
        var code = await CommandLine.RunAsync(args, TextReader.Null, output, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.Contains("Usage: sidecarguard", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("serve options:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Bad_Tenant_Is_A_Usage_Error_Not_A_Crash()
    {
        var error = new StringWriter();
        var code = await CommandLine.RunAsync(["serve", "--store", "redis", "--redis", "127.0.0.1:1", "--tenant", "rt/acme"],
            TextReader.Null, TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains("--tenant expects", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Port_In_Use_Is_One_Line_And_Exit_1(bool verbose)
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();
        string[] args = ["serve", "--store", "memory", "--detector", "lexicon", "--http-listen", "off", "--listen", $"127.0.0.1:{port}"];
        var code = await CommandLine.RunAsync(verbose ? [.. args, "--verbose"] : args, TextReader.Null, TextWriter.Null, error);

        Assert.Equal(1, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sidecarguard: serve failed:", lines[0], StringComparison.Ordinal);
        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[0], StringComparison.Ordinal);
        Assert.Contains("address already in use", lines[0], StringComparison.OrdinalIgnoreCase);
        if (verbose)
        {
            Assert.Contains(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        else
        {
            Assert.Single(lines);
        }
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public async Task Version_Prints_One_Line_And_Exits_0(string argument)
    {
        var output = new StringWriter();
        var code = await CommandLine.RunAsync([argument], TextReader.Null, output, TextWriter.Null);
        Assert.Equal(0, code);
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Usage", output.ToString(), StringComparison.Ordinal);
    }
}
