using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HnReply.Word2Vec;

/// <summary>
/// A matrix of float rows, each padded to <see cref="RowMath.Lanes"/> floats and starting on a
/// 64-byte cache line, shared by all training threads without locks (Hogwild: a lost update now and
/// then costs nothing measurable, a lock would cost everything).
/// </summary>
internal sealed class PaddedRows
{
    private const int Alignment = 64;
    private readonly float[] data;
    private readonly int start;

    public PaddedRows(int rows, int size)
    {
        Rows = rows;
        Size = size;
        Stride = RowMath.PaddedLength(size);
        long length = (long)rows * Stride + Alignment / sizeof(float);
        if (length > Array.MaxLength) throw new ArgumentException($"{rows:N0} words × {size} dimensions do not fit in one array; raise --min-count or lower --size");
        // Pinned, so the aligned offset computed once stays aligned.
        data = GC.AllocateArray<float>((int)length, pinned: true);
        nint address = Marshal.UnsafeAddrOfPinnedArrayElement(data, 0);
        start = (int)((Alignment - address % Alignment) % Alignment / sizeof(float));
    }

    public int Rows { get; }

    public int Size { get; }

    public int Stride { get; }

    public ref float Row(int row) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), start + row * Stride);

    public Span<float> RowSpan(int row) => data.AsSpan(start + row * Stride, Size);

    /// <summary>The rows without padding, one after another.</summary>
    public float[] ToArray()
    {
        var result = new float[(long)Rows * Size];
        for (int r = 0; r < Rows; r++) RowSpan(r).CopyTo(result.AsSpan(r * Size, Size));
        return result;
    }
}
