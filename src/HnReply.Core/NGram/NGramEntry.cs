using System.Runtime.InteropServices;

namespace HnReply.NGram;

/// <summary>
/// One stored n-gram: its last word, log10 probability, log10 backoff (0 when it is no context),
/// and where its continuations start in the order above. The continuations of entry i are entries
/// [FirstChild of i, FirstChild of i + 1) one order up, sorted by probability, highest first; every
/// order ends with a sentinel entry whose FirstChild closes the last range. 16 bytes, so a lookup
/// touches one cache line for everything Score needs.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NGramEntry
{
    public float Log10Prob;
    public float Log10Backoff;
    public int Word;
    public int FirstChild;
}
