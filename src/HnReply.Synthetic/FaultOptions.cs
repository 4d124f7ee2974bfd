namespace HnReply.Synthetic;

/// <summary>
/// Transient faults <see cref="FakeHnApi"/> injects into item requests. Whether the n-th request for
/// an id is faulty, and how, depends only on (<see cref="Seed"/>, id, n), so a run replays exactly.
/// Rates are probabilities per request and are tried in the order below; their sum should be at most 1.
/// After <see cref="MaxFaultsPerItem"/> faulty answers an id is always served correctly.
/// </summary>
public sealed record FaultOptions
{
    // Answer correctly, but only after SlowDelay: longer than a client's timeout, so it must retry.
    public double SlowRate { get; init; }
    public TimeSpan SlowDelay { get; init; } = TimeSpan.FromSeconds(5);

    // 500, 502 or 503.
    public double ServerErrorRate { get; init; }

    // 429 with Retry-After: 0 or 1.
    public double TooManyRequestsRate { get; init; }

    // Headers with the full Content-Length and part of the body, then the connection is aborted.
    public double DropRate { get; init; }

    public int MaxFaultsPerItem { get; init; } = 3;
    public int Seed { get; init; } = 1;
}
