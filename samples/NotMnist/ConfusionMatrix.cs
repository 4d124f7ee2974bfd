using System.Text;

namespace HnReply.Samples.NotMnist;

/// <summary>Counts of (true letter, predicted letter) on the test set: the diagonal is what the rung gets right.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts = new int[LetterSet.Classes, LetterSet.Classes];

    public ConfusionMatrix(IReadOnlyList<long> labels, IReadOnlyList<long> predictions)
    {
        for (int i = 0; i < labels.Count; i++) _counts[labels[i], predictions[i]]++;
    }

    public int this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>Rows are the true letters, columns the predictions.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("true\\pred");
        for (int p = 0; p < LetterSet.Classes; p++) text.Append($"{LetterSet.Letter(p),6}");
        text.AppendLine();
        for (int t = 0; t < LetterSet.Classes; t++)
        {
            text.Append($"{LetterSet.Letter(t),9}");
            for (int p = 0; p < LetterSet.Classes; p++) text.Append($"{_counts[t, p],6}");
            text.AppendLine();
        }
        return text.ToString();
    }
}
