using System.Runtime.InteropServices;
using HnReply.Build;

namespace HnReply.Neural.Tests.Build;

public sealed class ElfVersionNeedsFileTests : IDisposable
{
    const string Version = "GLIBCXX_3.4.32";
    static readonly DateTime Stamp = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    readonly string directory = Directory.CreateTempSubdirectory("hnreply-elf-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void MarkWeak_File_WritesPatchedBytesAndKeepsTimestamp()
    {
        // Given a library file with a known last-write time
        var elf = SyntheticElf.Build(("libstdc++.so.6", [Version]));
        var path = Write("libLibTorchSharp.so", elf.Image);

        // When
        var result = ElfVersionNeeds.MarkWeak(path, Version);

        // Then the file holds the patched image, looks unchanged to incremental copies, and no
        // temporary file is left beside it
        var expected = (byte[])elf.Image.Clone();
        ElfVersionNeeds.MarkWeak(expected, Version);
        Assert.Equal(ElfPatchResult.Patched, result);
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(Stamp, File.GetLastWriteTimeUtc(path));
        Assert.Equal([path], Directory.GetFiles(directory));
    }

    [Fact]
    public void MarkWeak_FileHardLinkedToAnother_LeavesTheOtherLinkUnchanged()
    {
        // Given an output file that is a hard link to a package cache entry
        var elf = SyntheticElf.Build(("libstdc++.so.6", [Version]));
        var cached = Write("cached.so", elf.Image);
        var output = Path.Combine(directory, "libLibTorchSharp.so");
        Assert.Equal(0, Link(cached, output));

        var result = ElfVersionNeeds.MarkWeak(output, Version);

        Assert.Equal(ElfPatchResult.Patched, result);
        Assert.Equal(elf.Image, File.ReadAllBytes(cached));
        Assert.NotEqual(elf.Image, File.ReadAllBytes(output));
    }

    [Theory]
    [InlineData("not-elf")]
    [InlineData("already-weak")]
    [InlineData("not-referenced")]
    public void MarkWeak_FileWithNothingToDo_LeavesFileUntouched(string kind)
    {
        var image = kind switch
        {
            "not-elf" => "#!/bin/sh\necho hello\n"u8.ToArray(),
            "already-weak" => Weakened(SyntheticElf.Build(("libstdc++.so.6", [Version])).Image),
            _ => SyntheticElf.Build(("libc.so.6", ["GLIBC_2.2.5"])).Image,
        };
        var path = Write("libLibTorchSharp.so", image);
        var written = File.GetLastWriteTimeUtc(path);

        ElfVersionNeeds.MarkWeak(path, Version);

        Assert.Equal(image, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void MarkWeak_MissingFile_ThrowsFileNotFound()
    {
        var missing = Path.Combine(directory, "absent.so");

        Assert.Throws<FileNotFoundException>(() => ElfVersionNeeds.MarkWeak(missing, Version));
    }

    string Write(string name, byte[] image)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, image);
        File.SetLastWriteTimeUtc(path, Stamp);
        return path;
    }

    static byte[] Weakened(byte[] image)
    {
        ElfVersionNeeds.MarkWeak(image, Version);
        return image;
    }

    // link(2): .NET has no API for hard links.
    [DllImport("libc", EntryPoint = "link")]
    static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);
}
