using System.Globalization;
using System.Text;

namespace HnReply.NGram;

/// <summary>
/// Writes a model as an ARPA file (the format of SRILM's ngram-format(5), as lmplz writes it):
/// a \data\ header with the n-gram count per order, then one section per order of
/// <c>log10 p &lt;tab&gt; words [&lt;tab&gt; log10 backoff]</c>, a backoff on every n-gram below the
/// highest order (0 where it is no context), and \end\. &lt;pad&gt; is left out; &lt;s&gt; has
/// whatever the model holds (the estimator's -99, SRILM's convention). Numbers are the stored
/// floats in their shortest round-trip form, so <see cref="ArpaReader"/> gives back a model with
/// identical scores. A token with whitespace in it is escaped (<see cref="ArpaTokens"/>). The file
/// appears whole or not at all (written beside, then renamed).
/// </summary>
public static class ArpaWriter
{
    public static void Write(NGramModel model, IReadOnlyList<string> idToToken, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(idToToken);
        if (idToToken.Count != model.VocabularySize)
            throw new ArgumentException($"the vocabulary has {idToToken.Count} tokens but the model {model.VocabularySize}", nameof(idToToken));
        var words = idToToken.Select(ArpaTokens.Escape).ToArray();
        string full = Path.GetFullPath(path);
        string temp = $"{full}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false), 1 << 20))
            {
                WriteTo(model, words, writer);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void WriteTo(NGramModel model, IReadOnlyList<string> idToToken, StreamWriter writer)
    {
        writer.NewLine = "\n";
        writer.WriteLine("\\data\\");
        for (int k = 0; k < model.Order; k++)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ngram {k + 1}={model.NGramCounts[k]}"));
        writer.WriteLine();

        var entries = model.Entries;
        Span<char> number = stackalloc char[32];
        var words = new int[model.Order];
        for (int k = 0; k < model.Order; k++)
        {
            writer.WriteLine($"\\{k + 1}-grams:");
            bool withBackoff = k < model.Order - 1;
            if (k == 0)
            {
                for (int w = 0; w < model.VocabularySize; w++)
                {
                    if (w == NGramModel.Pad) continue;
                    words[0] = w;
                    WriteLine(writer, entries[0][w].Log10Prob, words.AsSpan(0, 1), withBackoff, entries[0][w].Log10Backoff, idToToken, number);
                }
            }
            else
            {
                WriteOrder(writer, entries, k, words, withBackoff, idToToken, number);
            }
            writer.WriteLine();
        }
        writer.WriteLine("\\end\\");
    }

    // Depth-first from each unigram down to order k + 1, so every n-gram's words are on the stack.
    private static void WriteOrder(StreamWriter writer, NGramEntry[][] entries, int k, int[] words, bool withBackoff,
                                   IReadOnlyList<string> idToToken, Span<char> number)
    {
        var stack = new (int Index, int End)[k + 1];
        for (int w = 0; w < entries[0].Length - 1; w++)
        {
            words[0] = w;
            int depth = 0;
            stack[0] = (entries[0][w].FirstChild, entries[0][w + 1].FirstChild);
            while (depth >= 0)
            {
                ref var frame = ref stack[depth];
                if (frame.Index == frame.End)
                {
                    depth--;
                    continue;
                }
                int index = frame.Index++;
                var entry = entries[depth + 1][index];
                words[depth + 1] = entry.Word;
                if (depth + 1 == k)
                {
                    WriteLine(writer, entry.Log10Prob, words.AsSpan(0, k + 1), withBackoff, entry.Log10Backoff, idToToken, number);
                    continue;
                }
                var level = entries[depth + 1];
                stack[++depth] = (level[index].FirstChild, level[index + 1].FirstChild);
            }
        }
    }

    private static void WriteLine(StreamWriter writer, float prob, ReadOnlySpan<int> words, bool withBackoff, float backoff,
                                  IReadOnlyList<string> idToToken, Span<char> number)
    {
        WriteNumber(writer, prob, number);
        writer.Write('\t');
        for (int i = 0; i < words.Length; i++)
        {
            if (i > 0) writer.Write(' ');
            writer.Write(idToToken[words[i]]);
        }
        if (withBackoff)
        {
            writer.Write('\t');
            WriteNumber(writer, backoff, number);
        }
        writer.Write('\n');
    }

    private static void WriteNumber(StreamWriter writer, float value, Span<char> number)
    {
        value.TryFormat(number, out int length, default, CultureInfo.InvariantCulture);
        writer.Write(number[..length]);
    }
}
