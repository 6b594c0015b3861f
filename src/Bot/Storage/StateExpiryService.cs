using Microsoft.Extensions.Options;

namespace B12Bot.Storage;

/// <summary>
/// Deletes expired state at start-up and then every <see cref="StorageOptions.PurgeInterval"/>, so what a
/// person told the bot does not outlive <see cref="StorageOptions.ConversationTtl"/>. A storage outage
/// only postpones a purge; it never stops the host.
/// </summary>
public sealed partial class StateExpiryService(
    IConcurrencyAwareStorage storage,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<StateExpiryService> logger) : BackgroundService
{
    /// <summary>Runs one purge and reports how many entries went; storage failures are logged, not thrown.</summary>
    public async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await storage.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                LogPurged(logger, purged);
            }

            return purged;
        }
        catch (StorageUnavailableException ex)
        {
            LogUnavailable(logger, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, ex.GetType().Name);
        }

        return 0;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        try
        {
            do
            {
                await PurgeOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired state entries")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State storage unavailable; expired entries will be purged on a later run")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired state failed with {ExceptionType}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string exceptionType);
}
