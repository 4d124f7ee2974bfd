using HnReply.Neural.Runtime;
using TorchSharp;

namespace HnReply.Neural.Tests.Runtime;

public class TorchRuntimeTests
{
    [Theory]
    [InlineData("cpu", ComputeDevice.Cpu)]
    [InlineData("CPU", ComputeDevice.Cpu)]
    [InlineData(" cuda ", ComputeDevice.Cuda)]
    [InlineData("Cuda", ComputeDevice.Cuda)]
    public void ParseDevice_KnownName_ReturnsDevice(string name, ComputeDevice expected)
    {
        Assert.Equal(expected, TorchRuntime.ParseDevice(name));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("1")]
    public void ParseDevice_UnknownName_ThrowsNamingTheChoices(string name)
    {
        var e = Assert.Throws<FormatException>(() => TorchRuntime.ParseDevice(name));

        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("cpu or cuda", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_Cpu_ReturnsTheCpuDevice()
    {
        var device = TorchRuntime.Use(ComputeDevice.Cpu);

        Assert.Equal(DeviceType.CPU, device.type);
    }

    [Fact]
    public void Initialize_WithThreads_SetsLibtorchThreadCount()
    {
        TorchRuntime.Initialize(ComputeDevice.Cpu, threads: 1);

        Assert.Equal(1, torch.get_num_threads());
    }

    [Fact]
    public void Initialize_NegativeThreads_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.Initialize(ComputeDevice.Cpu, threads: -1));
    }

    [Fact]
    public void Initialize_CudaWithCpuOnlyPackage_ThrowsOneClearMessage()
    {
        // This solution references TorchSharp-cpu, so CUDA is never available to it
        var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.Initialize(ComputeDevice.Cuda));

        Assert.Contains("CUDA was requested", e.Message, StringComparison.Ordinal);
        Assert.Contains("TorchSharp-cuda", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeLoadFailure_MissingGlibcxxVersion_SaysToRebuildAndKeepsLoaderMessage()
    {
        const string loader = "/app/runtimes/linux-x64/native/libLibTorchSharp.so: version `GLIBCXX_3.4.32' not found (required by /app/runtimes/linux-x64/native/libLibTorchSharp.so)";

        var message = TorchRuntime.DescribeLoadFailure("TorchSharp could not load its native backend.", loader);

        Assert.StartsWith("TorchSharp could not load libtorch (GLIBCXX_3.4.32 not found in libLibTorchSharp.so)", message, StringComparison.Ordinal);
        Assert.Contains("dotnet build", message, StringComparison.Ordinal);
        Assert.Contains("Directory.Build.targets", message, StringComparison.Ordinal);
        Assert.EndsWith(loader, message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeLoadFailure_OtherCause_PointsAtNativeFilesAndKeepsOriginalMessage()
    {
        const string original = "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64.";

        var message = TorchRuntime.DescribeLoadFailure(original, loaderError: null);

        Assert.DoesNotContain("GLIBCXX", message, StringComparison.Ordinal);
        Assert.Contains("runtimes/<rid>/native", message, StringComparison.Ordinal);
        Assert.EndsWith(original, message, StringComparison.Ordinal);
    }

    [Fact]
    public void TellingLine_LoaderMessageWithProbes_PicksTheLineThatIsNotAMissingFile()
    {
        const string message = "Unable to load shared library 'LibTorchSharp' or one of its dependencies. In order to help diagnose loading problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n"
            + "/app/LibTorchSharp.so: cannot open shared object file: No such file or directory\n"
            + "/app/runtimes/linux-x64/native/libLibTorchSharp.so: version `GLIBCXX_3.4.32' not found (required by /app/runtimes/linux-x64/native/libLibTorchSharp.so)\n"
            + "/app/libLibTorchSharp.so: cannot open shared object file: No such file or directory\n";

        var line = TorchRuntime.TellingLine(message);

        Assert.Equal("/app/runtimes/linux-x64/native/libLibTorchSharp.so: version `GLIBCXX_3.4.32' not found (required by /app/runtimes/linux-x64/native/libLibTorchSharp.so)", line);
    }

    [Fact]
    public void TellingLine_OnlyMissingFiles_ReturnsTheFirstProbe()
    {
        const string message = "Unable to load shared library 'LibTorchSharp'.\n/app/LibTorchSharp.so: cannot open shared object file: No such file or directory\n/app/libLibTorchSharp.so: cannot open shared object file: No such file or directory";

        Assert.Equal("/app/LibTorchSharp.so: cannot open shared object file: No such file or directory", TorchRuntime.TellingLine(message));
    }
}
