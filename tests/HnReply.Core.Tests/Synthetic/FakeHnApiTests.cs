using System.Net;
using HnReply.Corpus;
using HnReply.Synthetic;

namespace HnReply.Core.Tests.Synthetic;

public class FakeHnApiTests
{
    private static readonly IReadOnlyList<Item> Items = SyntheticHn.Generate(stories: 10, meanCommentsPerStory: 5, seed: 2);

    [Fact]
    public async Task Item_NoFaults_ServesItemJsonOnLoopback()
    {
        await using var api = await FakeHnApi.StartAsync(Items);
        using var http = new HttpClient { BaseAddress = api.BaseUri };

        var body = await http.GetStringAsync($"item/{Items[3].Id}.json");

        Assert.Equal("127.0.0.1", api.BaseUri.Host);
        Assert.EndsWith("/v0/", api.BaseUri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(ItemJson.Write(Items[3]), body);
        Assert.Equal("null", await http.GetStringAsync("item/77777777.json"));
        Assert.Equal(2, api.Requests);
    }

    [Fact]
    public async Task Item_AlwaysFaulty_FaultsExactlyMaxFaultsPerItemTimes()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { ServerErrorRate = 1, MaxFaultsPerItem = 3 });
        using var http = new HttpClient { BaseAddress = api.BaseUri };
        var id = Items[0].Id;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync($"item/{id}.json");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(3), s => Assert.InRange((int)s, 500, 503));
        Assert.All(statuses.Skip(3), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(3, api.FaultsInjected);
        Assert.Equal(5, api.RequestsPerItem[id]);
    }

    [Fact]
    public async Task Item_SameSeed_SameFaultSequence()
    {
        var faults = new FaultOptions { ServerErrorRate = 0.3, TooManyRequestsRate = 0.3, MaxFaultsPerItem = 2, Seed = 4 };

        var first = await StatusesAsync(faults);
        var second = await StatusesAsync(faults);
        var otherSeed = await StatusesAsync(faults with { Seed = 5 });

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
        Assert.Contains(first, s => s != 200);
    }

    [Fact]
    public async Task Item_Drop_HeadersArriveThenTheBodyFails()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { DropRate = 1, MaxFaultsPerItem = 1 });
        using var http = new HttpClient { BaseAddress = api.BaseUri };
        var path = $"item/{Items[1].Id}.json";

        using (var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => response.Content.ReadAsByteArrayAsync());
            Assert.IsAssignableFrom<IOException>(e.InnerException);
        }
        Assert.Equal(ItemJson.Write(Items[1]), await http.GetStringAsync(path));
    }

    [Fact]
    public async Task Lists_FaultsConfigured_AreNeverFaulty()
    {
        await using var api = await FakeHnApi.StartAsync(Items, new FaultOptions { ServerErrorRate = 1 });
        using var http = new HttpClient { BaseAddress = api.BaseUri };

        Assert.StartsWith("[", await http.GetStringAsync("topstories.json"), StringComparison.Ordinal);
        Assert.StartsWith("[", await http.GetStringAsync("newstories.json"), StringComparison.Ordinal);
        Assert.Equal(Items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), await http.GetStringAsync("maxitem.json"));
        Assert.Equal(0, api.FaultsInjected);
    }

    // Status codes of the first 6 requests for each of the first 10 ids, in that order.
    private static async Task<int[]> StatusesAsync(FaultOptions faults)
    {
        await using var api = await FakeHnApi.StartAsync(Items, faults);
        using var http = new HttpClient { BaseAddress = api.BaseUri };
        var statuses = new List<int>();
        foreach (var item in Items.Take(10))
        {
            for (var attempt = 0; attempt < 6; attempt++)
            {
                using var response = await http.GetAsync($"item/{item.Id}.json");
                statuses.Add((int)response.StatusCode);
            }
        }
        return [.. statuses];
    }
}
