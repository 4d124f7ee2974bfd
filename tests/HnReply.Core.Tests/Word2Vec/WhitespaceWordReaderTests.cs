using System.Text;
using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class WhitespaceWordReaderTests
{
    private static List<string> Words(string text)
    {
        var reader = new WhitespaceWordReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var words = new List<string>();
        while (reader.TryRead(out var word)) words.Add(Encoding.UTF8.GetString(word));
        return words;
    }

    [Fact]
    public void TryRead_SpacesTabsNewlines_SplitAndEachNewlineIsEndOfSentence()
    {
        Assert.Equal(["a", "b", "c", "</s>", "</s>", "d", "</s>"], Words("  a \tb\t\tc\n\nd\n"));
    }

    [Fact]
    public void TryRead_CarriageReturns_AreDroppedEvenInsideWords()
    {
        Assert.Equal(["ab", "</s>", "c", "</s>"], Words("a\rb\r\nc\r\n"));
    }

    [Fact]
    public void TryRead_LastWordWithoutSeparator_IsDroppedAsTheCToolDoes()
    {
        Assert.Equal(["one", "</s>"], Words("one\ntwo"));
    }

    [Fact]
    public void TryRead_LongWord_KeepsItsFirst98Bytes()
    {
        string word = string.Concat(Enumerable.Range(0, 150).Select(i => (char)('a' + i % 26)));

        Assert.Equal([word[..98], "</s>"], Words(word + "\n"));
    }

    /// <summary>
    /// Tricky input, and the vocabulary word2vec.c (tmikolov/word2vec e092540, built with gcc -O3) saved
    /// for it with <c>-min-count 1 -save-vocab</c>: counts, truncation, the dropped last word, and ties
    /// kept in order of first appearance.
    /// </summary>
    [Fact]
    public void Read_TrickyInput_GivesTheCToolsVocabulary()
    {
        string l98 = new('L', 98);
        string input = "tie1 tie2 a b\tc\n\r\n  lead  spaces\t\tb\nx\ry x\ry\n" + l98 + "A " + l98 + "B " + new string('w', 120) + "\n" +
                       "</s> caf\u00e9 a\ntie2 tie1 c\n\ntail";
        string[] expected =
        [
            "</s> 9", "tie1 2", "tie2 2", "a 2", "b 2", "c 2", "xy 2",
            "LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL 2",
            "lead 1", "spaces 1",
            "wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww 1",
            "caf\u00e9 1",
        ];

        var vocabulary = PlantedText.Corpus(input).Vocabulary;

        Assert.Equal(expected, vocabulary.Words.Zip(vocabulary.Counts, (w, c) => $"{w} {c}"));
    }
}
