using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Samples.NotMnist;

/// <summary>
/// Trains one rung: batch → forward → cross-entropy → backward → SGD step, then the learning-rate
/// decay and a validation pass each epoch. Prints one line per epoch.
/// </summary>
public sealed class RungTrainer(LadderOptions options, TextWriter output)
{
    public RungResult Train(Rung rung, LadderData data)
    {
        var started = DateTime.UtcNow;
        random.manual_seed(options.Seed);
        using var network = Network(rung, data.Source.PixelsPerImage);
        using var train = new Part(data.Source, data.Train);
        using var valid = new Part(data.Source, data.Valid);
        using var test = new Part(data.TestSource, data.Test);
        using var optimizer = optim.SGD(network.parameters(), rung.LearningRate, momentum: 0.9, weight_decay: rung.WeightDecay);
        var schedule = optim.lr_scheduler.ExponentialLR(optimizer, rung.Decay);
        var order = Enumerable.Range(0, data.Train.Length).ToArray();
        var shuffle = new Random(options.Seed);
        (int Epoch, double Valid, double Test, long[] Predictions) best = (0, -1, 0, []);
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            network.train();
            shuffle.Shuffle(order);
            double lossSum = 0;
            for (int from = 0; from < order.Length; from += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = tensor(order[from..Math.Min(from + options.BatchSize, order.Length)].Select(i => (long)i).ToArray());
                var loss = nn.functional.cross_entropy(network.forward(train.Images.index_select(0, batch)), train.Targets.index_select(0, batch));
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.shape[0];
            }
            schedule.step();
            double validAccuracy = Accuracy(Predict(network, valid.Images), valid.Labels);
            var predictions = Predict(network, test.Images);
            if (validAccuracy > best.Valid) best = (epoch, validAccuracy, Accuracy(predictions, test.Labels), predictions);
            output.WriteLine($"  epoch {epoch,3}/{options.Epochs}  train loss {lossSum / order.Length:F4}  valid accuracy {validAccuracy:P1}");
        }
        return new RungResult(rung, best.Epoch, options.Epochs, best.Valid, best.Test, best.Predictions, DateTime.UtcNow - started);
    }

    private static nn.Module<Tensor, Tensor> Network(Rung rung, int inputs)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = inputs;
        for (int i = 0; i < rung.Hidden.Length; i++)
        {
            layers.Add(($"hidden{i}", nn.Linear(width, rung.Hidden[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            if (rung.Dropout > 0) layers.Add(($"dropout{i}", nn.Dropout(rung.Dropout)));
            width = rung.Hidden[i];
        }
        layers.Add(("output", nn.Linear(width, LetterSet.Classes)));
        return nn.Sequential(layers);
    }

    // A split as tensors: images [n, pixels] and target labels [n], plus the labels as an array.
    private sealed class Part : IDisposable
    {
        public Part(LetterSet set, int[] indices)
        {
            var (pixels, labels) = set.Take(indices);
            Labels = labels;
            Images = tensor(pixels, [indices.Length, set.PixelsPerImage]);
            Targets = tensor(labels);
        }

        public Tensor Images { get; }
        public Tensor Targets { get; }
        public long[] Labels { get; }

        public void Dispose()
        {
            Images.Dispose();
            Targets.Dispose();
        }
    }

    private static long[] Predict(nn.Module<Tensor, Tensor> network, Tensor images)
    {
        network.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return network.forward(images).argmax(1).data<long>().ToArray();
    }

    private static double Accuracy(long[] predictions, long[] labels) =>
        labels.Length == 0 ? double.NaN : predictions.Where((p, i) => p == labels[i]).Count() / (double)labels.Length;
}
