using System.Globalization;
using System.Text;

namespace HnReply.Text;

// vocab.txt: one "token<TAB>count" line per id, in id order, UTF-8 without BOM, '\n' line ends.
// Tokens of the char and whitespace tokenizers may hold tabs, line breaks or stray surrogates, so
// a token is written escaped: \\ \t \n \r, and \uXXXX for a lone surrogate (which UTF-8 cannot
// carry). Any other character is written as is, so ordinary vocabularies read as plain text.
public sealed partial class Vocabulary
{
    public const string FileName = "vocab.txt";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes the vocabulary to <paramref name="path"/> whole or not at all (temp file + rename).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            using (var writer = new StreamWriter(temp, append: false, StrictUtf8))
            {
                for (var id = 0; id < _tokens.Length; id++)
                {
                    writer.Write(Escape(_tokens[id]));
                    writer.Write('\t');
                    writer.Write(_frequencies[id].ToString(CultureInfo.InvariantCulture));
                    writer.Write('\n');
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Reads a file written by <see cref="Save"/>. A malformed line, a duplicate token or missing
    /// specials fail with an <see cref="InvalidDataException"/> whose one-line message starts with
    /// "file:line:".
    /// </summary>
    public static Vocabulary Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such vocabulary file", path);
        var bytes = File.ReadAllBytes(path).AsSpan();
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        var tokens = new List<string>();
        var frequencies = new List<long>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var number = 1; !bytes.IsEmpty; number++)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            if (line.EndsWith("\r"u8)) line = line[..^1];
            var (token, count) = ParseLine(path, number, line);
            if (number <= Specials.Length && token != Specials[number - 1])
                throw new InvalidDataException($"{path}:{number}: expected the special token {Specials[number - 1]}, found \"{Escape(token)}\" (lines 1-4 hold {string.Join(' ', Specials)})");
            if (!ids.TryAdd(token, number - 1))
                throw new InvalidDataException($"{path}:{number}: duplicate token \"{Escape(token)}\" (first on line {ids[token] + 1})");
            tokens.Add(token);
            frequencies.Add(count);
        }
        if (tokens.Count < Specials.Length)
            throw new InvalidDataException($"{path}: only {tokens.Count} lines; a vocabulary starts with the special tokens {string.Join(' ', Specials)} on lines 1-4");
        return new Vocabulary([.. tokens], [.. frequencies], ids);
    }

    private static (string Token, long Count) ParseLine(string path, int number, ReadOnlySpan<byte> line)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{path}:{number}: not valid UTF-8");
        }
        var tab = text.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0) throw new InvalidDataException($"{path}:{number}: expected \"token<TAB>count\", found \"{Shorten(text)}\"");
        var countText = text.AsSpan(tab + 1);
        if (!long.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            throw new InvalidDataException($"{path}:{number}: the count \"{Shorten(countText.ToString())}\" is not a non-negative integer");
        if (tab == 0) throw new InvalidDataException($"{path}:{number}: empty token");
        return (Unescape(path, number, text.AsSpan(0, tab)), count);
    }

    // A raw line of the file as an error shows it: cut short, tabs visible.
    private static string Shorten(string raw) => (raw.Length <= 40 ? raw : raw[..40] + "...").Replace("\t", @"\t", StringComparison.Ordinal);

    private static string Escape(string token)
    {
        if (!NeedsEscape(token)) return token;
        var escaped = new StringBuilder(token.Length + 4);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c is '\\') escaped.Append(@"\\");
            else if (c is '\t') escaped.Append(@"\t");
            else if (c is '\n') escaped.Append(@"\n");
            else if (c is '\r') escaped.Append(@"\r");
            else if (IsLoneSurrogate(token, i)) escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(string token)
    {
        if (token.AsSpan().IndexOfAny("\\\t\n\r") >= 0) return true;
        for (var i = 0; i < token.Length; i++)
        {
            if (IsLoneSurrogate(token, i)) return true;
        }
        return false;
    }

    private static bool IsLoneSurrogate(string s, int i) =>
        char.IsHighSurrogate(s[i]) ? i + 1 == s.Length || !char.IsLowSurrogate(s[i + 1])
        : char.IsLowSurrogate(s[i]) && (i == 0 || !char.IsHighSurrogate(s[i - 1]));

    private static string Unescape(string path, int number, ReadOnlySpan<char> token)
    {
        if (!token.Contains('\\')) return token.ToString();
        var text = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '\\')
            {
                text.Append(token[i]);
                continue;
            }
            var code = i + 1 < token.Length ? token[++i] : '\0';
            if (code == 'u' && i + 4 < token.Length
                && ushort.TryParse(token.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                text.Append((char)unit);
                i += 4;
                continue;
            }
            text.Append(code switch
            {
                '\\' => '\\',
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                _ => throw new InvalidDataException($"{path}:{number}: bad escape in token \"{Shorten(token.ToString())}\" (known: \\\\ \\t \\n \\r \\uXXXX)"),
            });
        }
        return text.ToString();
    }
}
