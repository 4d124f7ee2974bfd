// Marks one required symbol version of an ELF64 shared library as weak (VER_FLG_WEAK), so the
// dynamic loader no longer refuses the library when the system's copy of the dependency lacks it.
//
// Shared by two compilations, which is why it uses only netstandard2.0 APIs and no MSBuild types:
// the inline build task (build/LibTorchSharp.targets hands this file, followed by
// WeakenVersionNeedTask.cs, to RoslynCodeTaskFactory, which compiles against netstandard2.0) and
// tests/HnReply.Neural.Tests (linked as a source file). That hand-over expands MSBuild syntax, so
// neither file may contain a percent sign, an at sign before a parenthesis or a CDATA end marker;
// a test enforces it.
// It does not interpret symbols, relocations or program headers; it only flips one flag bit in
// .gnu.version_r, so the file keeps its size and layout.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HnReply.Build;

internal enum ElfPatchResult
{
    // At least one matching Vernaux entry was not weak and now is.
    Patched,
    // Every Vernaux entry with that name already carries VER_FLG_WEAK.
    AlreadyPatched,
    // Not a well-formed little-endian ELF64 file with readable section headers.
    NotElf,
    // A well-formed ELF64 file that does not require that version.
    VersionNotReferenced,
}

internal static class ElfVersionNeeds
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;
    const int ElfHeaderSize = 64;
    const int SectionHeaderSize = 64;
    const int VerneedSize = 16;
    const int VernauxSize = 16;

    // Patches the file at path in place from the caller's view: the new bytes go to a temporary file
    // beside it that is renamed over it, so a hard link that shares the old inode (a NuGet cache
    // entry, for instance) keeps the original bytes. The last-write time is kept so that MSBuild's
    // incremental copy still sees the output as up to date with its source and does not copy the
    // unpatched file back. Only I/O failures throw; the file is untouched unless the result is Patched.
    public static ElfPatchResult MarkWeak(string path, string version)
    {
        var image = File.ReadAllBytes(path);
        var result = FindFlags(image, version, out var offsets);
        if (result != ElfPatchResult.Patched)
        {
            return result;
        }

        var lastWrite = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".weak-" + Guid.NewGuid().ToString("N");
        try
        {
            // Copying first keeps the original's permission bits, which netstandard2.0 cannot set.
            File.Copy(path, temporary);
            using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
            {
                foreach (var offset in offsets)
                {
                    var flags = (ushort)(ReadUInt16(image, offset) | VerFlgWeak);
                    stream.Position = offset;
                    stream.WriteByte((byte)flags);
                    stream.WriteByte((byte)(flags >> 8));
                }
            }
            File.SetLastWriteTimeUtc(temporary, lastWrite);
            File.Replace(temporary, path, null);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        return result;
    }

    // Same contract on an image in memory: image is modified only when the result is Patched.
    public static ElfPatchResult MarkWeak(byte[] image, string version)
    {
        var result = FindFlags(image, version, out var offsets);
        if (result == ElfPatchResult.Patched)
        {
            foreach (var offset in offsets)
            {
                WriteUInt16(image, offset, (ushort)(ReadUInt16(image, offset) | VerFlgWeak));
            }
        }
        return result;
    }

    // Collects the file offsets of the vna_flags fields that name version and still lack the weak bit.
    // Validates the whole chain before reporting anything, so garbage never yields a partial patch.
    static ElfPatchResult FindFlags(byte[] image, string version, out List<long> offsets)
    {
        offsets = new List<long>();
        if (!TryReadSectionTable(image, out var table, out var count))
        {
            return ElfPatchResult.NotElf;
        }

        var wanted = Encoding.ASCII.GetBytes(version);
        var found = false;
        for (long i = 0; i < count; i++)
        {
            var header = table + i * SectionHeaderSize;
            if (ReadUInt32(image, header + 4) != ShtGnuVerneed)
            {
                continue;
            }
            if (!TryReadSection(image, table, count, i, out var start, out var size)
                || !TryReadSection(image, table, count, ReadUInt32(image, header + 40), out var strings, out var stringsSize)
                || !TryWalkVerneed(image, start, size, ReadUInt32(image, header + 44), strings, stringsSize, wanted, offsets, ref found))
            {
                offsets.Clear();
                return ElfPatchResult.NotElf;
            }
        }

        if (offsets.Count > 0)
        {
            return ElfPatchResult.Patched;
        }
        return found ? ElfPatchResult.AlreadyPatched : ElfPatchResult.VersionNotReferenced;
    }

    // ELF64 little-endian header with a section header table inside the file. An e_shnum of 0 means
    // the real count is in the sh_size of section 0 (files with 0xff00 or more sections).
    static bool TryReadSectionTable(byte[] image, out long table, out long count)
    {
        table = 0;
        count = 0;
        if (image.Length < ElfHeaderSize
            || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
            || image[4] != 2 || image[5] != 1)
        {
            return false;
        }

        var shoff = ReadUInt64(image, 0x28);
        var entrySize = ReadUInt16(image, 0x3a);
        ulong number = ReadUInt16(image, 0x3c);
        if (shoff == 0 || entrySize != SectionHeaderSize || !Fits(image, shoff, SectionHeaderSize))
        {
            return false;
        }
        if (number == 0)
        {
            number = ReadUInt64(image, (long)shoff + 32);
        }
        if (number > (ulong)image.Length / SectionHeaderSize || !Fits(image, shoff, number * SectionHeaderSize))
        {
            return false;
        }

        table = (long)shoff;
        count = (long)number;
        return true;
    }

    static bool TryReadSection(byte[] image, long table, long count, long index, out long start, out long size)
    {
        start = 0;
        size = 0;
        if (index <= 0 || index >= count)
        {
            return false;
        }
        var header = table + index * SectionHeaderSize;
        var offset = ReadUInt64(image, header + 24);
        var length = ReadUInt64(image, header + 32);
        if (!Fits(image, offset, length))
        {
            return false;
        }
        start = (long)offset;
        size = (long)length;
        return true;
    }

    // Walks sh_info Verneed records linked by vn_next; each lists vn_cnt Vernaux records linked by
    // vna_next (both offsets are relative to the record that holds them; 0 ends the chain).
    static bool TryWalkVerneed(
        byte[] image, long start, long size, long records, long strings, long stringsSize,
        byte[] wanted, List<long> offsets, ref bool found)
    {
        var end = start + size;
        var need = start;
        for (long r = 0; r < records; r++)
        {
            if (need < start || need + VerneedSize > end)
            {
                return false;
            }
            var auxCount = ReadUInt16(image, need + 2);
            var aux = need + ReadUInt32(image, need + 8);
            for (var a = 0; a < auxCount; a++)
            {
                if (aux < start || aux + VernauxSize > end)
                {
                    return false;
                }
                var name = ReadUInt32(image, aux + 8);
                if (name >= stringsSize)
                {
                    return false;
                }
                if (NameEquals(image, strings + name, strings + stringsSize, wanted))
                {
                    found = true;
                    if ((ReadUInt16(image, aux + 4) & VerFlgWeak) == 0)
                    {
                        offsets.Add(aux + 4);
                    }
                }
                var nextAux = ReadUInt32(image, aux + 12);
                if (nextAux == 0 && a != auxCount - 1)
                {
                    return false;
                }
                aux += nextAux;
            }

            var next = ReadUInt32(image, need + 12);
            if (next == 0)
            {
                return r == records - 1;
            }
            need += next;
        }
        return true;
    }

    static bool NameEquals(byte[] image, long at, long limit, byte[] wanted)
    {
        if (at + wanted.Length >= limit)
        {
            return false;
        }
        for (var i = 0; i < wanted.Length; i++)
        {
            if (image[at + i] != wanted[i])
            {
                return false;
            }
        }
        return image[at + wanted.Length] == 0;
    }

    static bool Fits(byte[] image, ulong offset, ulong length) =>
        offset <= (ulong)image.Length && length <= (ulong)image.Length - offset;

    static ushort ReadUInt16(byte[] image, long at) => (ushort)(image[at] | image[at + 1] << 8);

    static uint ReadUInt32(byte[] image, long at) => ReadUInt16(image, at) | (uint)ReadUInt16(image, at + 2) << 16;

    static ulong ReadUInt64(byte[] image, long at) => ReadUInt32(image, at) | (ulong)ReadUInt32(image, at + 4) << 32;

    static void WriteUInt16(byte[] image, long at, ushort value)
    {
        image[at] = (byte)value;
        image[at + 1] = (byte)(value >> 8);
    }
}
