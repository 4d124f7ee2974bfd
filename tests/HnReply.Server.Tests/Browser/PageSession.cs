using Microsoft.Playwright;

namespace HnReply.Server.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright against a live server: no browser download, the binary at
/// HNREPLY_CHROMIUM (default /usr/bin/chromium; .ci/run installs it). Screenshots go to
/// HNREPLY_SCREENSHOTS (.ci/run: TestResults/screenshots), else TestResults/screenshots beside the tests.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly LiveServer _server;

    private PageSession(IPlaywright playwright, IBrowser browser, LiveServer server, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        _server = server;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<PageSession> OpenAsync(ServedModels models, int width = 1280, int height = 900)
    {
        string chromium = Environment.GetEnvironmentVariable("HNREPLY_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new FileNotFoundException($"{chromium}: no Chromium for the browser tests; install Debian's (apt-get install -y chromium) or set HNREPLY_CHROMIUM");
        var server = await LiveServer.StartAsync(models);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(server.Address.ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");
        return new PageSession(playwright, browser, server, page);
    }

    public async Task ScreenshotAsync(string name)
    {
        string folder = Environment.GetEnvironmentVariable("HNREPLY_SCREENSHOTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }
}
