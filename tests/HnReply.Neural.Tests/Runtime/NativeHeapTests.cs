using HnReply.Neural.Runtime;

namespace HnReply.Neural.Tests.Runtime;

public sealed class NativeHeapTests
{
    // The machines this project runs on (Debian, the CI image) use glibc, whose mallopt accepts every setting.
    [Fact]
    public void KeepFreedMemory_OnGlibcLinux_IsAccepted()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.KeepFreedMemory());
    }
}
