using System.Text;
using System.Text.RegularExpressions;
using B12Bot.Editors;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Terminal;

/// <summary>
/// The bot in a terminal: each line typed is a message, replies are printed with their buttons as numbered
/// choices, and typing a number means the list just shown: the buttons of the last turn's replies are numbered here
/// and a number sends that button; when the last turn showed no buttons (a question with its options numbered in its
/// text), the number is sent as typed, for the question to read as the position of its option.
/// <c>/goed</c> and <c>/fout</c> rate the last answer (a <c>/fout</c> asks what was wrong; an empty line skips that).
/// </summary>
public sealed partial class ConsoleChatAdapter(TextReader input, TextWriter output) : BotAdapter
{
    private const string ChannelId = "console";
    /// <summary>The buttons of the last turn's replies, numbered from 1; empty when that turn showed none.</summary>
    private readonly List<CardAction> choices = [];
    private string? lastEntryId;
    private readonly ConversationReference conversation = new()
    {
        ChannelId = ChannelId,
        ServiceUrl = "http://localhost/",
        Bot = new ChannelAccount("b12bot", "B12Bot", RoleTypes.Bot),
        User = new ChannelAccount("console-user", "U", RoleTypes.User),
        Conversation = new ConversationAccount(id: "console-" + Guid.NewGuid().ToString("N")),
        Locale = "nl-NL",
    };

    /// <summary>Runs the conversation until the input ends or the person types "exit".</summary>
    public async Task RunAsync(IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var update = Stamp((Activity)Activity.CreateConversationUpdateActivity());
        update.MembersAdded = [conversation.User];
        await TurnAsync(update, bot, cancellationToken).ConfigureAwait(false);

        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ").ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null || line.Trim() is "exit" or "quit")
            {
                break;
            }

            if (line.Trim() is "/goed" or "/fout")
            {
                await RateAsync(line.Trim() == "/goed", bot, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var message = Stamp((Activity)Activity.CreateMessageActivity());
            message.Text = line;
            if (int.TryParse(line.Trim(), out var number) && number >= 1 && number <= choices.Count)
            {
                var chosen = choices[number - 1];
                message.Text = chosen.Type == ActionTypes.MessageBack ? chosen.Text ?? chosen.Title : chosen.Value as string ?? chosen.Title;
                message.Value = chosen.Type == ActionTypes.MessageBack ? chosen.Value : null;
            }

            await TurnAsync(message, bot, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            if (activity.Type == ActivityTypes.Message)
            {
                lastEntryId = FeedbackActivities.EntryOf(activity) ?? lastEntryId;
                await output.WriteLineAsync(Render(activity)).ConfigureAwait(false);
            }

            responses.Add(new ResourceResponse(Guid.NewGuid().ToString("N")));
        }

        return [.. responses];
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceResponse(activity?.Id));

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Sends a rating of the last answer to the bot, as Web Chat does, and thanks the person.</summary>
    private async Task RateAsync(bool good, IBot bot, CancellationToken cancellationToken)
    {
        if (lastEntryId is null)
        {
            await output.WriteLineAsync("Er is nog geen antwoord om te beoordelen.").ConfigureAwait(false);
            return;
        }

        string? reason = null;
        if (!good)
        {
            await output.WriteAsync("Wat klopte er niet? (niet verplicht; Enter om over te slaan) ").ConfigureAwait(false);
            reason = (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
        }

        var rating = Stamp((Activity)Activity.CreateEventActivity());
        rating.Name = FeedbackActivities.FeedbackEventName;
        rating.Value = new Newtonsoft.Json.Linq.JObject
        {
            ["entryId"] = lastEntryId,
            ["reaction"] = good ? "like" : "dislike",
            ["reason"] = string.IsNullOrEmpty(reason) ? null : reason,
        };
        await TurnAsync(rating, bot, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("Dank u voor uw beoordeling.").ConfigureAwait(false);
    }

    private async Task TurnAsync(Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        // A number means the list just shown: a turn that shows no buttons leaves none to choose by number.
        choices.Clear();
        using var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
    }

    private Activity Stamp(Activity activity)
    {
        activity.ApplyConversationReference(conversation, isIncoming: true);
        activity.Id = Guid.NewGuid().ToString("N");
        activity.Timestamp = DateTimeOffset.UtcNow;
        activity.Locale = "nl-NL";
        return activity;
    }

    /// <summary>Plain text for a terminal: markdown emphasis removed, buttons as a numbered list.</summary>
    private string Render(Activity activity)
    {
        var builder = new StringBuilder();
        builder.AppendLine();
        builder.AppendLine(Emphasis().Replace(activity.Text ?? string.Empty, "$1$2"));
        var actions = (activity.SuggestedActions?.Actions ?? [])
            .Concat((activity.Attachments ?? []).Select(a => a.Content).OfType<HeroCard>().SelectMany(h => h.Buttons ?? []))
            .ToList();
        if (actions.Count > 0)
        {
            // The buttons of a later reply of the same turn are the list just shown.
            choices.Clear();
            choices.AddRange(actions);
            for (var i = 0; i < actions.Count; i++)
            {
                builder.Append("  ").Append(i + 1).Append(". ").AppendLine(actions[i].Title);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*|_(.+?)_")]
    private static partial Regex Emphasis();
}
