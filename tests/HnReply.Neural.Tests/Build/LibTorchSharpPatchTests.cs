using System.Reflection;
using HnReply.Build;

namespace HnReply.Neural.Tests.Build;

// The build step on the real TorchSharp library: on a copy of the package's file, and on the copy
// the build placed in this test project's own output.
public sealed class LibTorchSharpPatchTests : IDisposable
{
    const string Version = "GLIBCXX_3.4.32";

    readonly string directory = Directory.CreateTempSubdirectory("hnreply-libtorchsharp-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void MarkWeak_CopyOfPackagedLibrary_FlipsOneBitThenReportsAlreadyPatched()
    {
        // Given a copy of libLibTorchSharp.so as NuGet restored it
        var packaged = Metadata("PackagedLibTorchSharp");
        var original = File.ReadAllBytes(packaged);
        var copy = Path.Combine(directory, "libLibTorchSharp.so");
        File.Copy(packaged, copy);

        // When patched twice
        var first = ElfVersionNeeds.MarkWeak(copy, Version);
        var second = ElfVersionNeeds.MarkWeak(copy, Version);

        // Then the first call sets VER_FLG_WEAK on one entry, the second finds nothing to do, and
        // the package's own file is untouched
        var patched = File.ReadAllBytes(copy);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Equal(ElfPatchResult.Patched, first);
        Assert.Equal(ElfPatchResult.AlreadyPatched, second);
        Assert.Single(changed);
        Assert.Equal(original[changed[0]] | 0x2, patched[changed[0]]);
        Assert.Equal(original, File.ReadAllBytes(packaged));
    }

    [Fact]
    public void BuildOutput_LibTorchSharp_WasPatchedByTheBuild()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

        var result = ElfVersionNeeds.MarkWeak(File.ReadAllBytes(output), Version);

        Assert.Equal(ElfPatchResult.AlreadyPatched, result);
    }

    [Theory]
    [InlineData("ElfVersionNeeds.cs")]
    [InlineData("WeakenVersionNeedTask.cs")]
    public void InlineTaskSource_ContainsNoSyntaxMsBuildWouldExpand(string file)
    {
        // LibTorchSharp.targets passes these files through MSBuild's expander, which would decode
        // percent escapes, expand item lists and end the CDATA section
        var text = File.ReadAllText(Path.Combine(Metadata("HnReplyBuildDirectory"), file));

        Assert.DoesNotContain("%", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("]]>", text, StringComparison.Ordinal);
    }

    static string Metadata(string key) =>
        typeof(LibTorchSharpPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly lacks AssemblyMetadata '{key}'; see HnReply.Neural.Tests.csproj.");
}
