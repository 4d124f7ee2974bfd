namespace HnReply.NGram;

/// <summary>
/// Counts the n-grams of orders [low, high] that end at each position of a token stream, given
/// the index of the (low-1)-gram ending there. The n-gram of order k ending at position i is the
/// (k-1)-gram ending at i-1 extended by the word at i, so each order costs one hash probe, and
/// an order's running index is all the next order needs.
/// </summary>
internal sealed class OrderChain(CountedOrder[] orders, int low, int high)
{
    private int[] _previous = new int[high];
    private int[] _current = new int[high];
    // The longest order ending at the previous position.
    private int _valid;

    /// <summary>Starts a sentence: the position of &lt;s&gt;, where only the unigram &lt;s&gt; ends.</summary>
    public void StartSentence()
    {
        _previous[low - 2] = low == 2 ? KneserNeyEstimator.Bos : -1;
        _valid = 1;
    }

    /// <summary>Counts what ends at the next position; returns the index of the n-gram of order <c>high</c> ending there, or -1.</summary>
    /// <param name="lower">Index of the (low-1)-gram ending at this position (the word itself when low is 2).</param>
    public int Advance(int word, int lower)
    {
        int length = Math.Min(high, _valid + 1);
        _current[low - 2] = lower;
        for (int k = low; k <= length; k++)
            _current[k - 1] = orders[k - 1].Add(_previous[k - 2], word, _current[k - 2]);
        (_previous, _current) = (_current, _previous);
        _valid = length;
        return length == high ? _previous[high - 1] : -1;
    }
}
