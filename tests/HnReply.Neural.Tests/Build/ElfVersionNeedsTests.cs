using HnReply.Build;

namespace HnReply.Neural.Tests.Build;

public class ElfVersionNeedsTests
{
    const string Version = "GLIBCXX_3.4.32";

    static SyntheticElf TorchSharpLike() => SyntheticElf.Build(
        ("libstdc++.so.6", ["GLIBCXX_3.4.30", Version, "CXXABI_1.3.5"]),
        ("libc.so.6", ["GLIBC_2.2.5"]));

    [Fact]
    public void MarkWeak_LibraryRequiringVersion_SetsWeakBitOnThatEntryOnly()
    {
        // Given a library that requires the version among others
        var elf = TorchSharpLike();
        var before = (byte[])elf.Image.Clone();

        // When
        var result = ElfVersionNeeds.MarkWeak(elf.Image, Version);

        // Then exactly one byte changed: the low byte of that entry's vna_flags, now VER_FLG_WEAK
        Assert.Equal(ElfPatchResult.Patched, result);
        Assert.Equal([elf.FlagsOffset(Version)], ChangedOffsets(before, elf.Image));
        Assert.Equal(0x2, elf.Image[elf.FlagsOffset(Version)]);
    }

    [Fact]
    public void MarkWeak_SecondTime_ReportsAlreadyPatchedAndChangesNothing()
    {
        var elf = TorchSharpLike();
        ElfVersionNeeds.MarkWeak(elf.Image, Version);
        var patched = (byte[])elf.Image.Clone();

        var result = ElfVersionNeeds.MarkWeak(elf.Image, Version);

        Assert.Equal(ElfPatchResult.AlreadyPatched, result);
        Assert.Equal(patched, elf.Image);
    }

    [Fact]
    public void MarkWeak_OtherFlagsSet_KeepsThemAndAddsWeak()
    {
        // Given an entry that already carries VER_FLG_BASE (0x1)
        var elf = TorchSharpLike();
        elf.Image[elf.FlagsOffset(Version)] = 0x1;

        ElfVersionNeeds.MarkWeak(elf.Image, Version);

        Assert.Equal(0x3, elf.Image[elf.FlagsOffset(Version)]);
    }

    [Fact]
    public void MarkWeak_VersionRequiredFromTwoLibraries_PatchesBothEntries()
    {
        var elf = SyntheticElf.Build(("liba.so", [Version]), ("libb.so", ["V_1", Version]));
        var before = (byte[])elf.Image.Clone();

        var result = ElfVersionNeeds.MarkWeak(elf.Image, Version);

        Assert.Equal(ElfPatchResult.Patched, result);
        Assert.Equal(2, ChangedOffsets(before, elf.Image).Length);
        Assert.Equal(ElfPatchResult.AlreadyPatched, ElfVersionNeeds.MarkWeak(elf.Image, Version));
    }

    [Theory]
    [InlineData("GLIBCXX_3.4.3")]
    [InlineData("GLIBCXX_3.4.321")]
    [InlineData("glibcxx_3.4.32")]
    public void MarkWeak_OnlySimilarNamesRequired_ReportsVersionNotReferencedAndChangesNothing(string similar)
    {
        var elf = SyntheticElf.Build(("libstdc++.so.6", ["GLIBCXX_3.4.30", similar]));
        var before = (byte[])elf.Image.Clone();

        var result = ElfVersionNeeds.MarkWeak(elf.Image, Version);

        Assert.Equal(ElfPatchResult.VersionNotReferenced, result);
        Assert.Equal(before, elf.Image);
    }

