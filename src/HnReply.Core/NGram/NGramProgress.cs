namespace HnReply.NGram;

/// <summary>Where an estimation is: its stage and the corpus tokens counted so far (including one &lt;/s&gt; per sentence).</summary>
public readonly record struct NGramProgress(NGramStage Stage, long Tokens);
