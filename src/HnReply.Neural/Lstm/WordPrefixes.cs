using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Lstm;

/// <summary>
/// A vocabulary as the words-above search reads it on the device: one <see cref="PrefixOrder"/> per
/// block of softmax columns it is asked about (the full softmax's one, the adaptive softmax's head
/// and tails), built at first use and kept.
/// </summary>
internal sealed class WordPrefixes(Vocabulary vocabulary, Device device) : IDisposable
{
    private readonly Dictionary<(int First, int Width), PrefixOrder> _orders = [];

    /// <summary>The sorted order of the columns holding ids first … first + width − 1.</summary>
    public PrefixOrder Order(int first, int width)
    {
        if (!_orders.TryGetValue((first, width), out var order)) _orders[(first, width)] = order = new PrefixOrder(vocabulary, first, width, device);
        return order;
    }

    public void Dispose()
    {
        foreach (var order in _orders.Values) order.Dispose();
        _orders.Clear();
    }
}
