using HnReply.Neural.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Tests.Runtime;

// libtorch really runs on this machine's CPU once TorchRuntime has loaded it: arithmetic gives the
// hand-computed result and an LSTM trains.
public class TorchSmokeTests
{
    [Fact]
    public void Matmul_KnownMatrices_GivesHandComputedProduct()
    {
        var device = TorchRuntime.Use(ComputeDevice.Cpu);
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [3, 2], device: device);
        var b = tensor(new double[] { 7, 8, 9, 10, 11, 12 }, [2, 3], device: device);

        var product = a.matmul(b);

        Assert.Equal([3L, 3L], product.shape);
        Assert.Equal([27.0, 30, 33, 61, 68, 75, 95, 106, 117], product.data<double>().ToArray());
    }

    [Fact]
    public void Lstm_ForwardBackward_GivesFiniteGradientsAndSgdReducesLoss()
    {
        // Given a tiny LSTM regressor and one fixed batch: 2 sequences of 4 steps of 3 features
        var device = TorchRuntime.Use(ComputeDevice.Cpu);
        using var scope = NewDisposeScope();
        manual_seed(7);
        var lstm = nn.LSTM(inputSize: 3, hiddenSize: 8, batchFirst: true).to(device);
        var head = nn.Linear(8, 1).to(device);
        var inputs = linspace(-1, 1, 24, device: device).reshape(2, 4, 3);
        var targets = tensor(new float[] { 0.75f, -0.5f }, [2, 1], device: device);
        var parameters = lstm.parameters().Concat(head.parameters()).ToList();
        var optimizer = optim.SGD(parameters, 0.2);

        float Step()
        {
            using var step = NewDisposeScope();
            optimizer.zero_grad();
            var (output, _, _) = lstm.call(inputs, null);
            var loss = nn.functional.mse_loss(head.call(output[.., -1, ..]), targets);
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }

        // When one step runs forward and backward
        var first = Step();

        // Then every parameter has a finite gradient and some gradient is non-zero
        Assert.All(parameters, p => Assert.True(isfinite(p.grad!).all().item<bool>(), "non-finite gradient"));
        Assert.Contains(parameters, p => p.grad!.abs().sum().item<float>() > 0);

        // And further SGD steps on the same batch drive the loss down
        var last = first;
        for (var i = 0; i < 30; i++)
        {
            last = Step();
        }
        Assert.True(last < first / 2, $"loss went from {first} to {last}");
    }
}
