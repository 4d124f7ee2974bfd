namespace HnReply.Samples.MemoryCell;

public static class Program
{
    public static void Main() => MemoryCellSample.Run(Console.Out);
}
