namespace HnReply.Samples.Flow;

public static class Program
{
    public static void Main() => FlowSample.Run(Console.Out);
}
