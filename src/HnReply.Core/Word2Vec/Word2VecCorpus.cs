using System.Runtime.InteropServices;
using System.Text;

namespace HnReply.Word2Vec;

/// <summary>
/// Training text as word2vec sees it: the vocabulary and the whole text as vocabulary indices
/// (<c>&lt;/s&gt;</c> = 0 at every line end; words below min-count removed, as the C tool skips them).
/// The text is read once into memory (4 bytes a word), where the C tool rereads its file on every
/// pass. Every source goes through <see cref="WhitespaceWordReader"/>; that reader is the one place
/// that decides what a word is.
/// </summary>
public sealed class Word2VecCorpus
{
    private readonly int[] tokens;

    private Word2VecCorpus(Word2VecVocabulary vocabulary, int[] tokens, long bytes, long wordsRead)
    {
        Vocabulary = vocabulary;
        this.tokens = tokens;
        Bytes = bytes;
        WordsRead = wordsRead;
    }

    public Word2VecVocabulary Vocabulary { get; }

    /// <summary>The text as vocabulary indices.</summary>
    public ReadOnlySpan<int> Tokens => tokens;

    internal int[] TokenArray => tokens;

    /// <summary>Bytes of text read.</summary>
    public long Bytes { get; }

    /// <summary>Words read, <c>&lt;/s&gt;</c> and dropped rare words included.</summary>
    public long WordsRead { get; }

    /// <summary>Reads a file with the C tool's word splitting (see <see cref="WhitespaceWordReader"/>).</summary>
    public static Word2VecCorpus ReadFile(string path, int minCount)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, minCount);
    }

    /// <summary>
    /// Documents (one line each, as if written to a file with a newline after each), optionally
    /// lower-cased first. Line breaks inside a document end a sentence, as they would in a file.
    /// </summary>
    public static Word2VecCorpus FromDocuments(IEnumerable<string> documents, bool lowercase, int minCount)
    {
        using var stream = new DocumentStream(documents.Select(d => lowercase ? d.ToLowerInvariant() : d));
        return Read(stream, minCount);
    }

    /// <summary>Reads UTF-8 text (invalid bytes decode to U+FFFD) and keeps words seen at least <paramref name="minCount"/> times.</summary>
    public static Word2VecCorpus Read(Stream stream, int minCount)
    {
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "min-count must be 1 or more");
        var reader = new WhitespaceWordReader(stream);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal) { [WhitespaceWordReader.EndOfSentence] = 0 };
        var lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var words = new List<string> { WhitespaceWordReader.EndOfSentence };
        var counts = new List<long> { 0 };
        var text = new List<int>();
        Span<char> chars = stackalloc char[WhitespaceWordReader.MaxWordBytes];
        while (reader.TryRead(out var bytes))
        {
            var word = chars[..Encoding.UTF8.GetChars(bytes, chars)];
            if (!lookup.TryGetValue(word, out int id))
            {
                id = words.Count;
                string added = new(word);
                ids.Add(added, id);
                words.Add(added);
                counts.Add(0);
            }
            CollectionsMarshal.AsSpan(counts)[id]++;
            text.Add(id);
        }
        var (vocabulary, remap) = Word2VecVocabulary.Build(words, counts, minCount);
        var kept = new int[vocabulary.TotalCount];
        int n = 0;
        foreach (int id in CollectionsMarshal.AsSpan(text))
        {
            int k = remap[id];
            if (k >= 0) kept[n++] = k;
        }
        return new Word2VecCorpus(vocabulary, kept, reader.BytesRead, text.Count);
    }

    /// <summary>Documents as a UTF-8 byte stream with a newline after each, encoded as they are read.</summary>
    private sealed class DocumentStream(IEnumerable<string> documents) : Stream
    {
        private readonly IEnumerator<string> source = documents.GetEnumerator();
        private byte[] pending = [];
        private int offset;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            while (offset == pending.Length)
            {
                if (!source.MoveNext()) return 0;
                pending = Encoding.UTF8.GetBytes(source.Current + "\n");
                offset = 0;
            }
            int n = Math.Min(destination.Length, pending.Length - offset);
            pending.AsSpan(offset, n).CopyTo(destination);
            offset += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
