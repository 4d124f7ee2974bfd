using System.Text;
using HnReply.Corpus;

namespace HnReply.Core.Tests.Corpus;

public class Utf8LineReaderTests
{
    private static List<(long Number, string Text, bool TooLong)> ReadAll(byte[] input, int maxLineBytes, int bufferBytes)
    {
        using var reader = new Utf8LineReader(new MemoryStream(input), maxLineBytes, bufferBytes);
        var lines = new List<(long, string, bool)>();
        while (reader.TryRead(out var line)) lines.Add((line.Number, Encoding.UTF8.GetString(line.Bytes.Span), line.TooLong));
        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1 << 16)]
    public void TryRead_AnyBufferSize_SplitsOnLfAndCrLf(int bufferBytes)
    {
        var input = Encoding.UTF8.GetBytes("\uFEFFfirst\r\nsecond 😀\n\n日本語\r\nlast without break");

        var lines = ReadAll(input, 1000, bufferBytes);

        Assert.Equal(
            [(1L, "first", false), (2L, "second 😀", false), (3L, "", false), (4L, "日本語", false), (5L, "last without break", false)],
            lines);
    }

    [Fact]
    public void TryRead_LineAtTheLimit_IsSkippedAndCounted()
    {
        var input = Encoding.UTF8.GetBytes("short\n" + new string('x', 25) + "\nafter\n" + new string('y', 40));

        var lines = ReadAll(input, 10, 4);

        Assert.Equal([(1L, "short", false), (2L, "", true), (3L, "after", false), (4L, "", true)], lines);
    }

    [Fact]
    public void TryRead_EmptyStream_HasNoLines()
    {
        Assert.Empty(ReadAll([], 10, 4));
    }

    [Fact]
    public void TryRead_TrailingLineBreak_AddsNoEmptyLine()
    {
        Assert.Equal([(1L, "a", false), (2L, "b", false)], ReadAll("a\nb\n"u8.ToArray(), 10, 2));
    }
}
