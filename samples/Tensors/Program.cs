namespace HnReply.Samples.Tensors;

public static class Program
{
    public static void Main() => TensorsSample.Run(Console.Out);
}
