namespace HnReply.Samples.Word2Vec;

public static class Program
{
    public static void Main() => Word2VecSample.Run(Console.Out);
}
