using B12Bot.Knowledge;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Editors;

/// <summary>
/// Feedback as it arrives from each channel, stored through <see cref="EditorsRecorder"/>:
/// <list type="bullet">
/// <item>Teams: the <c>message/submitAction</c> invoke of its feedback loop (answered 200 with an empty body);
/// the rated answer is found by the message id Teams gave it;</item>
/// <item>Web Chat: the event <c>webchat:activity-status/feedback</c> its 👍/👎 buttons send, carrying the
/// answer's <c>LikeAction</c> or <c>DislikeAction</c> (whose <c>object</c> names the entry), and
/// <c>b12:feedback</c> with a 👎's reason;</item>
/// <item>the terminal: <c>b12:feedback</c> for <c>/goed</c> and <c>/fout</c>.</item>
/// </list>
/// Anything malformed is ignored (logged without its content).
/// </summary>
public sealed partial class FeedbackActivities(EditorsRecorder recorder, KnowledgeBase knowledge, ILogger<FeedbackActivities> logger)
{
    public const string TeamsInvokeName = "message/submitAction";
    public const string WebChatEventName = "webchat:activity-status/feedback";
    public const string FeedbackEventName = "b12:feedback";

    public EditorsRecorder Recorder => recorder;

    /// <summary>The Like/Dislike actions Web Chat shows under an answer that names <paramref name="entryId"/>.</summary>
    public static JArray PotentialActions(string entryId) =>
    [
        new JObject { ["@type"] = "LikeAction", ["object"] = new JObject { ["@type"] = "Thing", ["identifier"] = entryId } },
        new JObject { ["@type"] = "DislikeAction", ["object"] = new JObject { ["@type"] = "Thing", ["identifier"] = entryId } },
    ];

    /// <summary>Whether this is Teams' feedback invoke.</summary>
    public static bool IsTeamsFeedback(IActivity activity) =>
        activity is { Type: ActivityTypes.Invoke } && activity is IInvokeActivity { Name: TeamsInvokeName };

    /// <summary>Stores Teams feedback; always answers 200 with no body, as Teams requires.</summary>
    public async Task<InvokeResponse> OnTeamsFeedbackAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var value = AsObject(activity.Value);
        var actionValue = AsObject(value?["actionValue"]);
        if (value is null || Text(value["actionName"]) != "feedback" || actionValue is null)
        {
            Ignored(logger, activity.ChannelId);
            return new InvokeResponse { Status = StatusCodes.Status200OK };
        }

        var reaction = ParseReaction(Text(actionValue["reaction"]));
        var entryId = await recorder.FindAnswerAsync(activity.ChannelId, activity.Conversation?.Id, activity.ReplyToId, cancellationToken).ConfigureAwait(false);
        if (reaction == FeedbackReaction.None)
        {
            Ignored(logger, activity.ChannelId);
            return new InvokeResponse { Status = StatusCodes.Status200OK };
        }

        await recorder.RecordFeedbackAsync(activity.ChannelId, activity.Conversation?.Id, entryId, reaction, TeamsFeedbackText(actionValue["feedback"]), cancellationToken).ConfigureAwait(false);
        return new InvokeResponse { Status = StatusCodes.Status200OK };
    }

    /// <summary>Stores Web Chat's or the terminal's feedback event. Returns false when the event is not feedback.</summary>
    public async Task<bool> OnEventAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.Type != ActivityTypes.Event)
        {
            return false;
        }

        string? entryId;
        FeedbackReaction reaction;
        string? reason = null;
        switch (activity.Name)
        {
            case WebChatEventName:
                var action = activity.Entities?.Select(e => e?.Properties).FirstOrDefault(p => Text(p?["@type"]) is "LikeAction" or "DislikeAction");
                reaction = Text(action?["@type"]) == "LikeAction" ? FeedbackReaction.Like : FeedbackReaction.Dislike;
                entryId = Text(AsObject(action?["object"])?["identifier"]);
                break;
            case FeedbackEventName:
                var value = AsObject(activity.Value);
                entryId = Text(value?["entryId"]);
                reaction = ParseReaction(Text(value?["reaction"]));
                reason = Text(value?["reason"]);
                break;
            default:
                return false;
        }

        if (entryId is null || !knowledge.TryGet(entryId, out _) || (reaction == FeedbackReaction.None && string.IsNullOrWhiteSpace(reason)))
        {
            Ignored(logger, activity.ChannelId);
            return true;
        }

        await recorder.RecordFeedbackAsync(activity.ChannelId, activity.Conversation?.Id, entryId, reaction, reason, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The entry an outgoing answer quotes: the anchor of its first citation's URL.</summary>
    public static string? EntryOf(IActivity activity)
    {
        var message = activity?.Entities?.FirstOrDefault(e => e.Type == "https://schema.org/Message");
        var url = (string?)(message?.Properties["citation"] as JArray)?.FirstOrDefault()?["appearance"]?["url"];
        var hash = url?.LastIndexOf('#') ?? -1;
        return hash >= 0 ? url![(hash + 1)..] : null;
    }

    private static FeedbackReaction ParseReaction(string? reaction) => reaction switch
    {
        "like" => FeedbackReaction.Like,
        "dislike" => FeedbackReaction.Dislike,
        _ => FeedbackReaction.None,
    };

    /// <summary>Teams sends the form's text as a JSON string <c>{"feedbackText": "…"}</c>; the Agents Playground as the text itself.</summary>
    private static string? TeamsFeedbackText(JToken? feedback)
    {
        if (feedback is JObject direct)
        {
            return Text(direct["feedbackText"]);
        }

        if (feedback is not JValue { Type: JTokenType.String } text || ((string?)text)?.Length is null or 0 or > 10_000)
        {
            return null;
        }

        var raw = (string)text!;
        if (!raw.TrimStart().StartsWith('{'))
        {
            return raw;
        }

        try
        {
            return Text(JObject.Parse(raw)["feedbackText"]);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A string value; null for anything else (objects, arrays, numbers), so odd shapes are never cast.</summary>
    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } text ? (string?)text : null;

    private static JObject? AsObject(object? value) => value switch
    {
        JObject o => o,
        null => null,
        JToken => null,
        string => null,
        _ => TryFrom(value),
    };

    private static JObject? TryFrom(object value)
    {
        try
        {
            return JToken.FromObject(value) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback activity without a usable rating ignored (channel {ChannelId})")]
    private static partial void Ignored(ILogger logger, string channelId);
}
