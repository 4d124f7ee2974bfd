using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Neural.Runtime;

/// <summary>Reads a model directory's weights file into a network built for it, then moves it to the device.</summary>
internal static class ModuleWeights
{
    /// <summary>On a file that does not fit the network: one line naming it, and the network disposed.</summary>
    public static void Load(nn.Module module, string weights, Device device)
    {
        try
        {
            module.load(weights);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or EndOfStreamException)
        {
            module.Dispose();
            throw new InvalidDataException($"{weights}: cannot be read as this model's weights ({e.Message.Split('\n')[0]})", e);
        }
        module.to(device);
    }
}
