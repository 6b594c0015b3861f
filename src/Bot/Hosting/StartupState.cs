namespace B12Bot.Hosting;

/// <summary>Whether a part of the start that finishes after the server is up has failed (the process then exits with 1).</summary>
public sealed class StartupState
{
    private volatile bool failed;

    public bool Failed => failed;

    public void MarkFailed() => failed = true;
}
