namespace HnReply.Samples.NotMnist;

public static class Program
{
    public static int Main(string[] args) => NotMnistLadder.Run(args, Console.Out, Console.Error);
}
