using System.Globalization;
using System.Text;

namespace HnReply.Word2Vec;

/// <summary>One line per word: the word and D numbers, separated by spaces (the C tool and fastText add a trailing space; both are read).</summary>
internal static class TextVectorCodec
{
    public static WordVectors Read(Stream stream, string path, int count, int dimensions)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        var words = new string[count];
        var values = new float[(long)count * dimensions];
        int i = 0, lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (i == count) throw new InvalidDataException($"{path}:{lineNumber}: more vectors than the {count:N0} the header announces");
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != dimensions + 1)
                throw new InvalidDataException($"{path}:{lineNumber}: expected a word and {dimensions} numbers, found {parts.Length} fields");
            words[i] = parts[0];
            for (int d = 0; d < dimensions; d++)
            {
                if (!float.TryParse(parts[d + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[(long)i * dimensions + d]))
                    throw new InvalidDataException($"{path}:{lineNumber}: '{parts[d + 1]}' is not a number");
            }
            i++;
        }
        if (i < count) throw new InvalidDataException($"{path}: truncated: the header announces {count:N0} vectors, the file holds {i:N0}");
        return new WordVectors(words, values, dimensions);
    }

    public static void Write(Stream stream, WordVectors vectors)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        for (int i = 0; i < vectors.Count; i++)
        {
            writer.Write(vectors.Words[i]);
            foreach (float value in vectors[i])
            {
                writer.Write(' ');
                writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }
}
