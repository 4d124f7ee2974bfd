using System.Runtime.InteropServices;

namespace HnReply.Neural.Runtime;

/// <summary>
/// Tunes glibc's malloc for libtorch, which allocates and frees megabyte-sized tensors at every op.
/// By default glibc serves a block that large by a fresh mmap and unmaps it on free, so the next op
/// faults the same pages in again: measured on `lstm-eval`, a fifth to a third of the time went to
/// the kernel and medians of five runs moved by half. Blocks up to 32 MB (glibc's largest threshold)
/// now come from the heap, and freed memory stays with the process (trim threshold 2 GB) for the
/// next op. Nothing changes outside Linux, or with a C library that has no mallopt.
/// </summary>
internal static partial class NativeHeap
{
    private const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3; // glibc's M_* parameters

    /// <summary>Applies the settings; false where they could not be (not Linux, or not glibc: the default allocator stays, slower but correct).</summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallOpt(MmapThreshold, 32 << 20) == 1 & MallOpt(TrimThreshold, int.MaxValue) == 1 & MallOpt(TopPad, 64 << 20) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
