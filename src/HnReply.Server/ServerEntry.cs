namespace HnReply.Server;

/// <summary>
/// The assembly's entry point, for WebApplicationFactory (which starts a web app through its entry
/// point) and for running the project directly with the options as configuration
/// (<c>--HnReply:Models:0 DIR</c>). People start the server with <c>hnreply serve</c>. A class rather
/// than a static class only because WebApplicationFactory takes it as a type argument.
/// </summary>
public sealed class ServerEntry
{
    private ServerEntry()
    {
    }

    public static void Main(string[] args) => ServerApp.Build(args).Run();
}
