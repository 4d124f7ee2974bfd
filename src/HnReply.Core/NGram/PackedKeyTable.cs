using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HnReply.NGram;

/// <summary>
/// An open-addressing hash table from a <see cref="PackedKey"/> to a small value: the entry index
/// in the model (int), or index and count while counting. Linear probing over slots of key and
/// value side by side, so a probe usually touches one cache line for both; the capacity is a power
/// of two, at most 3/4 full. Not thread-safe while growing; read-only use after construction is.
/// </summary>
internal sealed class PackedKeyTable<TValue> where TValue : unmanaged
{
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct Slot
    {
        public ulong Key;
        public TValue Value;
    }

    private Slot[] _slots;
    private int _shift;

    public PackedKeyTable(int expected)
    {
        long wanted = Math.Max(16L, (long)expected * 4 / 3 + 1);
        if (wanted > 1 << 30) throw new InvalidOperationException($"too many n-grams for one order: {expected:N0}");
        _slots = NewSlots((int)BitOperations.RoundUpToPowerOf2((uint)wanted));
        _shift = 64 - BitOperations.Log2((uint)_slots.Length);
    }

    private PackedKeyTable(Slot[] slots, int count)
    {
        _slots = slots;
        _shift = 64 - BitOperations.Log2((uint)slots.Length);
        Count = count;
    }

    public int Count { get; private set; }

    /// <summary>The raw slots, for the binary model file and for reading values out after counting.</summary>
    internal ReadOnlySpan<Slot> Slots => _slots;

    /// <summary>Rebuilds a table from slots written out of <see cref="Slots"/>.</summary>
    internal static PackedKeyTable<TValue> FromSlots(Slot[] slots, int count)
    {
        if (slots.Length < 2 || !BitOperations.IsPow2(slots.Length) || count < 0 || count >= slots.Length)
            throw new InvalidDataException($"hash table of {slots.Length} slots holding {count} keys is not valid");
        return new PackedKeyTable<TValue>(slots, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ulong key, out TValue value)
    {
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = Home(key);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Key == key)
            {
                value = slot.Value;
                return true;
            }
            if (slot.Key == PackedKey.Empty)
            {
                value = default;
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /// <summary>The value stored for <paramref name="key"/>, added as default when absent; valid until the next add.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TValue GetOrAdd(ulong key, out bool added)
    {
        if (Count >= (_slots.Length >> 2) * 3) Grow();
        var slots = _slots;
        int mask = slots.Length - 1;
        int i = Home(key);
        while (true)
        {
            ref Slot slot = ref slots[i];
            if (slot.Key == key)
            {
                added = false;
                return ref slot.Value;
            }
            if (slot.Key == PackedKey.Empty)
            {
                slot.Key = key;
                Count++;
                added = true;
                return ref slot.Value;
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
        int mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.Key == PackedKey.Empty) continue;
            int i = Home(slot.Key);
            while (_slots[i].Key != PackedKey.Empty) i = (i + 1) & mask;
            _slots[i] = slot;
        }
    }

    private static Slot[] NewSlots(int capacity)
    {
        var slots = GC.AllocateUninitializedArray<Slot>(capacity);
        slots.AsSpan().Fill(new Slot { Key = PackedKey.Empty });
        return slots;
    }
}
