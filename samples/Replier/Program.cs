namespace HnReply.Samples.Replier;

public static class Program
{
    public static void Main() => ReplierSample.Run(Console.Out);
}
