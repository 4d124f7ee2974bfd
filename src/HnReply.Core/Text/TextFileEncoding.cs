namespace HnReply.Text;

/// <summary>How a plain-text file's bytes become characters.</summary>
public enum TextFileEncoding
{
    /// <summary>UTF-8 (with or without a byte order mark), strictly: an invalid byte is an error, never U+FFFD.</summary>
    Utf8,

    /// <summary>ISO-8859-1: every byte is the character with that code, so any file decodes.</summary>
    Latin1,
}
