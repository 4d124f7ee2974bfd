namespace HnReply.Neural.Runtime;

// Where tensors live and run. Cuda needs a CUDA runtime package instead of TorchSharp-cpu and an
// NVIDIA driver; TorchRuntime reports clearly when either is missing.
public enum ComputeDevice
{
    Cpu,
    Cuda,
}
