namespace HnReply.Word2Vec;

/// <summary>How "a is to b as c is to ?" is answered (Levy and Goldberg 2014 name both).</summary>
public enum AnalogyMethod
{
    /// <summary>3CosAdd: argmax cos(d, b - a + c), Mikolov's original and compute-accuracy's.</summary>
    Add,

    /// <summary>3CosMul: argmax cos'(d, b)·cos'(d, c) / (cos'(d, a) + 0.001), cos' = (cos + 1) / 2; less dominated by one large term.</summary>
    Mul,
}
