using System.Net;
using Microsoft.Playwright;
using SidecarGuard.Contracts.V1;
using SidecarGuard.Sidecar.Hosting;

namespace SidecarGuard.Console.Tests;

// The wire enums, not the model's enums of the same names in the SidecarGuard namespace.
using EndReason = SidecarGuard.Contracts.V1.EndReason;
using FeedbackSource = SidecarGuard.Contracts.V1.FeedbackSource;
using FeedbackVerdict = SidecarGuard.Contracts.V1.FeedbackVerdict;

/// <summary>
/// The operator console in headless Chromium against a real sidecar (SQLite, text stored) seeded through the public
/// API with four ends today: three the users asked for (one of them marked wrong, with a comment that tries to inject
/// markup) and one for persistent terror.
/// </summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private const string Injection = "<img src=x onerror=\"window.injected = 1\"> was wrong";
    private readonly string _directory = Directory.CreateTempSubdirectory("sg-console-").FullName;
    private TestSidecar? _sidecar;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    private TestSidecar Sidecar => _sidecar!;

    private IPage Page => _page!;

    private List<string> Asked { get; } = [];

    private string Terror { get; set; } = "";

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string DaysAgo(int days) => DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        _sidecar = await TestSidecar.StartAsync(new SidecarOptions
        {
            Store = StoreKind.Sqlite, DatabasePath = Path.Combine(_directory, "guard.db"), Console = true, StoreText = true,
        });
        for (var i = 0; i < 3; i++)
        {
            Asked.Add(await EndAsync($"asked-{i}-{Guid.NewGuid():N}", [Phrases.EndRequest, Phrases.Confirm], EndReason.UserRequested));
        }

        Terror = await EndAsync($"terror-{Guid.NewGuid():N}", [Phrases.Terror, Phrases.Terror, Phrases.Terror, Phrases.Terror], EndReason.Abuse);
        await Sidecar.Client.SubmitFeedbackAsync(new SubmitFeedbackRequest
        {
            ConversationId = Asked[0], Source = FeedbackSource.User, Verdict = FeedbackVerdict.EndWasWrong, Comment = Injection,
        });

        // A user at risk: SUPPORT, and the end the model then asks for is vetoed (counted, not listed).
        var atRisk = $"risk-{Guid.NewGuid():N}";
        await Sidecar.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = atRisk, UserText = Phrases.AtRisk });
        var veto = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            Sidecar.Client.EndConversationAsync(new EndConversationRequest { ConversationId = atRisk, Reason = EndReason.Abuse }).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.FailedPrecondition, veto.StatusCode);

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // This machine has no network beyond loopback: Chromium's background traffic would only fail.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        _page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("SIDECARGUARD_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
        : throw new InvalidOperationException("Chromium is not installed: tests/run.sh installs the Debian package chromium (or set SIDECARGUARD_CHROMIUM).");

    private async Task<string> EndAsync(string id, string[] turns, EndReason reason)
    {
        foreach (var text in turns)
        {
            await Sidecar.Client.EvaluateTurnAsync(new EvaluateTurnRequest { ConversationId = id, UserText = text });
        }

        await Sidecar.Client.EndConversationAsync(new EndConversationRequest { ConversationId = id, Reason = reason });
        return id;
    }

    private async Task OpenAsync(string query, string expectedStatus)
    {
        await Page.GotoAsync($"{Sidecar.HttpAddress}/console{query}");
        await StatusAsync(expectedStatus);
    }

    private Task StatusAsync(string expected) =>
        Page.WaitForFunctionAsync("expected => document.getElementById('status').textContent === expected", expected);

    private async Task<List<string>> ListedAsync() => [.. await Page.Locator("#ends tbody tr td:nth-child(2)").AllTextContentsAsync()];

    [Fact]
    public async Task The_Page_Shows_A_Bar_For_Every_Day_And_Every_End_Newest_First()
    {
        await OpenAsync($"?from={DaysAgo(5)}&to={Today}", "4 end(s) match.");

        var bars = Page.Locator("#chart rect");
        Assert.Equal(6, await bars.CountAsync());
        Assert.Equal(Today, await bars.Nth(5).GetAttributeAsync("data-day"));
        Assert.Equal("4", await bars.Nth(5).GetAttributeAsync("data-count"));
        Assert.Equal("0", await bars.Nth(0).GetAttributeAsync("data-count"));
        Assert.Equal([Terror, Asked[2], Asked[1], Asked[0]], await ListedAsync());
        Assert.Equal([Asked[0]], await Page.Locator("#ends tbody tr.wrong td:nth-child(2)").AllTextContentsAsync());
        Assert.Equal("4 (user requested 3, abuse 1)", await Page.TextContentAsync("[data-fact='Ends']"));
        Assert.Equal("1", await Page.TextContentAsync("[data-fact='At-risk vetoes']"));
        Assert.Equal("1", await Page.TextContentAsync("[data-fact='SUPPORT turns (user may be at risk)']"));
        Assert.Equal("end was wrong 1", await Page.TextContentAsync("[data-fact='Feedback']"));

        // The default window is the last 14 days.
        await OpenAsync("", "4 end(s) match.");
        Assert.Equal(14, await Page.Locator("#chart rect").CountAsync());

        var screenshot = Path.Combine(AppContext.BaseDirectory, "console.png");
        await Page.Locator("#ends tbody tr").First.Locator("button").ClickAsync();
        await Page.Locator("#detail").WaitForAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot was written");
    }

    [Fact]
    public async Task Filters_Change_The_List_And_Travel_In_A_Shareable_Link()
    {
        await OpenAsync("", "4 end(s) match.");

        await Page.SelectOptionAsync("#feedback", "FEEDBACK_FILTER_MARKED_WRONG");
        await Page.ClickAsync("#filters button[type=submit]");
        await StatusAsync("1 end(s) match.");
        Assert.Equal([Asked[0]], await ListedAsync());
        Assert.Contains("feedback=FEEDBACK_FILTER_MARKED_WRONG", Page.Url, StringComparison.Ordinal);

        // The link opens the same view in a fresh page.
        var shared = await _browser!.NewPageAsync();
        await shared.GotoAsync(Page.Url);
        await shared.WaitForFunctionAsync("() => document.getElementById('status').textContent === '1 end(s) match.'");
        Assert.Equal("FEEDBACK_FILTER_MARKED_WRONG", await shared.InputValueAsync("#feedback"));

        await Page.SelectOptionAsync("#feedback", "");
        await Page.SelectOptionAsync("#reason", "END_REASON_ABUSE");
        await Page.ClickAsync("#filters button[type=submit]");
        await StatusAsync("1 end(s) match.");
        Assert.Equal([Terror], await ListedAsync());
    }

    [Fact]
    public async Task Feedback_Given_On_The_Page_By_Keyboard_Is_Stored_And_Shown()
    {
        await OpenAsync("", "4 end(s) match.");
        var open = Page.Locator("#ends tbody tr button", new PageLocatorOptions { HasText = Asked[1] });
        await open.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Page.Locator("#detail").WaitForAsync();
        Assert.Equal(Asked[1], await Page.TextContentAsync("#detail-id"));
        Assert.Equal("none yet", await Page.TextContentAsync("#detail-feedback li"));

        await Page.SelectOptionAsync("#verdict", "FEEDBACK_VERDICT_END_WAS_RIGHT");
        await Page.FillAsync("#comment", "The user asked twice; right call.");
        await Page.ClickAsync("#feedback-form button[type=submit]");
        await Page.WaitForFunctionAsync("() => document.querySelector('#detail-feedback li')?.textContent.includes('end was right')");

        var stored = await Sidecar.Client.GetConversationAsync(new GetConversationRequest { ConversationId = Asked[1] });
        var feedback = Assert.Single(stored.Feedback);
        Assert.Equal((FeedbackSource.Operator, FeedbackVerdict.EndWasRight, "The user asked twice; right call."),
            (feedback.Source, feedback.Verdict, feedback.Comment));
        Assert.Contains("right call", await Page.TextContentAsync("#detail-feedback li") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Comment_That_Carries_Markup_Is_Shown_As_Text()
    {
        await OpenAsync("", "4 end(s) match.");
        await Page.Locator("#ends tbody tr button", new PageLocatorOptions { HasText = Asked[0] }).ClickAsync();
        await Page.WaitForFunctionAsync("() => document.querySelector('#detail-feedback li')?.textContent.includes('was wrong')");

        Assert.Contains(Injection, await Page.TextContentAsync("#detail-feedback li") ?? "", StringComparison.Ordinal);
        Assert.Equal(0, await Page.Locator("#detail-feedback img").CountAsync());
        Assert.False(await Page.EvaluateAsync<bool>("() => window.injected === 1"));
    }

    [Fact]
    public async Task The_Console_Is_Locked_Down_And_Off_Unless_Asked_For()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Sidecar.HttpAddress!) };
        using var page = await http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain("://", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal); // nothing from elsewhere

        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/v1/ends");
        foreign.Headers.Add("Origin", "https://evil.example");
        using var refused = await http.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        await using var plain = await TestSidecar.StartAsync();
        using var off = await new HttpClient().GetAsync($"{plain.HttpAddress}/console");
        Assert.Equal(HttpStatusCode.NotFound, off.StatusCode);
    }
}
