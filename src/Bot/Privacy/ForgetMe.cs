using B12Bot.Cards;
using B12Bot.Storage;
using Microsoft.Bot.Builder;

namespace B12Bot.Privacy;

/// <summary>
/// "Vergeet mij": deletes the conversation and user state of the turn's person from the state store (SQLite, Blob
/// or memory), then lets every registered <see cref="IPersonalDataEraser"/> remove its part, and tells the person
/// exactly what was removed (and what could not be, if a store was unavailable).
/// </summary>
public static partial class ForgetMe
{
    /// <summary>What the bot state holds about a conversation and a person, as the reply names it.</summary>
    public const string BotStatePhrase = "uw antwoorden op de vragen en waar we in ons gesprek waren";

    /// <summary>
    /// Forgets the person of <paramref name="turnContext"/> and sends the confirmation. A failing state store
    /// throws as before (the turn then says the store is unavailable); a failing eraser is named in the reply.
    /// </summary>
    public static async Task RunAsync(
        ITurnContext turnContext,
        IStorage storage,
        IEnumerable<BotState> states,
        IEnumerable<IPersonalDataEraser> erasers,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(erasers);
        ArgumentNullException.ThrowIfNull(logger);

        await storage.ForgetAsync(turnContext, states, cancellationToken).ConfigureAwait(false);

        var activity = turnContext.Activity;
        var owner = new PersonalDataOwner(activity.ChannelId, activity.Conversation?.Id ?? string.Empty, activity.From?.Id, activity.Id);
        var removed = new List<string> { BotStatePhrase };
        var notRemoved = new List<string>();
        foreach (var eraser in erasers.Where(e => e.AppliesTo(owner)))
        {
            try
            {
                await eraser.EraseAsync(owner, cancellationToken).ConfigureAwait(false);
                AddPhrase(removed, eraser.What);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never claim what did not happen: the reply names it and the person can ask again.
                LogEraserFailed(logger, eraser.GetType().Name, ex.GetType().Name);
                AddPhrase(notRemoved, eraser.What ?? "een deel van uw gegevens");
            }
        }

        LogForgotten(logger, activity.ChannelId, removed.Count, notRemoved.Count);
        await turnContext.SendActivityAsync(Replies.Text(Reply(removed, notRemoved)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The confirmation: what was removed, and what could not be removed now.</summary>
    public static string Reply(IReadOnlyList<string> removed, IReadOnlyList<string> notRemoved)
    {
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(notRemoved);

        var text = $"Ik heb verwijderd wat ik over u en ons gesprek bewaarde: {List(removed)}.";
        if (notRemoved.Count > 0)
        {
            text += $" Niet gelukt is het verwijderen van {List(notRemoved)}; vraag het over een paar minuten nog eens met \"vergeet mij\".";
        }

        return text + " Als u mij weer iets vraagt, begin ik opnieuw.";
    }

    /// <summary>"a", "a en b", "a, b en c".</summary>
    private static string List(IReadOnlyList<string> phrases) => phrases.Count switch
    {
        0 => string.Empty,
        1 => phrases[0],
        _ => string.Join(", ", phrases.Take(phrases.Count - 1)) + " en " + phrases[^1],
    };

    private static void AddPhrase(List<string> phrases, string? phrase)
    {
        if (!string.IsNullOrWhiteSpace(phrase) && !phrases.Contains(phrase.Trim(), StringComparer.Ordinal))
        {
            phrases.Add(phrase.Trim());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data of a person deleted on request (channel {ChannelId}): {Removed} parts removed, {Failed} failed")]
    private static partial void LogForgotten(ILogger logger, string channelId, int removed, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting a person: {Eraser} failed with {ErrorType}")]
    private static partial void LogEraserFailed(ILogger logger, string eraser, string errorType);
}
