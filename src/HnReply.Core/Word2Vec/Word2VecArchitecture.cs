namespace HnReply.Word2Vec;

/// <summary>Which way the network predicts (Mikolov et al. 2013): the word from its context, or the context from the word.</summary>
public enum Word2VecArchitecture
{
    /// <summary>Continuous bag of words: the mean of the context vectors predicts the centre word. Fast; the C tool's default.</summary>
    Cbow,

    /// <summary>Skip-gram: each context word's vector predicts the centre word. Slower, better on rare words and analogies.</summary>
    SkipGram,
}
