using HnReply.Text;
using static TorchSharp.torch;

namespace HnReply.Neural.Reply;

/// <summary>
/// Replies as teacher-forced decoder input: [time, batch] with &lt;/s&gt; first and each reply after
/// it, right-padded; the targets of the real positions only (each token, then &lt;/s&gt; unless the
/// reply was cut at <c>truncateAt</c>), and their rows in the decoder's [batch × time] output,
/// pair by pair in order, with each row's batch column.
/// </summary>
internal sealed record DecoderBatch(Tensor Input, Tensor Rows, Tensor Columns, Tensor Targets, long TargetCount)
{
    public static DecoderBatch Create(IReadOnlyList<int[]> replies, int truncateAt, Device device)
    {
        int count = replies.Count;
        int time = replies.Max(r => Math.Min(r.Length, truncateAt)) + 1;
        var input = new long[time * count];
        Array.Fill(input, Vocabulary.Pad);
        var rows = new List<long>();
        var columns = new List<long>();
        var targets = new List<long>();
        for (int b = 0; b < count; b++)
        {
            int[] reply = replies[b];
            int length = Math.Min(reply.Length, truncateAt);
            input[b] = Vocabulary.Eos;
            for (int t = 0; t < length; t++) input[(t + 1) * count + b] = reply[t];
            int positions = reply.Length > truncateAt ? length : length + 1;
            for (int t = 0; t < positions; t++)
            {
                rows.Add((long)b * time + t);
                columns.Add(b);
                targets.Add(t < reply.Length ? reply[t] : Vocabulary.Eos);
            }
        }
        return new DecoderBatch(tensor(input, [time, count]).to(device), tensor(rows.ToArray()).to(device), tensor(columns.ToArray()).to(device), tensor(targets.ToArray()).to(device), targets.Count);
    }
}
