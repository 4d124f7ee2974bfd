using System.Buffers.Binary;
using System.Text;

namespace HnReply.Word2Vec;

/// <summary>
/// The C tool's binary records: word, space, D little-endian float32s, newline. gensim omits the
/// newline, so newlines before a word are skipped, as the C tool's own readers do.
/// </summary>
internal static class BinaryVectorCodec
{
    private const int MaxWordBytes = 4096;

    public static WordVectors Read(Stream stream, string path, int count, int dimensions)
    {
        var words = new string[count];
        var values = new float[(long)count * dimensions];
        var word = new byte[MaxWordBytes];
        var row = new byte[dimensions * sizeof(float)];
        for (int i = 0; i < count; i++)
        {
            int length = 0, b;
            while ((b = stream.ReadByte()) is '\n' or '\r') { }
            for (; b >= 0 && b != ' '; b = stream.ReadByte())
            {
                if (length == MaxWordBytes) throw new InvalidDataException($"{path}: word {i + 1} runs past {MaxWordBytes} bytes; not a binary word2vec file, or a header that announces more words than it holds");
                word[length++] = (byte)b;
            }
            if (b < 0) throw new InvalidDataException($"{path}: truncated: the header announces {count:N0} vectors, the file ends at vector {i + 1:N0}");
            words[i] = Encoding.UTF8.GetString(word, 0, length);
            int got = stream.ReadAtLeast(row, row.Length, throwOnEndOfStream: false);
            if (got < row.Length)
                throw new InvalidDataException($"{path}: truncated: vector {i + 1:N0} of {count:N0} ('{words[i]}') has {got} of its {row.Length} bytes");
            var target = values.AsSpan(i * dimensions, dimensions);
            for (int d = 0; d < dimensions; d++) target[d] = BinaryPrimitives.ReadSingleLittleEndian(row.AsSpan(d * sizeof(float)));
        }
        int extra = 0, next;
        while ((next = stream.ReadByte()) >= 0) if (next is not ('\n' or '\r' or ' ')) extra++;
        if (extra > 0) throw new InvalidDataException($"{path}: {extra:N0} bytes follow the {count:N0} vectors the header announces");
        return new WordVectors(words, values, dimensions);
    }

    public static void Write(Stream stream, WordVectors vectors)
    {
        var row = new byte[vectors.Dimensions * sizeof(float)];
        for (int i = 0; i < vectors.Count; i++)
        {
            stream.Write(Encoding.UTF8.GetBytes(vectors.Words[i]));
            stream.WriteByte((byte)' ');
            var vector = vectors[i];
            for (int d = 0; d < vector.Length; d++) BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(d * sizeof(float)), vector[d]);
            stream.Write(row);
            stream.WriteByte((byte)'\n');
        }
    }
}
