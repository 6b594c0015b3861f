using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Dialogs.Choices;

/// <summary>
/// Renders a question with choices the way each channel shows them best, shaped like
/// Microsoft.Bot.Builder.Dialogs.Choices.ChoiceFactory:
/// Web Chat, Direct Line, the Emulator and tests get suggested actions; Teams gets suggested actions in a
/// personal chat with at most three choices (Teams shows no more) and a hero card with buttons otherwise
/// (channels, group chats, longer lists); other channels get text: inline for up to three choices,
/// a numbered list beyond.
/// </summary>
public static class ChoiceFactory
{
    /// <summary>Most suggested actions Teams shows.</summary>
    private const int TeamsMaxSuggestedActions = 3;

    /// <summary>Most choices written inline before a numbered list reads better.</summary>
    private const int MaxInlineChoices = 3;

    private const string Webchat = "webchat";
    private const string Directline = "directline";
    private const string Emulator = "emulator";
    private const string Test = "test";
    private const string Msteams = "msteams";
    private const string TeamsPersonal = "personal";

    /// <summary>The style <see cref="ForChannel"/> uses for this channel and conversation.</summary>
    public static ListStyle StyleFor(string? channelId, string? conversationType, int choiceCount)
    {
        switch (channelId?.ToLowerInvariant())
        {
            case Webchat:
            case Directline:
            case Emulator:
            case Test:
                return ListStyle.SuggestedAction;
            case Msteams:
                var personal = string.IsNullOrEmpty(conversationType)
                    || string.Equals(conversationType, TeamsPersonal, StringComparison.OrdinalIgnoreCase);
                return personal && choiceCount <= TeamsMaxSuggestedActions ? ListStyle.SuggestedAction : ListStyle.HeroCard;
            default:
                return choiceCount <= MaxInlineChoices ? ListStyle.Inline : ListStyle.List;
        }
    }

    /// <summary>Renders the choices in the channel's best style (see the class summary).</summary>
    public static IMessageActivity ForChannel(string? channelId, IList<Choice> list, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null, string? conversationType = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Render(StyleFor(channelId, conversationType, list.Count), list, text, speak, options);
    }

    /// <summary>Renders the choices for the channel and conversation of <paramref name="incoming"/>.</summary>
    public static IMessageActivity ForActivity(IActivity incoming, IList<Choice> list, string? text = null, ListStyle style = ListStyle.Auto, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(list);
        if (style == ListStyle.Auto)
        {
            style = StyleFor(incoming.ChannelId, incoming.Conversation?.ConversationType, list.Count);
        }

        return Render(style, list, text, null, options);
    }

    /// <summary>Renders in a given style; Auto falls back to suggested actions.</summary>
    public static IMessageActivity Render(ListStyle style, IList<Choice> list, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        return style switch
        {
            ListStyle.None => MessageFactory.Text(text ?? string.Empty, speak, InputHints.ExpectingInput),
            ListStyle.Inline => Inline(list, text, speak, options),
            ListStyle.List => List(list, text, speak, options),
            ListStyle.HeroCard => HeroCard(list, text, speak),
            _ => SuggestedAction(list, text, speak),
        };
    }

    /// <summary>"Vraag? (1) a, (2) b of (3) c".</summary>
    public static IMessageActivity Inline(IList<Choice> choices, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        options ??= new ChoiceFactoryOptions();
        var result = new StringBuilder(text ?? string.Empty);
        if (choices.Count > 0 && result.Length > 0)
        {
            result.Append(' ');
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (i > 0)
            {
                var isLast = i == choices.Count - 1;
                result.Append(!isLast ? options.InlineSeparator : choices.Count == 2 ? options.InlineOr : options.InlineOrMore);
            }

            if (options.IncludeNumbers)
            {
                result.Append(CultureInfo.InvariantCulture, $"({i + 1}) ");
            }

            result.Append(Title(choices[i]));
        }

        return MessageFactory.Text(result.ToString(), speak, InputHints.ExpectingInput);
    }

    /// <summary>"Vraag?" then one "1. a" line per choice.</summary>
    public static IMessageActivity List(IList<Choice> choices, string? text = null, string? speak = null, ChoiceFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        options ??= new ChoiceFactoryOptions();
        var lines = choices.Select((c, i) => options.IncludeNumbers
            ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {Title(c)}")
            : $"- {Title(c)}");
        var body = string.Join('\n', lines);
        var message = string.IsNullOrEmpty(text) ? body : $"{text}\n\n{body}";
        return MessageFactory.Text(message, speak, InputHints.ExpectingInput);
    }

    /// <summary>The text with one suggested action (imBack, title = value) per choice.</summary>
    public static IMessageActivity SuggestedAction(IList<Choice> choices, string? text = null, string? speak = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return MessageFactory.SuggestedActions(choices.Select(ToAction), text, speak, InputHints.ExpectingInput);
    }

    /// <summary>A hero card with the text and one imBack button per choice.</summary>
    public static IMessageActivity HeroCard(IList<Choice> choices, string? text = null, string? speak = null)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var card = new HeroCard(text: text, buttons: choices.Select(ToAction).ToList());
        return MessageFactory.Attachment(card.ToAttachment(), null, speak, InputHints.ExpectingInput);
    }

    /// <summary>Choices from plain values.</summary>
    public static IList<Choice> ToChoices(IEnumerable<string> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return choices.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => new Choice(c)).ToList();
    }

    private static string Title(Choice choice) => string.IsNullOrEmpty(choice.Action?.Title) ? choice.Value : choice.Action.Title;

    private static CardAction ToAction(Choice choice)
    {
        if (choice.Action is not null)
        {
            return new CardAction(
                choice.Action.Type ?? ActionTypes.ImBack,
                string.IsNullOrEmpty(choice.Action.Title) ? choice.Value : choice.Action.Title,
                choice.Action.Image,
                choice.Action.Text,
                choice.Action.DisplayText,
                choice.Action.Value ?? choice.Value);
        }

        return new CardAction(ActionTypes.ImBack, choice.Value, value: choice.Value);
    }
}
