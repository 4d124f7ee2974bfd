using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace HnReply.NGram;

/// <summary>
/// The model's own binary form (<c>model.bin</c> beside <c>model.arpa</c>): the in-memory layout
/// written as is, so loading is a few bulk reads instead of parsing text. Layout, little-endian:
/// <code>
/// "HNNGRAM\0" · int32 version · int64 file length · int32 order · int32 vocabulary size
/// vocabulary: list of strings by id · warnings: list of strings · discounts: int32 n, n × 3 doubles
/// per order: int32 entries (with sentinel) · entries (16 bytes each)
/// per order from 2: int32 slots · int32 keys · slots (12 bytes each)
/// "END\0"
/// </code>
/// Loading checks magic, version, the recorded length against the file's and the end marker, so a
/// foreign, newer or truncated file fails with one line naming it. Written whole or not at all.
/// </summary>
public static class NGramBinaryFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "HNNGRAM\0"u8.ToArray();
    private static readonly byte[] EndMarker = "END\0"u8.ToArray();

    public static void Write(NGramModel model, IReadOnlyList<string> idToToken, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(idToToken);
        if (idToToken.Count != model.VocabularySize)
            throw new ArgumentException($"the vocabulary has {idToToken.Count} tokens but the model {model.VocabularySize}", nameof(idToToken));
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the binary n-gram format is little-endian");
        string full = Path.GetFullPath(path);
        string temp = $"{full}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(Magic);
                writer.Write(Version);
                writer.Write(0L); // length, patched below
                writer.Write(model.Order);
                writer.Write(model.VocabularySize);
                WriteStrings(writer, idToToken);
                WriteStrings(writer, model.Warnings);
                writer.Write(model.Discounts.Count);
                foreach (var d in model.Discounts)
                {
                    writer.Write(d.D1);
                    writer.Write(d.D2);
                    writer.Write(d.D3Plus);
                }
                foreach (var level in model.Entries)
                {
                    writer.Write(level.Length);
                    writer.Write(MemoryMarshal.AsBytes(level.AsSpan()));
                }
                for (int k = 1; k < model.Order; k++)
                {
                    var table = model.Tables[k]!;
                    writer.Write(table.Slots.Length);
                    writer.Write(table.Count);
                    writer.Write(MemoryMarshal.AsBytes(table.Slots));
                }
                writer.Write(EndMarker);
                writer.Flush();
                long length = stream.Position;
                stream.Position = Magic.Length + sizeof(int);
                writer.Write(length);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static (NGramModel Model, string[] Vocabulary) Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw Bad(path, "not an hnreply n-gram binary (bad magic)");
            int version = reader.ReadInt32();
            if (version < 1 || version > Version) throw Bad(path, $"format version {version}; this build reads up to {Version}");
            long length = reader.ReadInt64();
            if (length != stream.Length) throw Bad(path, $"truncated or padded: {stream.Length:N0} bytes, the header says {length:N0}");
            int order = reader.ReadInt32();
            int vocabularySize = reader.ReadInt32();
            if (order is < 1 or > NGramOptions.MaxOrder || vocabularySize < 4) throw Bad(path, $"implausible order {order} or vocabulary {vocabularySize}");
            var vocabulary = ReadStrings(reader);
            if (vocabulary.Length != vocabularySize) throw Bad(path, $"{vocabulary.Length} tokens for a vocabulary of {vocabularySize}");
            var warnings = ReadStrings(reader);
            var discounts = new NGramDiscount[reader.ReadInt32()];
            for (int i = 0; i < discounts.Length; i++) discounts[i] = new NGramDiscount(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
            var entries = new NGramEntry[order][];
            for (int k = 0; k < order; k++)
            {
                entries[k] = ReadArray<NGramEntry>(reader, path, reader.ReadInt32());
                if (entries[k].Length == 0) throw Bad(path, $"order {k + 1} lacks its sentinel entry");
            }
            if (entries[0].Length != vocabularySize + 1) throw Bad(path, "unigram count does not match the vocabulary");
            var tables = new PackedKeyTable<int>?[order];
            for (int k = 1; k < order; k++)
            {
                int slots = reader.ReadInt32();
                int keys = reader.ReadInt32();
                tables[k] = PackedKeyTable<int>.FromSlots(ReadArray<PackedKeyTable<int>.Slot>(reader, path, slots), keys);
            }
            if (!reader.ReadBytes(EndMarker.Length).AsSpan().SequenceEqual(EndMarker)) throw Bad(path, "missing end marker");
            return (new NGramModel(entries, tables, warnings, discounts), vocabulary);
        }
        catch (EndOfStreamException)
        {
            throw Bad(path, "truncated");
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw Bad(path, e.Message);
        }
    }

    private static void WriteStrings(BinaryWriter writer, IReadOnlyList<string> strings)
    {
        writer.Write(strings.Count);
        foreach (string s in strings) writer.Write(s);
    }

    private static string[] ReadStrings(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0 || count > reader.BaseStream.Length) throw new InvalidDataException($"implausible list of {count} strings");
        var strings = new string[count];
        for (int i = 0; i < count; i++) strings[i] = reader.ReadString();
        return strings;
    }

    // BinaryReader reads no further ahead than asked, so the bulk read continues where it stopped.
    private static T[] ReadArray<T>(BinaryReader reader, string path, int length) where T : struct
    {
        if (length < 0 || (long)length * Unsafe.SizeOf<T>() > reader.BaseStream.Length - reader.BaseStream.Position)
            throw Bad(path, $"array of {length:N0} items runs past the end of the file");
        var array = GC.AllocateUninitializedArray<T>(length);
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(array.AsSpan()));
        return array;
    }

    private static InvalidDataException Bad(string path, string problem) => new($"{path}: {problem}");
}
