using System.Text;

namespace HnReply.Text;

/// <summary>
/// Reads a plain-text corpus file, one document per line, and refuses what is not one with a single
/// line that names the file: a directory, a binary file (NUL bytes in its first 8 KB), bytes that are
/// not valid in the chosen encoding (strict UTF-8 by default: an invalid byte would otherwise become a
/// U+FFFD "word"), or a file without any text. Problems show as <see cref="IOException"/> (a missing
/// file or a directory) or <see cref="InvalidDataException"/> (the content); a message never echoes the
/// file's bytes, only their positions and hexadecimal values.
/// </summary>
public static class PlainTextFile
{
    private const int SniffBytes = 8192;

    /// <summary>
    /// The lines of <paramref name="path"/>, streamed. Checks the path and the first 8 KB at once;
    /// invalid bytes further on, and a file with no text at all, fail while enumerating.
    /// </summary>
    public static IEnumerable<string> ReadLines(string path, TextFileEncoding encoding = TextFileEncoding.Utf8)
    {
        CheckPath(path);
        CheckNotBinary(path);
        return Lines(path, encoding);
    }

    /// <summary>Reads the whole file through <see cref="ReadLines"/>, so every problem shows before anything is built from it.</summary>
    public static void Validate(string path, TextFileEncoding encoding = TextFileEncoding.Utf8)
    {
        foreach (string _ in ReadLines(path, encoding)) { }
    }

    private static void CheckPath(string path)
    {
        if (Directory.Exists(path)) throw new IOException($"{path}: is a directory; expected a plain-text file, one document per line");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
    }

    private static void CheckNotBinary(string path)
    {
        var head = new byte[SniffBytes];
        int read;
        using (var stream = File.OpenRead(path)) read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int nul = Array.IndexOf(head, (byte)0, 0, read);
        if (nul >= 0) throw new InvalidDataException($"{path}: a binary file (NUL byte at offset {nul}); expected plain text, one document per line");
    }

    private static IEnumerable<string> Lines(string path, TextFileEncoding encoding)
    {
        var decoding = encoding == TextFileEncoding.Latin1
            ? Encoding.Latin1
            : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        // No byte-order-mark detection: a UTF-16 or UTF-32 mark would switch decoders silently and read
        // bytes that are not UTF-8 as text. A UTF-8 mark is skipped below.
        using var reader = new StreamReader(path, decoding, detectEncodingFromByteOrderMarks: false);
        bool anyText = false;
        long lineNumber = 0;
        while (true)
        {
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (DecoderFallbackException e)
            {
                string bytes = e.BytesUnknown is { Length: > 0 } unknown ? $" (byte 0x{unknown[0]:X2})" : "";
                throw new InvalidDataException(
                    $"{path}: not valid UTF-8{(lineNumber > 0 ? $" after line {lineNumber:N0}" : "")}{bytes}; convert it to UTF-8, or pass --encoding latin1 if it is Latin-1 text", e);
            }
            if (line is null) break;
            lineNumber++;
            if (lineNumber == 1 && encoding == TextFileEncoding.Utf8 && line.StartsWith('\uFEFF')) line = line[1..];
            if (line.Contains('\0', StringComparison.Ordinal))
                throw new InvalidDataException($"{path}: a binary file (NUL byte on line {lineNumber}); expected plain text, one document per line");
            anyText |= !string.IsNullOrWhiteSpace(line);
            yield return line;
        }
        if (!anyText) throw new InvalidDataException($"{path}: no text (empty or only blank lines); expected plain text, one document per line");
    }
}