    [Fact]
    public void MarkWeak_SectionCountInSectionZero_FindsTheSections()
    {
        // Given the extended numbering used by files with 0xff00 or more sections: e_shnum = 0 and
        // the count in sh_size of section 0
        var elf = TorchSharpLike();
        SyntheticElf.Put16(elf.Image, SyntheticElf.SectionCountField, 0);
        SyntheticElf.Put64(elf.Image, elf.SectionTableOffset + 32, 3);

        Assert.Equal(ElfPatchResult.Patched, ElfVersionNeeds.MarkWeak(elf.Image, Version));
    }

    public static TheoryData<string> Damages() =>
    [
        "empty", "text", "elf32", "big-endian", "section-table-past-end", "section-entry-size",
        "section-count-huge", "aux-outside-section", "name-outside-strings", "strings-link-zero",
        "records-more-than-chain", "verneed-past-end",
    ];

    [Theory]
    [MemberData(nameof(Damages))]
    public void MarkWeak_MalformedInput_ReportsNotElfAndChangesNothing(string damage)
    {
        var image = Damaged(damage);
        var before = (byte[])image.Clone();

        var result = ElfVersionNeeds.MarkWeak(image, Version);

        Assert.Equal(ElfPatchResult.NotElf, result);
        Assert.Equal(before, image);
    }

    [Fact]
    public void MarkWeak_EveryTruncation_ReportsNotElfWithoutThrowing()
    {
        // The section table sits at the end, so every proper prefix lacks part of it
        var whole = TorchSharpLike().Image;
        for (var length = 0; length < whole.Length; length++)
        {
            var prefix = whole[..length];
            Assert.Equal(ElfPatchResult.NotElf, ElfVersionNeeds.MarkWeak(prefix, Version));
        }
    }

    [Fact]
    public void MarkWeak_RandomlyCorruptedBytes_NeverThrowsAndOnlyEverSetsTheWeakBit()
    {
        var random = new Random(20240607);
        var original = TorchSharpLike().Image;
        for (var trial = 0; trial < 5000; trial++)
        {
            var image = (byte[])original.Clone();
            for (var flips = random.Next(1, 5); flips > 0; flips--)
            {
                image[random.Next(image.Length)] = (byte)random.Next(256);
            }
            var corrupted = (byte[])image.Clone();

            ElfVersionNeeds.MarkWeak(image, Version);

            foreach (var at in ChangedOffsets(corrupted, image))
            {
                Assert.Equal(corrupted[at] | 0x2, image[at]);
            }
        }
    }

    static byte[] Damaged(string damage)
    {
        var elf = TorchSharpLike();
        var image = elf.Image;
        var verneedHeader = elf.SectionTableOffset + 128;
        switch (damage)
        {
            case "empty":
                return [];
            case "text":
                return "GLIBCXX_3.4.32 is mentioned, but this is not a library\n"u8.ToArray();
            case "elf32":
                image[4] = 1;
                break;
            case "big-endian":
                image[5] = 2;
                break;
            case "section-table-past-end":
                SyntheticElf.Put64(image, SyntheticElf.SectionTableOffsetField, (ulong)image.Length - 64);
                break;
            case "section-entry-size":
                SyntheticElf.Put16(image, 0x3a, 40);
                break;
            case "section-count-huge":
                SyntheticElf.Put16(image, SyntheticElf.SectionCountField, ushort.MaxValue);
                break;
            case "aux-outside-section":
                SyntheticElf.Put32(image, elf.VerneedOffset + 8, 0x7fff_fff0);
                break;
            case "name-outside-strings":
                SyntheticElf.Put32(image, elf.VerneedOffset + 16 + 8, 0xffff_fff0);
                break;
            case "strings-link-zero":
                SyntheticElf.Put32(image, verneedHeader + 40, 0);
                break;
            case "records-more-than-chain":
                SyntheticElf.Put32(image, verneedHeader + 44, 3);
                break;
            case "verneed-past-end":
                SyntheticElf.Put64(image, verneedHeader + 32, (ulong)image.Length);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
        return image;
    }

    static int[] ChangedOffsets(byte[] before, byte[] after) =>
        Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToArray();
}
