namespace HnReply.Word2Vec;

/// <summary>
/// Splits bytes into words exactly as word2vec.c's <c>ReadWord</c> does, so the same file gives the
/// same vocabulary and the same token stream in both tools:
/// <list type="bullet">
/// <item>space, tab and <c>\n</c> separate words; <c>\r</c> is dropped wherever it stands;</item>
/// <item>every <c>\n</c> is also a word of its own, <see cref="EndOfSentence"/>;</item>
/// <item>a word longer than <see cref="MaxWordBytes"/> bytes keeps its first 98 (the C buffer is 100
///   bytes, and its last free slot is overwritten until the word ends, then by the terminator);</item>
/// <item>a word cut off by the end of the input, with no separator after it, is dropped.</item>
/// </list>
/// It does not fold case, strip punctuation or decode anything: words are raw byte strings.
/// </summary>
public sealed class WhitespaceWordReader
{
    /// <summary>The word each newline stands for; it ends a sentence in training.</summary>
    public const string EndOfSentence = "</s>";

    /// <summary>Longest word kept, in bytes.</summary>
    public const int MaxWordBytes = 98;

    private static readonly byte[] EndOfSentenceBytes = "</s>"u8.ToArray();

    private readonly Stream stream;
    private readonly byte[] buffer = new byte[1 << 16];
    private readonly byte[] word = new byte[MaxWordBytes + 1];
    private int position;
    private int length;
    private bool newlinePending;

    public WhitespaceWordReader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
    }

    /// <summary>Bytes consumed so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Reads the next word; false at the end of the input. The span is valid until the next call.</summary>
    public bool TryRead(out ReadOnlySpan<byte> next)
    {
        if (newlinePending)
        {
            // ReadWord pushed the newline back with ungetc: the next call turns it into </s>.
            newlinePending = false;
            next = EndOfSentenceBytes;
            return true;
        }
        int a = 0;
        while (true)
        {
            if (position == length && !Fill())
            {
                next = default;
                return false;
            }
            byte ch = buffer[position++];
            if (ch == (byte)'\r') continue;
            if (ch is (byte)' ' or (byte)'\t' or (byte)'\n')
            {
                if (a > 0)
                {
                    newlinePending = ch == (byte)'\n';
                    next = word.AsSpan(0, a);
                    return true;
                }
                if (ch == (byte)'\n')
                {
                    next = EndOfSentenceBytes;
                    return true;
                }
                continue;
            }
            word[a++] = ch;
            if (a > MaxWordBytes) a = MaxWordBytes;
        }
    }

    private bool Fill()
    {
        length = stream.Read(buffer, 0, buffer.Length);
        position = 0;
        BytesRead += length;
        return length > 0;
    }
}
