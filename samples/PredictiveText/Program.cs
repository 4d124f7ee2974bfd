namespace HnReply.Samples.PredictiveText;

public static class Program
{
    public static void Main() => PredictiveTextSample.Run(Console.Out);
}
