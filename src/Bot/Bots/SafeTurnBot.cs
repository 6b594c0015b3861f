using System.Globalization;
using B12Bot.Cards;
using B12Bot.Dialogs;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Safety;
using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Bots;

/// <summary>
/// Runs every turn so that nothing a person said is lost:
/// <list type="bullet">
/// <item>turns of one conversation run one after another in this process (<see cref="ConversationLocks"/>);</item>
/// <item>the bot's replies are held back until its state is saved; when another instance saved the same
/// conversation first (an ETag conflict), the turn runs again on the fresh state and only then are replies sent;</item>
/// <item>when storage is down, a question that needs no state is still answered; anything else gets a polite
/// "probeer het zo nog eens", and the conversation carries on once storage is back.</item>
/// </list>
/// </summary>
public sealed class SafeTurnBot(
    Func<IBot> createBot,
    ConversationLocks locks,
    FreeQuestionAnswerer answerer,
    ILogger<SafeTurnBot> logger) : IBot
{
    /// <summary>How often a turn is run when other instances keep saving the same conversation first.</summary>
    public const int MaxAttempts = 20;

    private readonly ActiveDialogs activeDialogs = new();

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var key = $"{activity.ChannelId}/conversations/{activity.Conversation?.Id}";
        using var held = await locks.AcquireAsync(key, cancellationToken);

        // With the adapter's hold (its first middleware), every attempt runs in the turn's own context, and what an
        // attempt adds to the turn's state is removed before the next; without it, each attempt gets a context of its
        // own with a copy of the turn's state.
        var sharedHold = ReplyHold.Of(turnContext);
        var cameIn = sharedHold is null ? null : new HashSet<string>(turnContext.TurnState.Keys, StringComparer.Ordinal);

        // The bot may change the activity (it strips Teams mentions from the text): keep what came in.
        var text = activity.Text;
        for (var attempt = 1; ; attempt++)
        {
            activity.Text = text;
            using var ownContext = sharedHold is null ? CopyOf(turnContext, activity) : null;
            var context = ownContext ?? turnContext;
            var hold = sharedHold ?? ReplyHold.AddTo(context);
            hold.Start();
            try
            {
                var bot = createBot();
                await bot.OnTurnAsync(context, cancellationToken);
                activeDialogs.Set(key, bot is IDialogWaitReport { DialogWaiting: true });
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
                TurnLog.Conflict(logger, activity.ChannelId, attempt);
                ForgetAttempt(hold, context, cameIn);
                if (attempt >= 3)
                {
                    // Several instances keep saving this conversation: let them go first, at a random moment.
                    await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
                }

                continue;
            }
            catch (StorageConflictException)
            {
                TurnLog.GaveUp(logger, activity.ChannelId, attempt);
                ForgetAttempt(hold, context, cameIn);
                await turnContext.SendActivityAsync(Replies.Text(Replies.StorageDown), cancellationToken);
                return;
            }
            catch (StorageUnavailableException ex)
            {
                TurnLog.StorageDown(logger, activity.ChannelId, ex);
                ForgetAttempt(hold, context, cameIn);
                activity.Text = text;
                await SendWithoutStateAsync(turnContext, key, cancellationToken);
                return;
            }
            catch
            {
                // A failure the adapter's error handler deals with: none of the attempt's replies go out, its apology does.
                hold.Stop();
                throw;
            }

            var outgoing = hold.Stop();
            if (outgoing.Count > 0)
            {
                await turnContext.SendActivitiesAsync([.. outgoing], cancellationToken);
            }

            return;
        }
    }

    /// <summary>A context of its own for an attempt, with what the adapter put in the turn's state.</summary>
    private static TurnContext CopyOf(ITurnContext turnContext, Activity activity)
    {
        var context = new TurnContext(turnContext.Adapter, activity);
        foreach (var (name, value) in turnContext.TurnState)
        {
            context.TurnState[name] = value;
        }

        return context;
    }

    /// <summary>Drops what an attempt sent and, in the turn's own context, what it added to the turn's state.</summary>
    private static void ForgetAttempt(ReplyHold hold, ITurnContext context, HashSet<string>? cameIn)
    {
        hold.Stop();
        if (cameIn is null)
        {
            return;
        }

        foreach (var name in context.TurnState.Keys.Where(name => !cameIn.Contains(name)).ToList())
        {
            context.TurnState.Remove(name);
        }
    }

    /// <summary>While storage is down: answer a plain question from the knowledge, otherwise ask to try again soon.</summary>
    private async Task SendWithoutStateAsync(ITurnContext turnContext, string key, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }

        Mentions.RemoveRecipientMention(activity);
        var text = UserText.Clean(activity.Text)?.Trim();
        if (!activeDialogs.IsActive(key) && !string.IsNullOrEmpty(text) && text.Length <= B12ActivityHandler.MaxTextLength)
        {
            // Answer, clarify or "not in my information": none of these needs state.
            await turnContext.SendActivityAsync(answerer.Answer(text, activity, aboutThemselves: false).Reply, cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(Replies.Text(Replies.StorageDown), cancellationToken);
    }

    /// <summary>Which conversations had a dialog waiting after their last turn here (bounded; a hint for outages only).</summary>
    private sealed class ActiveDialogs
    {
        private const int Capacity = 10_000;
        private readonly Dictionary<string, bool> active = new(StringComparer.Ordinal);
        private readonly Queue<string> order = new();

        public void Set(string key, bool isActive)
        {
            lock (active)
            {
                if (!isActive)
                {
                    active.Remove(key);
                    return;
                }

                if (active.TryAdd(key, true))
                {
                    order.Enqueue(key);
                    while (order.Count > Capacity)
                    {
                        active.Remove(order.Dequeue());
                    }
                }
            }
        }

        public bool IsActive(string key)
        {
            lock (active)
            {
                return active.ContainsKey(key);
            }
        }
    }
}

internal static partial class TurnLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "State conflict on channel {ChannelId}, attempt {Attempt}: running the turn again")]
    public static partial void Conflict(ILogger logger, string channelId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "State conflict on channel {ChannelId} still after {Attempt} attempts: asked to try again")]
    public static partial void GaveUp(ILogger logger, string channelId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable on channel {ChannelId}: answering without state")]
    public static partial void StorageDown(ILogger logger, string channelId, Exception exception);
}
