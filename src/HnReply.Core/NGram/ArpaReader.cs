using System.Globalization;
using System.IO.Compression;
using System.Text;
using HnReply.Corpus;

namespace HnReply.NGram;

/// <summary>
/// Loads an ARPA back-off model (written by lmplz, SRILM or <see cref="ArpaWriter"/>; gzipped when
/// the name ends in .gz) so that it scores exactly as KenLM's query does: ARPA's back-off rule, a
/// word outside the file's unigrams scored as &lt;unk&gt;, and a file without &lt;unk&gt; given one
/// with log10 probability -100 (KenLM's default, with a warning). Ids: &lt;unk&gt; 0, &lt;s&gt; 1,
/// &lt;/s&gt; 2, &lt;pad&gt; 3 (absent from files, never predicted), then the other unigrams in file
/// order, so a file from <see cref="ArpaWriter"/> keeps its ids, and its whitespace escapes are
/// undone. Anything before \data\ is ignored; a malformed file fails with one line naming file:line.
/// </summary>
public static class ArpaReader
{
    private const float MissingUnkLog10Prob = -100f;
    private static readonly string[] Specials = ["<unk>", "<s>", "</s>", "<pad>"];

    public static (NGramModel Model, string[] Vocabulary) Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var lines = new Utf8LineReader(stream, maxLineBytes: 1 << 20);
        var parser = new Parser(path, lines);
        return parser.Read();
    }

    private sealed class Parser(string path, Utf8LineReader lines)
    {
        private readonly List<string> _vocabulary = [.. Specials];
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<float> _unigramProb = [];
        private readonly List<float> _unigramBackoff = [];
        private readonly bool[] _specialSeen = new bool[Specials.Length];
        private readonly List<string> _warnings = [];
        private readonly char[] _chars = new char[1 << 20];
        private long _line;
        private int _positiveProbs;

        public (NGramModel, string[]) Read()
        {
            var counts = ReadHeader();
            if (counts.Count > NGramOptions.MaxOrder)
                throw Error($"the model has order {counts.Count}; at most {NGramOptions.MaxOrder} is supported");
            for (int i = 0; i < Specials.Length; i++)
            {
                _ids[Specials[i]] = i;
                _unigramProb.Add(i == NGramModel.Unk ? MissingUnkLog10Prob : Interpolator.NeverPredicted);
                _unigramBackoff.Add(0);
            }
            ExpectSection(1);
            ReadUnigrams(counts[0]);
            var orders = new ArpaOrder?[counts.Count];
            var closure = new ArpaClosure(orders);
            for (int k = 2; k <= counts.Count; k++)
            {
                orders[k - 1] = new ArpaOrder(checked((int)counts[k - 1]));
                ExpectSection(k);
                ReadNGrams(k, counts[k - 1], k == counts.Count, orders, closure);
            }
            if (NextContentLine() is not { } end || !IsMarker(end.Span, "\\end\\"))
                throw Error("expected \\end\\");
            return Finish(orders);
        }

        private (NGramModel, string[]) Finish(ArpaOrder?[] orders)
        {
            if (!_specialSeen[NGramModel.Bos] || !_specialSeen[KneserNeyEstimator.Eos])
                throw new InvalidDataException($"{path}: the unigrams lack <s> or </s>");
            if (!_specialSeen[NGramModel.Unk])
                _warnings.Add($"{path}: no <unk> in the unigrams; unknown words get log10 probability {MissingUnkLog10Prob}, as in KenLM");
            if (_positiveProbs > 0)
                _warnings.Add($"{path}: {_positiveProbs:N0} positive log10 probabilities were read as 0");
            var unigramProb = _unigramProb.ToArray();
            var unigramBackoff = _unigramBackoff.ToArray();
            var closure = new ArpaClosure(orders);
            closure.CloseSuffixes();
            closure.ScoreBlanks(unigramProb, unigramBackoff);
            int blanks = closure.BlankCount();
            if (blanks > 0)
                _warnings.Add($"{path}: added {blanks:N0} n-grams the file lacks (contexts or suffixes of listed ones), scored by back-off");

            var modelOrders = new ModelOrder[orders.Length];
            var words = new int[_vocabulary.Count];
            for (int w = 0; w < words.Length; w++) words[w] = w;
            modelOrders[0] = new ModelOrder(words.Length, [], words, unigramProb, unigramBackoff);
            for (int k = 1; k < orders.Length; k++) modelOrders[k] = orders[k]!.ToModelOrder();
            return (NGramModelBuilder.Build(modelOrders, _warnings, []), _vocabulary.ToArray());
        }

        private List<long> ReadHeader()
        {
            while (true)
            {
                var line = NextLine() ?? throw Error("no \\data\\ section");
                if (IsMarker(line.Span, "\\data\\")) break;
            }
            var counts = new List<long>();
            while (NextLine() is { } line)
            {
                string text = Encoding.UTF8.GetString(line.Span).Trim();
                if (text.Length == 0)
                {
                    if (counts.Count > 0) break;
                    continue;
                }
                if (!text.StartsWith("ngram ", StringComparison.Ordinal))
                    throw Error($"expected 'ngram N=COUNT', got '{Shorten(text)}'");
                var parts = text["ngram ".Length..].Split('=', StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int order) ||
                    !long.TryParse(parts[1], CultureInfo.InvariantCulture, out long count) || count < 0 || count > int.MaxValue)
                    throw Error($"expected 'ngram N=COUNT', got '{Shorten(text)}'");
                if (order != counts.Count + 1) throw Error($"expected the count of {counts.Count + 1}-grams, got {order}-grams");
                counts.Add(count);
            }
            if (counts.Count == 0) throw Error("the \\data\\ section lists no n-gram counts");
            return counts;
        }

        private void ReadUnigrams(long count)
        {
            Span<Range> fields = stackalloc Range[4];
            for (long i = 0; i < count; i++)
            {
                var line = NextNGramLine(count, i, 1);
                int n = Split(line, fields);
                if (n is < 2 or > 3) throw Error($"expected 'log10prob word [backoff]', got {n} fields");
                float prob = Number(line[fields[0]]);
                float backoff = n == 3 ? Number(line[fields[2]]) : 0;
                string word = Encoding.UTF8.GetString(line[fields[1]]);
                if (!_ids.TryGetValue(word, out int id))
                {
                    id = _vocabulary.Count;
                    _ids[word] = id;
                    _vocabulary.Add(ArpaTokens.Unescape(word));
                    _unigramProb.Add(0);
                    _unigramBackoff.Add(0);
                }
                else if (id >= Specials.Length || _specialSeen[id])
                {
                    throw Error($"unigram '{Shorten(word)}' appears twice");
                }
                if (id < Specials.Length) _specialSeen[id] = true;
                _unigramProb[id] = prob;
                _unigramBackoff[id] = backoff;
            }
        }

        private void ReadNGrams(int order, long count, bool highest, ArpaOrder?[] orders, ArpaClosure closure)
        {
            Span<Range> fields = stackalloc Range[order + 3];
            Span<int> words = stackalloc int[order];
            var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
            for (long i = 0; i < count; i++)
            {
                var line = NextNGramLine(count, i, order);
                int n = Split(line, fields);
                int expected = highest ? order + 1 : order + 2;
                if (n != expected && !(n == order + 1 && !highest))
                    throw Error($"expected {expected} fields (log10prob, {order} words{(highest ? "" : ", [backoff]")}), got {n}");
                float prob = Number(line[fields[0]]);
                float backoff = n == order + 2 ? Number(line[fields[order + 1]]) : 0;
                for (int j = 0; j < order; j++)
                {
                    var bytes = line[fields[j + 1]];
                    int chars = Encoding.UTF8.GetChars(bytes, _chars);
                    if (!lookup.TryGetValue(_chars.AsSpan(0, chars), out words[j]) || (words[j] < Specials.Length && !_specialSeen[words[j]]))
                        throw Error($"word '{Shorten(Encoding.UTF8.GetString(bytes))}' is not among the unigrams");
                }
                int prefix = closure.Ensure(words[..^1]);
                if (orders[order - 1]!.Add(prefix, words[^1], prob, backoff) < 0)
                    throw Error($"{order}-gram listed twice");
            }
        }

        private ReadOnlySpan<byte> NextNGramLine(long count, long read, int order)
        {
            var line = NextContentLine() ?? throw Error($"the file ends after {read:N0} of {count:N0} {order}-grams");
            if (line.Span.TrimStart(" \t"u8)[0] == (byte)'\\') throw Error($"found {read:N0} {order}-grams, the header promised {count:N0}");
            return line.Span;
        }

        private void ExpectSection(int order)
        {
            var line = NextContentLine();
            if (line is not { } found || !IsMarker(found.Span, $"\\{order}-grams:"))
                throw Error($"expected \\{order}-grams:");
        }

        private float Number(ReadOnlySpan<byte> field)
        {
            float value;
            if (field.SequenceEqual("-inf"u8) || field.SequenceEqual("-Inf"u8)) value = float.NegativeInfinity;
            else if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || float.IsNaN(value))
                throw Error($"'{Shorten(Encoding.UTF8.GetString(field))}' is not a number");
            if (value > 0)
            {
                _positiveProbs++;
                value = 0;
            }
            return value;
        }

        private static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
        {
            int count = 0, i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && line[i] is (byte)' ' or (byte)'\t') i++;
                if (i == line.Length) break;
                int start = i;
                while (i < line.Length && line[i] is not ((byte)' ' or (byte)'\t')) i++;
                if (count == fields.Length) return count + 1;
                fields[count++] = start..i;
            }
            return count;
        }

        private ReadOnlyMemory<byte>? NextLine()
        {
            if (!lines.TryRead(out var line)) return null;
            _line = line.Number;
            if (line.TooLong) throw Error("line too long");
            return line.Bytes;
        }

        private ReadOnlyMemory<byte>? NextContentLine()
        {
            while (NextLine() is { } line)
            {
                if (!line.Span.Trim(" \t"u8).IsEmpty) return line;
            }
            return null;
        }

        private static bool IsMarker(ReadOnlySpan<byte> line, string marker) =>
            Encoding.ASCII.GetString(line.Trim(" \t"u8)) == marker;

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

        private InvalidDataException Error(string message) => new($"{path}:{_line}: {message}");
    }
}
