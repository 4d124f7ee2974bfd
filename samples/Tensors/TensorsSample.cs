using HnReply.Neural.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HnReply.Samples.Tensors;

/// <summary>
/// The seed tutorial's four tensors — a scalar, a vector, a matrix and a 3×3×1 cube — made with
/// TorchSharp, printed the short way (shape and dtype, as TensorFlow's print showed) and then with
/// their values.
/// </summary>
public static class TensorsSample
{
    public static void Run(TextWriter output)
    {
        TorchRuntime.Initialize(ComputeDevice.Cpu, threads: 1);

        int[] oneToThree = [1, 2, 3], oneToNine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        using var scalar = tensor(3);
        using var vector = tensor(oneToThree);
        using var matrix = tensor(oneToNine, 3, 3);
        using var cube = tensor(oneToNine, 3, 3, 1);

        // A tensor's ToString is its shape, dtype and device — not its values.
        output.WriteLine($"scalar: {scalar}");
        output.WriteLine($"vector: {vector}");
        output.WriteLine($"matrix: {matrix}");
        output.WriteLine($"cube:   {cube}");

        // Rank and shape as numbers: what every layer checks before it multiplies.
        output.WriteLine($"cube rank {cube.dim()}, shape [{string.Join(", ", cube.shape)}], dtype {cube.dtype}");

        // The values: ask for them, as a formatted string or as a .NET array.
        output.WriteLine(matrix.ToString(TorchSharp.TensorStringStyle.Numpy));
        output.WriteLine($"cube values: {string.Join(" ", cube.data<int>().ToArray())}");

        // Most models want 32-bit floats: convert, and the dtype in the print changes.
        using var floats = cube.to_type(ScalarType.Float32);
        output.WriteLine($"as float: {floats}");
    }
}
