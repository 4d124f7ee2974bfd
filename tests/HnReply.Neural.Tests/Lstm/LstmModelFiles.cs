using HnReply.Models;
using HnReply.Neural.Lstm;
using HnReply.Text;
using TorchSharp;

namespace HnReply.Neural.Tests.Lstm;

/// <summary>A model directory around freshly initialised weights: what <c>train lstm</c> writes, without the training.</summary>
internal static class LstmModelFiles
{
    /// <returns>The network whose weights were saved (the caller disposes it).</returns>
    public static LstmNetwork Write(string directory, Vocabulary vocabulary, LstmOptions options, int seed)
    {
        var resolved = options.ResolveFor(vocabulary.Count);
        torch.manual_seed(seed);
        var net = new LstmNetwork(vocabulary.Count, resolved);
        Directory.CreateDirectory(directory);
        net.save(Path.Combine(directory, LstmTrainer.WeightsFile));
        vocabulary.Save(Path.Combine(directory, Vocabulary.FileName));
        ModelDirectory.WriteManifest(directory, new ModelManifest
        {
            Format = LstmLanguageModel.FormatTag,
            Options = ModelDirectory.ToJsonObject(resolved),
            Tokenizer = ModelDirectory.ToJsonObject(new TokenizerOptions { Kind = TokenizerKind.Whitespace }),
            VocabularySize = vocabulary.Count,
        });
        return net;
    }
}
