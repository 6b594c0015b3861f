namespace B12Bot.Bots;

/// <summary>The bot's log lines. None carries what a person typed: only kinds, ids, counts and scores.</summary>
internal static partial class BotLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Message without text ({Attachments} attachments)")]
    public static partial void MessageWithoutText(ILogger logger, int attachments);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message of {Length} characters refused as too long")]
    public static partial void MessageTooLong(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Red-flag advice given ({Sign})")]
    public static partial void RedFlag(ILogger logger, string sign);

    // Debug, not Information: one line per question is the busiest line the bot writes, and console logging
    // under load costs more than answering (measured with bench/run-http.sh).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Question answered: {Outcome} {EntryId} score {Score:F2}")]
    public static partial void Answered(ILogger logger, B12Bot.Knowledge.AnswerOutcome outcome, string? entryId, double score);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dialog state from an older version dropped (channel {ChannelId})")]
    public static partial void StaleDialogState(ILogger logger, string channelId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoke activity acknowledged without action (channel {ChannelId})")]
    public static partial void InvokeIgnored(ILogger logger, string channelId);
}
