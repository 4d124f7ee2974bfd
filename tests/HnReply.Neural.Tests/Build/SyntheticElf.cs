using System.Buffers.Binary;
using System.Text;

namespace HnReply.Neural.Tests.Build;

// A minimal ELF64 little-endian shared object written by hand: a null section, .dynstr and
// .gnu.version_r, which is all ElfVersionNeeds reads. Lets the ELF tests run without a real library
// and know the exact offset of every field they check or damage.
internal sealed class SyntheticElf
{
    public const int SectionTableOffsetField = 0x28;
    public const int SectionCountField = 0x3c;

    readonly Dictionary<string, int> flagsOffsets;

    SyntheticElf(byte[] image, int verneedOffset, int sectionTableOffset, Dictionary<string, int> flagsOffsets)
    {
        Image = image;
        VerneedOffset = verneedOffset;
        SectionTableOffset = sectionTableOffset;
        this.flagsOffsets = flagsOffsets;
    }

    public byte[] Image { get; }

    // File offset of the first Verneed record.
    public int VerneedOffset { get; }

    public int SectionTableOffset { get; }

    // File offset of vna_flags in the Vernaux entry named version (the last one if repeated).
    public int FlagsOffset(string version) => flagsOffsets[version];

    // needs: for each needed library, the versions it requires, in file order.
    public static SyntheticElf Build(params (string File, string[] Versions)[] needs)
    {
        var strings = new MemoryStream();
        strings.WriteByte(0);
        var names = new Dictionary<string, int>();
        foreach (var name in needs.SelectMany(n => n.Versions.Prepend(n.File)))
        {
            if (!names.ContainsKey(name))
            {
                names[name] = (int)strings.Length;
                strings.Write(Encoding.ASCII.GetBytes(name));
                strings.WriteByte(0);
            }
        }

        const int stringsOffset = 64;
        var verneedOffset = Align8(stringsOffset + (int)strings.Length);
        var verneedSize = needs.Sum(n => 16 + 16 * n.Versions.Length);
        var sectionTableOffset = Align8(verneedOffset + verneedSize);
        var image = new byte[sectionTableOffset + 3 * 64];

        WriteHeader(image, sectionTableOffset);
        strings.ToArray().CopyTo(image, stringsOffset);

        var flagsOffsets = new Dictionary<string, int>();
        var at = verneedOffset;
        ushort index = 2;
        for (var i = 0; i < needs.Length; i++)
        {
            var (file, versions) = needs[i];
            var recordSize = 16 + 16 * versions.Length;
            Put16(image, at, 1);
            Put16(image, at + 2, (ushort)versions.Length);
            Put32(image, at + 4, (uint)names[file]);
            Put32(image, at + 8, 16);
            Put32(image, at + 12, i == needs.Length - 1 ? 0u : (uint)recordSize);
            for (var a = 0; a < versions.Length; a++)
            {
                var aux = at + 16 + 16 * a;
                Put32(image, aux, ElfHash(versions[a]));
                Put16(image, aux + 6, index++);
                Put32(image, aux + 8, (uint)names[versions[a]]);
                Put32(image, aux + 12, a == versions.Length - 1 ? 0u : 16u);
                flagsOffsets[versions[a]] = aux + 4;
            }
            at += recordSize;
        }

        // [1] .dynstr: SHT_STRTAB. [2] .gnu.version_r: SHT_GNU_verneed, sh_link = 1, sh_info = records.
        WriteSection(image, sectionTableOffset + 64, type: 3, stringsOffset, (int)strings.Length, link: 0, info: 0);
        WriteSection(image, sectionTableOffset + 128, type: 0x6ffffffe, verneedOffset, verneedSize, link: 1, info: needs.Length);
        return new SyntheticElf(image, verneedOffset, sectionTableOffset, flagsOffsets);
    }

    static void WriteHeader(byte[] image, int sectionTableOffset)
    {
        image[0] = 0x7f;
        image[1] = (byte)'E';
        image[2] = (byte)'L';
        image[3] = (byte)'F';
        image[4] = 2; // ELFCLASS64
        image[5] = 1; // ELFDATA2LSB
        image[6] = 1; // EV_CURRENT
        Put16(image, 0x10, 3); // ET_DYN
        Put16(image, 0x12, 62); // EM_X86_64
        Put32(image, 0x14, 1);
        Put64(image, SectionTableOffsetField, (ulong)sectionTableOffset);
        Put16(image, 0x34, 64); // e_ehsize
        Put16(image, 0x36, 56); // e_phentsize
        Put16(image, 0x3a, 64); // e_shentsize
        Put16(image, SectionCountField, 3);
    }

    static void WriteSection(byte[] image, int at, uint type, int offset, int size, uint link, int info)
    {
        Put32(image, at + 4, type);
        Put64(image, at + 24, (ulong)offset);
        Put64(image, at + 32, (ulong)size);
        Put32(image, at + 40, link);
        Put32(image, at + 44, (uint)info);
    }

    // The System V ABI hash stored in vna_hash.
    static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (var c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            var g = h & 0xf0000000;
            h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    static int Align8(int value) => (value + 7) & ~7;

    public static void Put16(byte[] image, int at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(at), value);

    public static void Put32(byte[] image, int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(at), value);

    public static void Put64(byte[] image, int at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(at), value);
}
