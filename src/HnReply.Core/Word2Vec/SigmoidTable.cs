namespace HnReply.Word2Vec;

/// <summary>
/// σ(x) from a 1000-entry table over (-6, 6), as word2vec.c's <c>expTable</c> (EXP_TABLE_SIZE 1000,
/// MAX_EXP 6), for the gradient; and -log σ(x) with linear interpolation in a finer table, exact
/// outside (-6, 6), for the reported loss. The C tool indexes with <c>EXP_TABLE_SIZE / MAX_EXP / 2</c>
/// in integer arithmetic (83 instead of 83.3), which reads σ at about 0.996·(x + 6) - 6; this table
/// is indexed with the intended scale.
/// </summary>
internal sealed class SigmoidTable
{
    public const float MaxExp = 6;
    private const int Size = 1000;
    private const float Scale = Size / MaxExp / 2;
    private const int LossSize = 1 << 14;
    private const float LossScale = LossSize / MaxExp / 2;

    private readonly float[] sigmoid = new float[Size + 1];
    private readonly float[] negLog = new float[LossSize + 2];

    public SigmoidTable()
    {
        for (int i = 0; i <= Size; i++)
        {
            float e = MathF.Exp((i / (float)Size * 2 - 1) * MaxExp);
            sigmoid[i] = e / (e + 1);
        }
        for (int i = 0; i < negLog.Length; i++) negLog[i] = (float)Softplus(-((double)i / LossSize * 2 - 1) * MaxExp);
    }

    /// <summary>σ(x) for -6 &lt; x &lt; 6 (callers clip outside).</summary>
    public float Sigmoid(float x) => sigmoid[(int)((x + MaxExp) * Scale)];

    /// <summary>-log σ(x), the loss of predicting label 1 with score x (label 0: pass -x).</summary>
    public float NegLogSigmoid(float x)
    {
        if (x <= -MaxExp || x >= MaxExp) return (float)Softplus(-x);
        float at = (x + MaxExp) * LossScale;
        int i = (int)at;
        float t = at - i;
        return negLog[i] + t * (negLog[i + 1] - negLog[i]);
    }

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));
}
