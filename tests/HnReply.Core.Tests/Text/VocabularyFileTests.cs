using System.Text;
using HnReply.Core.Tests.Corpus;
using HnReply.Text;

namespace HnReply.Core.Tests.Text;

public class VocabularyFileTests
{
    private const string Specials = "<unk>\t0\n<s>\t0\n</s>\t0\n<pad>\t0\n";

    [Fact]
    public void Save_Vocabulary_WritesTokenTabCountLinesInIdOrder()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, Vocabulary.FileName);

        Vocabulary.Build([["b", "a", "a"], ["<unk>"]]).Save(path);

        Assert.Equal("<unk>\t1\n<s>\t0\n</s>\t2\n<pad>\t0\na\t2\nb\t1\n", File.ReadAllText(path));
    }

    [Fact]
    public void Load_SavedVocabulary_GivesSameTokensIdsAndCounts()
    {
        using var directory = new TempDirectory();
        var path = Path.Combine(directory.Root, Vocabulary.FileName);
        string[] awkward = ["tab\there", "line\nbreak", "\r\n", " ", "back\\slash", "\\t", "\\", "lone\uD800", "\uDC00", "👨‍👩‍👧", "日本", "é"];
        var vocabulary = Vocabulary.Build([[.. awkward, "the", "the"], ["the"]]);

        vocabulary.Save(path);
        var loaded = Vocabulary.Load(path);

        Assert.Equal(vocabulary.Count, loaded.Count);
        for (var id = 0; id < vocabulary.Count; id++)
        {
            Assert.Equal(vocabulary.Token(id), loaded.Token(id));
            Assert.Equal(vocabulary.Frequency(id), loaded.Frequency(id));
            Assert.Equal(id, loaded.Id(vocabulary.Token(id)));
        }
        Assert.Equal(1 + 4 + awkward.Length, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void Save_ExistingFile_IsReplacedAndNoTempFileRemains()
    {
        using var directory = new TempDirectory();
        var path = directory.Write(Vocabulary.FileName, "old");

        Vocabulary.FromTokens(["x"]).Save(path);

        Assert.Equal("x", Vocabulary.Load(path).Token(4));
        Assert.Equal([path], Directory.GetFiles(directory.Root));
    }

    [Fact]
    public void Load_WindowsLineEndsAndBom_AreAccepted()
    {
        using var directory = new TempDirectory();
        var path = directory.Write(Vocabulary.FileName, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Specials.Replace("\n", "\r\n") + "word\t7\r\n")]);

        var vocabulary = Vocabulary.Load(path);

        Assert.Equal("word", vocabulary.Token(4));
        Assert.Equal(7, vocabulary.Frequency(4));
    }

    public static TheoryData<string, string> MalformedFiles => new()
    {
        { "", ": only 0 lines; a vocabulary starts with the special tokens <unk> <s> </s> <pad> on lines 1-4" },
        { "<unk>\t0\n<s>\t0\n", ": only 2 lines; a vocabulary starts with the special tokens <unk> <s> </s> <pad> on lines 1-4" },
        { "the\t5\n" + Specials, ":1: expected the special token <unk>, found \"the\" (lines 1-4 hold <unk> <s> </s> <pad>)" },
        { "<unk>\t0\n</s>\t0\n<s>\t0\n<pad>\t0\n", ":2: expected the special token <s>, found \"</s>\" (lines 1-4 hold <unk> <s> </s> <pad>)" },
        { Specials + "the\n", ":5: expected \"token<TAB>count\", found \"the\"" },
        { Specials + "the\t5\n\nnext\t1\n", ":6: expected \"token<TAB>count\", found \"\"" },
        { Specials + "the\tmany\n", ":5: the count \"many\" is not a non-negative integer" },
        { Specials + "the\t-1\n", ":5: the count \"-1\" is not a non-negative integer" },
        { Specials + "the\t1\t2\n", ":5: the count \"1\\t2\" is not a non-negative integer" },
        { Specials + "\t3\n", ":5: empty token" },
        { Specials + "a\\qb\t3\n", ":5: bad escape in token \"a\\qb\" (known: \\\\ \\t \\n \\r \\uXXXX)" },
        { Specials + "the\t5\ncat\t2\nthe\t1\n", ":7: duplicate token \"the\" (first on line 5)" },
        { Specials + "<unk>\t1\n", ":5: duplicate token \"<unk>\" (first on line 1)" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Load_MalformedFile_FailsWithOneLineNamingFileAndLine(string content, string expected)
    {
        using var directory = new TempDirectory();
        var path = directory.Write(Vocabulary.FileName, content);

        var error = Assert.Throws<InvalidDataException>(() => Vocabulary.Load(path));

        Assert.Equal(path + expected, error.Message);
    }

    [Fact]
    public void Load_InvalidUtf8_FailsNamingTheLine()
    {
        using var directory = new TempDirectory();
        var path = directory.Write(Vocabulary.FileName, [.. Encoding.UTF8.GetBytes(Specials + "ok\t1\n"), 0xC3, 0x28, (byte)'\t', (byte)'1', (byte)'\n']);

        var error = Assert.Throws<InvalidDataException>(() => Vocabulary.Load(path));

        Assert.Equal($"{path}:6: not valid UTF-8", error.Message);
    }

    [Fact]
    public void Load_MissingFile_FailsNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", Vocabulary.FileName);

        var error = Assert.Throws<FileNotFoundException>(() => Vocabulary.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }
}
