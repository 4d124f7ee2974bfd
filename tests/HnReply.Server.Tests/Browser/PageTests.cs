using Microsoft.Playwright;

namespace HnReply.Server.Tests.Browser;

/// <summary>The page in headless Chromium: typing with live suggestions, streamed replies and completions, the ladder, a phone-width screen.</summary>
[Collection(ServedModelsGroup.Name)]
public sealed class PageTests(ServedModels models)
{
    [Fact]
    public async Task Typing_SuggestionsAppearAndTabAcceptsTheChosenOne()
    {
        await using var session = await PageSession.OpenAsync(models);
        var page = session.Page;
        await page.GetByLabel("Language model").SelectOptionAsync("ngram");

        await page.GetByLabel("Your text").PressSequentiallyAsync("the cat sat on ");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" }).GetByRole(AriaRole.Option).First).ToContainTextAsync("the", new() { Timeout = 15_000 });
        await session.ScreenshotAsync("suggestions");
        await page.GetByLabel("Your text").PressAsync("Tab");

        await Assertions.Expect(page.GetByLabel("Your text")).ToHaveValueAsync("the cat sat on the ");
        await Assertions.Expect(page.GetByLabel("Your text")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Typing_MidWordArrowDownThenTab_ReplacesThePartialWordWithTheSecondCompletion()
    {
        await using var session = await PageSession.OpenAsync(models);
        var page = session.Page;
        await page.GetByLabel("Language model").SelectOptionAsync("ngram");
        var box = page.GetByLabel("Your text");

        await box.PressSequentiallyAsync("the cat ate the f");
        var options = page.GetByRole(AriaRole.Listbox, new() { Name = "Suggestions" }).GetByRole(AriaRole.Option);
        await Assertions.Expect(options).ToHaveCountAsync(2, new() { Timeout = 15_000 });
        await Assertions.Expect(options.Nth(0)).ToContainTextAsync("fish");
        await Assertions.Expect(options.Nth(1)).ToContainTextAsync("fox");
        await box.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Tab");

        await Assertions.Expect(box).ToHaveValueAsync("the cat ate the fox ");
    }

    [Fact]
    public async Task Reply_RepliersAnswerSideBySideWithScores()
    {
        await using var session = await PageSession.OpenAsync(models);
        var page = session.Page;

        await page.GetByLabel("Story title (optional)").FillAsync("Ask HN");
        await page.GetByLabel("Comment to reply to").FillAsync("Which database for a side project, SQLite or Postgres?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();

        var column = page.Locator(".replier[data-model=retrieval]");
        await Assertions.Expect(column.Locator(".reply").First).ToContainTextAsync(ServedModels.Pairs[1].Reply, new() { Timeout = 15_000 });
        await Assertions.Expect(column.Locator(".reply .score").First).ToContainTextAsync("score ", new() { Timeout = 15_000 });
        await session.ScreenshotAsync("replies");
    }

    [Fact]
    public async Task Continue_StreamsTheCompletionIntoTheOutput()
    {
        await using var session = await PageSession.OpenAsync(models);
        var page = session.Page;
        await page.GetByLabel("Language model").SelectOptionAsync("loop");
        await page.GetByLabel("Your text").FillAsync("alpha");
        await page.GetByLabel("Tokens").FillAsync("3");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue the text" }).ClickAsync();

        // The page leaves the loop model's temperature at the default, so only the first words are certain to follow the cycle: check the stream arrived.
        await Assertions.Expect(page.Locator("#completion")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^alpha( \\w+){3}$"), new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task Ladder_ShowsTheReportTableAndEachLossCurve()
    {
        await using var session = await PageSession.OpenAsync(models);
        var page = session.Page;

        var rows = page.Locator("#ladder tbody tr");

        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("3.250");
        await Assertions.Expect(page.GetByAltText("Training and validation loss of lstm")).ToBeVisibleAsync();
        bool loaded = await page.EvaluateAsync<bool>("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)");
        Assert.True(loaded, "every chart image loads");
    }

    [Fact]
    public async Task PhoneWidth_NothingScrollsSidewaysAndEveryControlIsLabelled()
    {
        await using var session = await PageSession.OpenAsync(models, width: 390, height: 844);
        var page = session.Page;

        int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, select, textarea')].filter(e => !e.labels || e.labels.length === 0).map(e => e.id)");
        await session.ScreenshotAsync("phone");

        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a phone screen");
        Assert.Empty(unlabelled);
    }
}
