using TorchSharp;
using TorchSharp.Modules;

namespace HnReply.Neural.Runtime;

/// <summary>
/// For scoring and decoding: a module's parameters stop requiring gradients until the result is
/// disposed, so no graph is recorded. Not <c>no_grad</c>: under it libtorch's CPU LSTM takes another
/// kernel (MKL-DNN's) whose outputs differ from the training kernel's for the same weights (measured:
/// a hidden unit 0.1648 instead of 0.1807 after two steps), so a model would be scored by a different
/// function than the one training optimised.
/// </summary>
internal static class FrozenParameters
{
    public static IDisposable Of(torch.nn.Module module)
    {
        var thawed = module.parameters().Where(p => p.requires_grad).ToList();
        foreach (var parameter in thawed) parameter.requires_grad_(false);
        return new Thaw(thawed);
    }

    private sealed class Thaw(List<Parameter> parameters) : IDisposable
    {
        public void Dispose()
        {
            foreach (var parameter in parameters) parameter.requires_grad_(true);
        }
    }
}
