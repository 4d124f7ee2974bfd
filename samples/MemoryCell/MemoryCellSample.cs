using HnReply.Neural.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HnReply.Samples.MemoryCell;

/// <summary>
/// The memory cell: the LSTM's equations written out with tensors, checked against libtorch's own
/// LSTM with the same weights; then a tiny LSTM language model trained with truncated
/// backpropagation through time, the loop HnReply's LstmTrainer runs at full size.
/// </summary>
public static class MemoryCellSample
{
    public static void Run(TextWriter output)
    {
        TorchRuntime.Initialize(ComputeDevice.Cpu, threads: 1);
        random.manual_seed(1);
        CompareWithLibtorch(output);
        TrainWithTruncatedBptt(output);
    }

    private static void CompareWithLibtorch(TextWriter output)
    {
        const int inputSize = 3, hiddenSize = 4, steps = 5;
        using var lstm = nn.LSTM(inputSize, hiddenSize);
        using var inputs = randn(steps, 1, inputSize);                 // [time, batch, features]
        var (libtorch, _, _) = lstm.forward(inputs);

        var weights = lstm.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var h = zeros(1, hiddenSize);
        var c = zeros(1, hiddenSize);
        var byHand = new List<Tensor>();
        using (no_grad())
        {
            for (int t = 0; t < steps; t++)
            {
                (h, c) = Step(inputs[t], h, c, weights["weight_ih_l0"], weights["weight_hh_l0"], weights["bias_ih_l0"], weights["bias_hh_l0"]);
                byHand.Add(h);
            }
        }
        using var difference = (stack(byHand) - libtorch).abs().max();
        output.WriteLine($"LSTM by hand vs libtorch, {steps} steps: largest difference {difference.item<float>():E1}");
    }

    // One step of the memory cell. libtorch stacks the four gates' weights as [input; forget; cell; output].
    //   i = σ(W_i x + U_i h + b_i)     how much of the new candidate to write
    //   f = σ(W_f x + U_f h + b_f)     how much of the old cell to keep
    //   g = tanh(W_g x + U_g h + b_g)  the candidate content
    //   o = σ(W_o x + U_o h + b_o)     how much of the cell to show
    //   c' = f ⊙ c + i ⊙ g,   h' = o ⊙ tanh(c')
    private static (Tensor H, Tensor C) Step(Tensor x, Tensor h, Tensor c, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        var gates = x.matmul(wIh.t()) + bIh + h.matmul(wHh.t()) + bHh;
        var chunks = gates.chunk(4, 1);
        var (i, f, g, o) = (sigmoid(chunks[0]), sigmoid(chunks[1]), tanh(chunks[2]), sigmoid(chunks[3]));
        var cNext = f * c + i * g;
        return (o * tanh(cNext), cNext);
    }

    // The stream a b a c a b a c ...: what follows an "a" depends on what came before it, so a model
    // that sees only the current symbol is right half the time there; the cell has to remember.
    private static void TrainWithTruncatedBptt(TextWriter output)
    {
        const int symbols = 3, hiddenSize = 16, bptt = 5, length = 400;
        long[] pattern = [0, 1, 0, 2];
        using var embedding = nn.Embedding(symbols, 8);
        using var lstm = nn.LSTM(8, hiddenSize);
        using var decoder = nn.Linear(hiddenSize, symbols);
        var parameters = embedding.parameters().Concat(lstm.parameters()).Concat(decoder.parameters()).ToList();
        using var optimizer = optim.Adam(parameters, lr: 0.01);
        using var stream = tensor(Enumerable.Range(0, length + 1).Select(t => pattern[t % pattern.Length]).ToArray());

        // Without memory the best possible mean loss is ½ · ln 2 (a coin flip after each "a", half the positions).
        output.WriteLine($"best mean loss without memory: {Math.Log(2) / 2:F4}");
        var h = zeros(1, 1, hiddenSize);
        var c = zeros(1, 1, hiddenSize);
        for (int epoch = 1; epoch <= 5; epoch++)
        {
            double total = 0;
            for (int from = 0; from < length; from += bptt)
            {
                using var scope = NewDisposeScope();
                var input = stream.narrow(0, from, bptt).unsqueeze(1);       // [bptt, batch 1]
                var target = stream.narrow(0, from + 1, bptt);
                var (hidden, hNext, cNext) = lstm.forward(embedding.forward(input), (h, c));
                var loss = nn.functional.cross_entropy(decoder.forward(hidden.squeeze(1)), target);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                // Truncation: keep the state's values for the next chunk, cut its history, so the
                // gradient flows back at most bptt steps.
                h = hNext.detach().MoveToOuterDisposeScope();
                c = cNext.detach().MoveToOuterDisposeScope();
                total += loss.item<float>();
            }
            output.WriteLine($"epoch {epoch}: mean loss {total / (length / bptt):F4}");
        }
    }
}
