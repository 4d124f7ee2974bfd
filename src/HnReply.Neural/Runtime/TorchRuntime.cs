using System.Runtime.InteropServices;
using TorchSharp;

namespace HnReply.Neural.Runtime;

// The one entry to native libtorch: loads it once per process, applies the thread count and checks
// the device before any tensor exists, so that a missing or unloadable native library surfaces as
// one actionable message instead of a TypeInitializationException at the first tensor.
public static class TorchRuntime
{
    // The libstdc++ version TorchSharp 0.107's native library asks for; Directory.Build.targets
    // marks it weak in build and publish output (see build/LibTorchSharp.targets).
    const string PatchedVersion = "GLIBCXX_3.4.32";

    // Caches the outcome, a failure included: libtorch is loaded at most once per process.
    static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    // Reads "cpu" or "cuda" (any case), the spelling used by --device and config files.
    public static ComputeDevice ParseDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "CPU" => ComputeDevice.Cpu,
            "CUDA" => ComputeDevice.Cuda,
            _ => throw new FormatException($"Unknown device '{name}': expected cpu or cuda."),
        };
    }

    // Loads libtorch if needed and fails with InvalidOperationException when it cannot be loaded
    // or the device is unavailable. threads > 0 sets libtorch's intra-op thread count, which is
    // process-wide (the last call wins); 0 keeps libtorch's default of one thread per core.
    public static void Initialize(ComputeDevice device, int threads = 0) => Use(device, threads);

    // Initialize, then the TorchSharp device for tensors and modules of this library.
    internal static torch.Device Use(ComputeDevice device, int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        _ = Loaded.Value;
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }
        if (device == ComputeDevice.Cpu)
        {
            return torch.CPU;
        }
        if (device != ComputeDevice.Cuda)
        {
            throw new ArgumentOutOfRangeException(nameof(device), device, "Unknown compute device.");
        }
        if (!torch.cuda.is_available())
        {
            throw new InvalidOperationException(
                "CUDA was requested but libtorch reports no usable CUDA device. This build references the "
                + "CPU-only TorchSharp-cpu package: for a GPU, reference TorchSharp-cuda-linux (or -windows) "
                + "instead and run on a machine with an NVIDIA driver, or choose the cpu device.");
        }
        return torch.CUDA;
    }

    static bool Load()
    {
        _ = NativeHeap.KeepFreedMemory();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return true;
        }
        catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw new InvalidOperationException(DescribeLoadFailure(FirstLine(e.GetBaseException().Message), LoaderError()), e);
        }
    }

    // One message that says why loading failed and what to do. loaderError is the dynamic loader's
    // own complaint when it could be obtained, which names the missing library or symbol version.
    internal static string DescribeLoadFailure(string torchSharpMessage, string? loaderError)
    {
        var detail = loaderError ?? torchSharpMessage;
        if (detail.Contains(PatchedVersion, StringComparison.Ordinal))
        {
            return $"TorchSharp could not load libtorch ({PatchedVersion} not found in libLibTorchSharp.so): "
                + "this system's libstdc++ is older than GCC 13's. Rebuild with `dotnet build` (or publish again; "
                + "add --no-incremental if the file was replaced by hand) so the step in Directory.Build.targets "
                + "marks that version weak in the output copy. "
                + $"Loader said: {detail}";
        }
        return "TorchSharp could not load libtorch: check that the TorchSharp runtime package's native "
            + "files (runtimes/<rid>/native/libLibTorchSharp.so and libtorch*) are in the output folder. "
            + $"Loader said: {detail}";
    }

    // TorchSharp loads with TryLoad and drops the loader's message; loading again by the same name
    // and assembly repeats the failure and keeps the message. Only ever called after a failure.
    static string? LoaderError()
    {
        try
        {
            NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return TellingLine(e.Message);
        }
    }

    // .NET's message is a header line, then one dlerror line per path it probed. Probes of paths
    // that do not exist say "cannot open shared object file"; any other line explains the failure.
    internal static string TellingLine(string loaderMessage)
    {
        var lines = loaderMessage.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var probes = lines.Skip(1).ToList();
        return probes.Find(l => !l.Contains("cannot open shared object file", StringComparison.Ordinal))
            ?? probes.FirstOrDefault()
            ?? FirstLine(loaderMessage);
    }

    static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
