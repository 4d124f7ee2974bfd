namespace HnReply.Word2Vec;

/// <summary>The two file formats of word2vec.c, read and written by gensim and fastText (<c>.vec</c> is the text one).</summary>
public enum WordVectorFormat
{
    /// <summary>Header line <c>"V D\n"</c>, then per word: the word, a space, D little-endian float32s, and a newline.</summary>
    Binary,

    /// <summary>Header line <c>"V D"</c>, then per word one line: the word and D numbers, separated by spaces.</summary>
    Text,
}
