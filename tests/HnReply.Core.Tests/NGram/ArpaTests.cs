using HnReply.Core.Tests.Corpus;
using HnReply.Core.Tests.NGram.Fixtures;
using HnReply.NGram;

namespace HnReply.Core.Tests.NGram;

public class ArpaTests
{
    private const int Words = 25;
    private static readonly string[] Vocabulary =
        ["<unk>", "<s>", "</s>", "<pad>", .. Enumerable.Range(0, Words + 2).Select(i => $"w{i}")];

    private static NGramModel Estimate(int order) =>
        KneserNeyEstimator.Estimate(MarkovCorpus.Generate(seed: 4, sentences: 1500, words: Words).AsMemory(),
                                    Vocabulary.Length, new NGramOptions { Order = order });

    private static int[][] HeldOut() => MarkovCorpus.Generate(seed: 5, sentences: 200, words: Words + 2)
        .Select(s => s.Select((w, i) => i % 7 == 6 ? 0 : w).ToArray()).ToArray();

    private static int[] Ids(string[] vocabulary, string sentence) =>
        sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Array.IndexOf(vocabulary, w) is var i and >= 0 ? i : 0).ToArray();

    private static double Log10(double naturalLog) => naturalLog / Math.Log(10);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Read_WhatWriteWrote_ScoresIdentically(int order)
    {
        using var temp = new TempDirectory();
        var model = Estimate(order);
        string path = Path.Combine(temp.Root, "model.arpa");

        ArpaWriter.Write(model, Vocabulary, path);
        var (read, vocabulary) = ArpaReader.Read(path);

        Assert.Equal(Vocabulary, vocabulary);
        Assert.Equal(model.NGramCounts, read.NGramCounts);
        Assert.Empty(read.Warnings);
        foreach (var sentence in HeldOut()) Assert.Equal(model.ScoreSentence(sentence), read.ScoreSentence(sentence));
        var p = new double[vocabulary.Length];
        var q = new double[vocabulary.Length];
        model.Distribution(model.Begin(), p);
        read.Distribution(read.Begin(), q);
        Assert.Equal(p, q);
    }

    [Fact]
    public void Write_Model_HasStandardHeaderAndSections()
    {
        using var temp = new TempDirectory();
        var model = Estimate(3);
        string path = Path.Combine(temp.Root, "model.arpa");

        ArpaWriter.Write(model, Vocabulary, path);
        var lines = File.ReadAllLines(path);

        Assert.Equal("\\data\\", lines[0]);
        Assert.Equal($"ngram 1={Vocabulary.Length - 1}", lines[1]);
        Assert.Equal($"ngram 3={model.NGramCounts[2]}", lines[3]);
        Assert.Contains("\\3-grams:", lines);
        Assert.Equal("\\end\\", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("-99\t<s>\t", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("<pad>", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(temp.Root, "*.tmp-*"));
    }

    [Fact]
    public void Read_HandWrittenSrilmFile_ScoresAsWorkedOutByHand()
    {
        using var temp = new TempDirectory();
        var (model, vocabulary) = ArpaReader.Read(temp.Write("srilm.arpa", HandWrittenArpa.Srilm));

        Assert.Equal(["<unk>", "<s>", "</s>", "<pad>", "the", "cat"], vocabulary);
        Assert.Equal(HandWrittenArpa.TheCat, Log10(model.ScoreSentence(Ids(vocabulary, "the cat"))), 5);
        Assert.Equal(HandWrittenArpa.CatThe, Log10(model.ScoreSentence(Ids(vocabulary, "cat the"))), 5);
        Assert.Equal(HandWrittenArpa.Dog, Log10(model.ScoreSentence(Ids(vocabulary, "dog"))), 5);
        Assert.Equal(HandWrittenArpa.TheThe, Log10(model.ScoreSentence(Ids(vocabulary, "the the"))), 5);
        Assert.Empty(model.Warnings);
    }

    [Fact]
    public void Read_GzippedFile_ScoresLikeThePlainOne()
    {
        using var temp = new TempDirectory();
        string path = temp.Write("srilm.arpa.gz", TempDirectory.Gzip(System.Text.Encoding.UTF8.GetBytes(HandWrittenArpa.Srilm)));

        var (model, vocabulary) = ArpaReader.Read(path);

        Assert.Equal(HandWrittenArpa.CatThe, Log10(model.ScoreSentence(Ids(vocabulary, "cat the"))), 5);
    }

    [Fact]
    public void Read_PrunedFile_FillsMissingContextsAndSuffixesWithoutChangingScores()
    {
        using var temp = new TempDirectory();
        var (model, vocabulary) = ArpaReader.Read(temp.Write("pruned.arpa", HandWrittenArpa.Pruned));

        Assert.Equal(HandWrittenArpa.PrunedTheThe, Log10(model.ScoreSentence(Ids(vocabulary, "the the"))), 5);
        Assert.Equal(HandWrittenArpa.PrunedTheCat, Log10(model.ScoreSentence(Ids(vocabulary, "the cat"))), 5);
        Assert.Equal(HandWrittenArpa.PrunedCatTheCat, Log10(model.ScoreSentence(Ids(vocabulary, "cat the cat"))), 5);
        Assert.Contains(model.Warnings, w => w.Contains("added 2 n-grams", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_FileWithoutUnk_GivesUnknownWordsKenLmsDefault()
    {
        using var temp = new TempDirectory();
        string text = HandWrittenArpa.Srilm.Replace("ngram 1=5", "ngram 1=4", StringComparison.Ordinal)
                                           .Replace("-1.0 <unk>\n", "", StringComparison.Ordinal);
        var (model, vocabulary) = ArpaReader.Read(temp.Write("nounk.arpa", text));

        double dog = Log10(model.ScoreSentence(Ids(vocabulary, "dog")));

        Assert.Equal(-0.5 - 100 - 0.6, dog, 4);
        Assert.Contains(model.Warnings, w => w.Contains("no <unk>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ngram 2=4", "ngram 2=5", "found 4 2-grams, the header promised 5")]
    [InlineData("-0.3 the cat -0.05", "-0.3 the dog -0.05", "'dog' is not among the unigrams")]
    [InlineData("-0.3 the cat -0.05", "x the cat -0.05", "'x' is not a number")]
    [InlineData("-0.1 <s> the cat", "-0.1 <s> the cat -0.2", "expected 4 fields")]
    [InlineData("\\end\\", "", "expected \\end\\")]
    [InlineData("-0.9 the </s>", "-0.3 the cat", "2-gram listed twice")]
    public void Read_MalformedFile_FailsWithFileAndLine(string replace, string with, string problem)
    {
        using var temp = new TempDirectory();
        string text = HandWrittenArpa.Srilm.Replace(replace, with, StringComparison.Ordinal);
        string path = temp.Write("bad.arpa", text);
        int line = Array.FindIndex(text.Split('\n'), l => with.Length > 0 && l == with) + 1;

        var e = Assert.Throws<InvalidDataException>(() => ArpaReader.Read(path));

        Assert.StartsWith($"{path}:", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        if (line > 0 && !problem.StartsWith("found", StringComparison.Ordinal)) Assert.StartsWith($"{path}:{line}:", e.Message);
    }

    [Fact]
    public void Read_OrderAboveSix_IsRefused()
    {
        using var temp = new TempDirectory();
        string header = "\\data\\\n" + string.Concat(Enumerable.Range(1, 7).Select(k => $"ngram {k}=1\n")) + "\n";

        var e = Assert.Throws<InvalidDataException>(() => ArpaReader.Read(temp.Write("seven.arpa", header)));

        Assert.Contains("order 7", e.Message);
    }

    [Fact]
    public void BinaryFile_RoundTrip_ScoresIdentically()
    {
        using var temp = new TempDirectory();
        var model = Estimate(4);
        string path = Path.Combine(temp.Root, "model.bin");

        NGramBinaryFile.Write(model, Vocabulary, path);
        var (read, vocabulary) = NGramBinaryFile.Read(path);

        Assert.Equal(Vocabulary, vocabulary);
        Assert.Equal(model.NGramCounts, read.NGramCounts);
        Assert.Equal(model.Warnings, read.Warnings);
        Assert.Equal(model.Discounts, read.Discounts);
        foreach (var sentence in HeldOut()) Assert.Equal(model.ScoreSentence(sentence), read.ScoreSentence(sentence));
        var best = new (int, double)[5];
        var readBest = new (int, double)[5];
        model.TopK(model.Begin(), 5, best);
        read.TopK(read.Begin(), 5, readBest);
        Assert.Equal(best, readBest);
    }

    [Fact]
    public void BinaryFile_TruncatedOrForeign_FailsNamingTheFile()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Root, "model.bin");
        NGramBinaryFile.Write(Estimate(2), Vocabulary, path);
        var bytes = File.ReadAllBytes(path);
        string truncated = temp.Write("truncated.bin", bytes[..^100]);
        string foreign = temp.Write("foreign.bin", "not a model at all, just some text"u8.ToArray());
        string newer = temp.Write("newer.bin", [.. bytes[..8], 99, 0, 0, 0, .. bytes[12..]]);

        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => NGramBinaryFile.Read(truncated)).Message);
        Assert.StartsWith(foreign, Assert.Throws<InvalidDataException>(() => NGramBinaryFile.Read(foreign)).Message);
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => NGramBinaryFile.Read(newer)).Message);
    }

    [Fact]
    public void Write_TokensWithWhitespace_AreEscapedAndReadBack()
    {
        using var temp = new TempDirectory();
        var vocabulary = Vocabulary.ToArray();
        vocabulary[4] = " ";
        vocabulary[5] = "\r\n";
        vocabulary[6] = "two\twords";
        vocabulary[7] = "<U+0041>";
        var model = Estimate(3);
        string path = Path.Combine(temp.Root, "chars.arpa");

        ArpaWriter.Write(model, vocabulary, path);
        var (read, readVocabulary) = ArpaReader.Read(path);

        Assert.Contains("\t<U+0020> ", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(vocabulary, readVocabulary);
        foreach (var sentence in HeldOut()) Assert.Equal(model.ScoreSentence(sentence), read.ScoreSentence(sentence));
    }

    [Fact]
    public void Write_TokenThatLooksEscaped_IsRefused()
    {
        using var temp = new TempDirectory();
        var vocabulary = Vocabulary.ToArray();
        vocabulary[5] = "<U+0020>";

        var e = Assert.Throws<ArgumentException>(() => ArpaWriter.Write(Estimate(2), vocabulary, Path.Combine(temp.Root, "x.arpa")));

        Assert.Contains("<U+0020>", e.Message);
    }
}
