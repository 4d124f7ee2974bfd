using HnReply.Word2Vec;

namespace HnReply.Core.Tests.Word2Vec;

public class Word2VecCorpusTests
{
    [Fact]
    public void Read_MinCount_DropsRareWordsFromVocabularyAndText()
    {
        // Given "a" 3 times, "b" twice, "c" once
        var corpus = PlantedText.Corpus("a b a\nc a b\n", minCount: 2);

        // Then c is gone from both; </s> stays first; the text is what the C tool would train on
        Assert.Equal(["</s>", "a", "b"], corpus.Vocabulary.Words);
        Assert.Equal([2L, 3, 2], corpus.Vocabulary.Counts);
        Assert.Equal([1, 2, 1, 0, 1, 2, 0], corpus.Tokens.ToArray());
        Assert.Equal(7, corpus.Vocabulary.TotalCount);
        Assert.Equal(8, corpus.WordsRead);
        Assert.Equal(-1, corpus.Vocabulary.IndexOf("c"));
    }

    [Fact]
    public void Read_NoNewline_KeepsEndOfSentenceAtIndexZeroWithCountZero()
    {
        var corpus = PlantedText.Corpus("x y x y z", minCount: 2);

        Assert.Equal(["</s>", "x", "y"], corpus.Vocabulary.Words);
        Assert.Equal(0, corpus.Vocabulary.Counts[0]);
    }

    [Fact]
    public void FromDocuments_Lowercase_FoldsCaseAndEndsEachDocument()
    {
        var corpus = Word2VecCorpus.FromDocuments(["The Cat", "the DOG\nthe cat"], lowercase: true, minCount: 1);

        Assert.Equal(["</s>", "the", "cat", "dog"], corpus.Vocabulary.Words);
        Assert.Equal(3, corpus.Vocabulary.Counts[0]);
    }

    [Fact]
    public void ReadFile_Missing_NamesTheFile()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Word2VecCorpus.ReadFile("/nonexistent/text.txt", 1));

        Assert.Contains("/nonexistent/text.txt", error.Message, StringComparison.Ordinal);
    }
}
