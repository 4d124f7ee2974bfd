using System.Buffers.Binary;
using System.Text;
using HnReply.Core.Tests.Corpus;
using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class WordVectorFileTests
{
    // Values that a lossy writer would change: tiny, huge, negative zero, subnormal, many digits.
    private static readonly WordVectors Awkward = new(
        ["the", "caf\u00e9", "</s>"],
        [0.1f, -1e-8f, 3.4028235e38f, -0f, 1.17549435e-38f, 1.4e-45f, 0.33333334f, 123456.79f, -2.5f],
        dimensions: 3);

    private static byte[] CBinary(params (string Word, float[] Vector)[] rows) => Binary(newlines: true, rows);

    private static byte[] Binary(bool newlines, params (string Word, float[] Vector)[] rows)
    {
        var bytes = new List<byte>(Encoding.ASCII.GetBytes($"{rows.Length} {rows[0].Vector.Length}\n"));
        foreach (var (word, vector) in rows)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(word + " "));
            var row = new byte[vector.Length * 4];
            for (int d = 0; d < vector.Length; d++) BinaryPrimitives.WriteSingleLittleEndian(row.AsSpan(d * 4), vector[d]);
            bytes.AddRange(row);
            if (newlines) bytes.Add((byte)'\n');
        }
        return [.. bytes];
    }

    [Theory]
    [InlineData(WordVectorFormat.Binary)]
    [InlineData(WordVectorFormat.Text)]
    public void WriteThenRead_AnyFormat_RoundTripsExactly(WordVectorFormat format)
    {
        using var folder = new TempDirectory();
        string path = Path.Combine(folder.Root, "vectors");

        WordVectorFile.Write(path, Awkward, format);
        var read = WordVectorFile.Read(path);

        Assert.Equal(format, WordVectorFile.Detect(path));
        Assert.Equal(Awkward.Words, read.Words);
        Assert.Equal(Awkward.Values.ToArray().Select(BitConverter.SingleToInt32Bits), read.Values.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Read_BinaryInTheCToolsLayout_ReadsWordsAndFloats()
    {
        // Given a file laid out as word2vec.c writes it ("%lld %lld\n", then "word " + floats + "\n")
        using var folder = new TempDirectory();
        string path = folder.Write("c.bin", CBinary(("</s>", [0.5f, -0.25f]), ("king", [1f, 2f])));

        var read = WordVectorFile.Read(path);

        Assert.Equal(["</s>", "king"], read.Words);
        Assert.Equal([0.5f, -0.25f, 1f, 2f], read.Values.ToArray());
    }

    [Fact]
    public void Read_BinaryWithoutNewlines_ReadsAsGensimWritesIt()
    {
        using var folder = new TempDirectory();
        string path = folder.Write("gensim.bin", Binary(newlines: false, ("a", [1f]), ("b", [2f])));

        var read = WordVectorFile.Read(path, WordVectorFormat.Binary);

        Assert.Equal(["a", "b"], read.Words);
        Assert.Equal([1f, 2f], read.Values.ToArray());
    }

    [Fact]
    public void Read_TextAsTheCToolPrintsIt_TrailingSpaceAndSixDecimals()
    {
        using var folder = new TempDirectory();
        string path = folder.Write("c.txt", "2 3\n</s> 0.001000 -0.250000 1.500000 \nword 1.000000 2.000000 3.000000 \n");

        var read = WordVectorFile.Read(path);

        Assert.Equal(["</s>", "word"], read.Words);
        Assert.Equal([0.001f, -0.25f, 1.5f, 1f, 2f, 3f], read.Values.ToArray());
    }

    public static TheoryData<string, byte[], string> Malformed()
    {
        byte[] good = CBinary(("a", [1f, 2f]), ("b", [3f, 4f]));
        return new()
        {
            { "empty.bin", [], "first line must be" },
            { "header.txt", Encoding.ASCII.GetBytes("hello world\na 1 2\n"), "first line must be '<words> <dimensions>', found 'hello world'" },
            { "zero.txt", Encoding.ASCII.GetBytes("0 5\n"), "not a usable size" },
            { "cut.bin", good[..^3], "truncated: vector 2 of 2 ('b') has 6 of its 8 bytes" },
            { "short.bin", good[..(good.Length / 2)], "truncated" },
            { "extra.bin", [.. good, .. "junk"u8.ToArray()], "4 bytes follow the 2 vectors" },
            { "number.txt", Encoding.ASCII.GetBytes("1 2\na 1.5 x2\n"), "number.txt:2: 'x2' is not a number" },
            { "fields.txt", Encoding.ASCII.GetBytes("2 2\na 1 2\nb 1\n"), "fields.txt:3: expected a word and 2 numbers, found 2 fields" },
            { "few.txt", Encoding.ASCII.GetBytes("3 2\na 1 2\nb 1 2\n"), "truncated: the header announces 3 vectors, the file holds 2" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_MalformedFile_FailsWithOneLineNamingFileAndProblem(string name, byte[] content, string problem)
    {
        using var folder = new TempDirectory();
        string path = folder.Write(name, content);

        var error = Assert.ThrowsAny<Exception>(() => WordVectorFile.Read(path));

        Assert.True(error is InvalidDataException, error.ToString());
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Write_WordWithSpace_IsRefused()
    {
        using var folder = new TempDirectory();
        var vectors = new WordVectors(["new york"], [1f], 1);

        Assert.Throws<ArgumentException>(() => WordVectorFile.Write(Path.Combine(folder.Root, "v.bin"), vectors, WordVectorFormat.Binary));
    }
}
