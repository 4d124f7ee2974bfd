using System.Collections.Concurrent;

namespace HnReply.Synthetic;

/// <summary>
/// Counts requests per id and decides each one's fault from a hash of (seed, id, attempt), so the
/// outcome does not depend on timing or on the order in which different ids arrive.
/// </summary>
internal sealed class FaultPlan(FaultOptions options)
{
    private sealed class Counter
    {
        public int Requests;
        public int Faults;
    }

    private readonly ConcurrentDictionary<long, Counter> _counters = new();

    public IReadOnlyDictionary<long, int> RequestsPerItem =>
        _counters.ToDictionary(pair => pair.Key, pair => Volatile.Read(ref pair.Value.Requests));

    public Fault Next(long id)
    {
        var counter = _counters.GetOrAdd(id, static _ => new Counter());
        lock (counter)
        {
            counter.Requests++;
            if (counter.Faults >= options.MaxFaultsPerItem) return default;
            var hash = Mix((ulong)options.Seed, (ulong)id, (ulong)counter.Requests);
            var kind = Choose((hash >> 11) * (1.0 / (1UL << 53)));
            if (kind != FaultKind.None) counter.Faults++;
            return new Fault(kind, Mix(hash, 0x9E3779B97F4A7C15UL, 1));
        }
    }

    private FaultKind Choose(double u)
    {
        if ((u -= options.SlowRate) < 0) return FaultKind.Slow;
        if ((u -= options.ServerErrorRate) < 0) return FaultKind.ServerError;
        if ((u -= options.TooManyRequestsRate) < 0) return FaultKind.TooManyRequests;
        if ((u -= options.DropRate) < 0) return FaultKind.Drop;
        return FaultKind.None;
    }

    // SplitMix64 finaliser over the combined inputs: cheap and well spread.
    private static ulong Mix(ulong a, ulong b, ulong c)
    {
        var z = a * 0x9E3779B97F4A7C15UL ^ (b + 0xBF58476D1CE4E5B9UL) * 0x94D049BB133111EBUL ^ c * 0xD6E8FEB86659FD93UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
