using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HnReply.NGram;

/// <summary>
/// An open-addressing hash table from a packed n-gram key to a dense index: the key is
/// <c>(context index &lt;&lt; 32) | word</c>, where the context index is the n-gram's prefix in the
/// table one order down. Keys are exact (no hashing of whole n-grams into 64 bits as KenLM's probing
/// model does), so a lookup never confuses two n-grams. Linear probing over 12-byte slots keeps a
/// probe to one cache line in the common case; the capacity is a power of two, at most 3/4 full.
/// Not thread-safe while growing; read-only use after construction is.
/// </summary>
internal sealed class PackedKeyTable
{
    private const ulong Empty = ulong.MaxValue;

    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct Slot
    {
        public ulong Key;
        public int Value;
    }

    private Slot[] _slots;
    private int _shift;

    public PackedKeyTable(int expected)
    {
        int capacity = CapacityFor(expected);
        _slots = NewSlots(capacity);
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    private PackedKeyTable(Slot[] slots, int count)
    {
        _slots = slots;
        _shift = 64 - BitOperations.Log2((uint)slots.Length);
        Count = count;
    }

    public int Count { get; private set; }

    /// <summary>The raw slots, for the binary model file.</summary>
    internal ReadOnlySpan<Slot> Slots => _slots;

    /// <summary>Rebuilds a table from slots written by <see cref="Slots"/>; the length must be a power of two.</summary>
    internal static PackedKeyTable FromSlots(Slot[] slots, int count)
    {
        if (slots.Length < 2 || !BitOperations.IsPow2(slots.Length) || count >= slots.Length)
            throw new InvalidDataException($"hash table of {slots.Length} slots holding {count} keys is not valid");
        return new PackedKeyTable(slots, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(int context, int word) => ((ulong)(uint)context << 32) | (uint)word;

    /// <summary>The value stored for <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong key)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = Home(key);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Key == key) return slot.Value;
            if (slot.Key == Empty) return -1;
            i = (i + 1) & mask;
        }
    }

    /// <summary>The value stored for <paramref name="key"/>; if absent, stores <paramref name="value"/> and returns -1.</summary>
    public int FindOrAdd(ulong key, int value)
    {
        if (Count + 1 > _slots.Length / 4 * 3) Grow();
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = Home(key);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Key == key) return slot.Value;
            if (slot.Key == Empty)
            {
                slot.Key = key;
                slot.Value = value;
                Count++;
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _slots;
        _slots = NewSlots(old.Length * 2);
        _shift--;
        Count = 0;
        foreach (var slot in old)
        {
            if (slot.Key != Empty) FindOrAdd(slot.Key, slot.Value);
        }
    }

    private static int CapacityFor(int expected)
    {
        long wanted = Math.Max(16L, (long)expected * 4 / 3 + 1);
        if (wanted > 1 << 30) throw new InvalidOperationException($"too many n-grams for one order: {expected:N0}");
        return (int)BitOperations.RoundUpToPowerOf2((uint)wanted);
    }

    private static Slot[] NewSlots(int capacity)
    {
        var slots = GC.AllocateUninitializedArray<Slot>(capacity);
        slots.AsSpan().Fill(new Slot { Key = Empty, Value = -1 });
        return slots;
    }
}
