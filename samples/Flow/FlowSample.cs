using HnReply.Neural.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Samples.Flow;

/// <summary>
/// Why it "flows": logistic regression written with autograd. Inputs become tensors; one compute
/// step — forward, loss, backward, step — is repeated until the model classifies held-out points
/// well. The data are two clouds of 2-D points (synthetic, seeded), one per class.
/// </summary>
public static class FlowSample
{
    public static void Run(TextWriter output)
    {
        TorchRuntime.Initialize(ComputeDevice.Cpu, threads: 1);
        random.manual_seed(1);

        // Training and test data: the same two clouds, drawn separately, so the test points are unseen.
        var (trainX, trainY) = Points(200);
        var (testX, testY) = Points(100);

        // The model: p(class 1 | x) = σ(x·w + b). Two weights and a bias, each asking for gradients.
        var w = nn.Parameter(zeros(2, 1));
        var b = nn.Parameter(zeros(1));
        using var optimizer = optim.SGD([w, b], learningRate: 0.5);

        for (int step = 1; step <= 100; step++)
        {
            using var scope = NewDisposeScope();
            var p = sigmoid(trainX.matmul(w) + b);                    // forward
            var loss = nn.functional.binary_cross_entropy(p, trainY);  // how wrong, on average
            optimizer.zero_grad();
            loss.backward();                                          // d loss / d w, d loss / d b
            optimizer.step();                                         // w ← w − lr · gradient
            if (step == 1 || step % 25 == 0) output.WriteLine($"step {step,3}: train loss {loss.item<float>():F4}");
        }

        output.WriteLine($"train accuracy {Accuracy(trainX, trainY, w, b):P1}, test accuracy {Accuracy(testX, testY, w, b):P1}");
        output.WriteLine($"w = [{string.Join(", ", w.data<float>().ToArray().Select(v => v.ToString("F2")))}], b = {b.data<float>()[0]:F2}");
    }

    // n points per class: class 0 around (−1, −1), class 1 around (1, 1), unit spread.
    private static (Tensor X, Tensor Y) Points(int n)
    {
        float[] low = [-1f, -1f], high = [1f, 1f];
        using var centre0 = tensor(low);
        using var centre1 = tensor(high);
        var x = cat([randn(n, 2) + centre0, randn(n, 2) + centre1], 0);
        var y = cat([zeros(n, 1), ones(n, 1)], 0);
        return (x, y);
    }

    // Share of points on the right side of p = 0.5 (round() turns a probability into 0 or 1).
    private static double Accuracy(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var predicted = sigmoid(x.matmul(w) + b).round();
        return predicted.eq(y).to_type(ScalarType.Float32).mean().item<float>();
    }
}
