namespace B12Bot.Editors;

/// <summary>Writes the editors' counts once a minute and at shut-down, and removes what is past the retention.</summary>
public sealed partial class EditorsFlushService(EditorsRecorder recorder, TimeProvider clock, ILogger<EditorsFlushService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync flushes once more.
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            FlushFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Editors' counts not written ({ErrorType}); tried again later")]
    private static partial void FlushFailed(ILogger logger, string errorType);
}
