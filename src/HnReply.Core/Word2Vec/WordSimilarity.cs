namespace HnReply.Word2Vec;

/// <summary>A word found by a query and its score: cosine similarity for 3CosAdd and nearest, the 3CosMul objective for 3CosMul.</summary>
public readonly record struct WordSimilarity(string Word, float Similarity);
