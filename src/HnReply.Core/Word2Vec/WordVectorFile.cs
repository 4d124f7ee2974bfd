using System.Globalization;
using System.Text;

namespace HnReply.Word2Vec;

/// <summary>
/// Reads and writes word vectors in word2vec's formats. Reading detects the format from the bytes
/// after the first word, so a file from the C tool, gensim or fastText needs no flag. Every problem
/// is an <see cref="InvalidDataException"/> whose one-line message starts with the file name.
/// Text is written with the shortest representation that reads back to the same float (the C tool
/// prints six decimals), so both formats round-trip exactly.
/// </summary>
public static class WordVectorFile
{
    private const int MaxHeaderBytes = 100;

    public static WordVectors Read(string path) => Read(path, Detect(path));

    public static WordVectors Read(string path, WordVectorFormat format)
    {
        using var stream = Open(path);
        var (words, dimensions) = ReadHeader(stream, path);
        return format == WordVectorFormat.Binary
            ? BinaryVectorCodec.Read(stream, path, words, dimensions)
            : TextVectorCodec.Read(stream, path, words, dimensions);
    }

    /// <summary>
    /// Text when the rest of the first record, up to its newline, is printable ASCII with a digit in
    /// it; binary otherwise (D float32s are almost never all printable bytes, and one newline byte
    /// among them leaves no digit before it).
    /// </summary>
    public static WordVectorFormat Detect(string path)
    {
        using var stream = Open(path);
        var (_, dimensions) = ReadHeader(stream, path);
        var sample = new byte[(int)Math.Min(4L * dimensions + 200, 1 << 16)];
        int n = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        int space = sample.AsSpan(0, n).IndexOf((byte)' ');
        if (space < 0) throw new InvalidDataException($"{path}: no vectors after the header");
        var record = sample.AsSpan(space, Math.Min(n - space, 4 * dimensions));
        int newline = record.IndexOf((byte)'\n');
        if (newline >= 0) record = record[..newline];
        bool printable = true, digit = false;
        foreach (byte b in record)
        {
            printable &= b is (>= 0x20 and < 0x7F) or (byte)'\t' or (byte)'\r';
            digit |= b is >= (byte)'0' and <= (byte)'9';
        }
        return printable && digit ? WordVectorFormat.Text : WordVectorFormat.Binary;
    }

    public static void Write(string path, WordVectors vectors, WordVectorFormat format)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        for (int i = 0; i < vectors.Count; i++)
        {
            string word = vectors.Words[i];
            if (word.Length == 0 || word.Any(char.IsWhiteSpace))
                throw new ArgumentException($"word {i + 1} ('{word}') is empty or holds white space, which word2vec files cannot store");
        }
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{vectors.Count} {vectors.Dimensions}\n")));
        if (format == WordVectorFormat.Binary) BinaryVectorCodec.Write(stream, vectors);
        else TextVectorCodec.Write(stream, vectors);
    }

    private static FileStream Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    // "V D\n" in ASCII; the stream is left at the first word.
    private static (int Words, int Dimensions) ReadHeader(Stream stream, string path)
    {
        var line = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n' && line.Count <= MaxHeaderBytes) line.Add((byte)b);
        string header = Encoding.ASCII.GetString([.. line]).Trim();
        string[] parts = header.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (b != '\n' || parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int words)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int dimensions))
        {
            // Show the header only when it is short printable text: a binary file's bytes would garble the terminal.
            bool printable = line.Count <= 40 && line.TrueForAll(c => c is >= 0x20 and < 0x7F or (byte)'\t' or (byte)'\r');
            string found = printable ? $"found '{header}'" : $"found {line.Count:N0}{(b == '\n' ? "" : "+")} bytes that are not such a line";
            throw new InvalidDataException($"{path}: not a word2vec vector file: the first line must be '<words> <dimensions>', {found}");
        }
        if (words < 1 || dimensions < 1 || (long)words * dimensions > Array.MaxLength)
            throw new InvalidDataException($"{path}: the header announces {words} words × {dimensions} dimensions, which is not a usable size");
        return (words, dimensions);
    }
}
