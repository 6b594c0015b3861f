using System.Collections.Concurrent;
using System.Text;
using B12Bot.Cards;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace B12Bot.Adapters;

/// <summary>
/// Writes a turn's replies (an <see cref="ExpectedReplies"/> body) straight into the response text, the very text the
/// serialiser writes, without the serialiser's work per call and per property. It follows the serialiser's contracts
/// (the same properties, in their order, under the same conditions) for the shapes replies have: an activity with the
/// addresses, the text format, the locale, a text, an input hint, buttons with plain values, no attachment, prepared
/// entities (<see cref="PreparedEntity"/>, written as their JSON) and the id replied to; accounts without extra
/// properties. The addresses are written once per body (every reply of a turn has the same). The content of an answer
/// from the knowledge and of a question the bot asks (texts from the knowledge and the rules) is kept, per text, and
/// written as it is at the next turn that says the same; other replies' content may carry words of the person's
/// message ("Over … staat niets in ons artikel.") and is not kept beyond the turn.
/// <para>
/// Any other body (or a body with any other reply in it) is left to the serialiser, as is everything when the
/// serialiser's contracts are not the ones this was written against (<see cref="Usable"/>).
/// </para>
/// </summary>
internal sealed class ReplyJson
{
    private static readonly string[] ActivityShape =
    [
        "type", "serviceUrl", "channelId", "from", "conversation", "recipient", "textFormat", "locale",
        "text", "inputHint", "suggestedActions", "attachments", "entities", "replyToId",
    ];

    private static readonly string[] ChannelAccountShape = ["id", "name", "aadObjectId", "role"];

    private static readonly string[] ConversationAccountShape = ["isGroup", "conversationType", "id", "name", "aadObjectId", "role", "tenantId"];

    private static readonly string[] SuggestedActionsShape = ["to", "actions"];

    private static readonly string[] CardActionShape = ["type", "title", "image", "text", "displayText", "value", "channelData", "imageAltText"];

    /// <summary>The types this writer writes itself: a converter of the settings for any of them leaves every body to the serialiser.</summary>
    private static readonly Type[] WrittenTypes =
    [
        typeof(string), typeof(bool), typeof(bool?), typeof(ExpectedReplies), typeof(Activity), typeof(IList<Activity>),
        typeof(ChannelAccount), typeof(ConversationAccount), typeof(SuggestedActions), typeof(CardAction), typeof(IList<CardAction>),
        typeof(IList<string>), typeof(Entity), typeof(PreparedEntity), typeof(IList<Entity>), typeof(IList<Attachment>),
    ];

    /// <summary>At most this many texts keep their content's JSON (the knowledge and the walkthrough need a few hundred).</summary>
    private const int MaxContents = 4096;

    private readonly Contract? _activity;
    private readonly Contract? _channelAccount;
    private readonly Contract? _conversationAccount;
    private readonly Contract? _suggestedActions;
    private readonly Contract? _cardAction;
    private readonly IValueProvider[] _others = [];
    private readonly ConcurrentDictionary<string, ContentPart> _contents = new(StringComparer.Ordinal);
    private int _kept;

    public ReplyJson(JsonSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var resolver = serializer.ContractResolver;
        _activity = Contract.Of(resolver, typeof(Activity), ActivityShape, extensionData: true);
        _channelAccount = Contract.Of(resolver, typeof(ChannelAccount), ChannelAccountShape, extensionData: true);
        _conversationAccount = Contract.Of(resolver, typeof(ConversationAccount), ConversationAccountShape, extensionData: true);
        _suggestedActions = Contract.Of(resolver, typeof(SuggestedActions), SuggestedActionsShape, extensionData: false);
        _cardAction = Contract.Of(resolver, typeof(CardAction), CardActionShape, extensionData: false);
        var replies = resolver.ResolveContract(typeof(ExpectedReplies)) as JsonObjectContract;
        Usable = _activity is not null && _channelAccount is not null && _conversationAccount is not null
            && _suggestedActions is not null && _cardAction is not null
            && replies is { ExtensionDataGetter: null }
            && replies.Properties.Where(p => !p.Ignored).Select(p => p.PropertyName).SequenceEqual(["activities"], StringComparer.Ordinal)
            && serializer.NullValueHandling == NullValueHandling.Ignore
            && serializer.Formatting == Formatting.None
            && serializer.StringEscapeHandling == StringEscapeHandling.Default
            && serializer.Converters.All(c => !WrittenTypes.Any(c.CanConvert));
        if (Usable && resolver.ResolveContract(typeof(Activity)) is JsonObjectContract activity)
        {
            _others = [.. activity.Properties.Where(p => !p.Ignored && !ActivityShape.Contains(p.PropertyName, StringComparer.Ordinal)).Select(p => p.ValueProvider!)];
            Usable = _others.All(p => p is not null);
        }
    }

    /// <summary>False when the serialiser's contracts differ from the ones this writes: every body is then left to it.</summary>
    public bool Usable { get; }

    /// <summary>How many replies' contents are kept (for tests).</summary>
    internal int KeptCount => _contents.Count;

    /// <summary>
    /// Appends the JSON of <paramref name="replies"/> to <paramref name="text"/> when every reply has a usual shape,
    /// and returns true; otherwise appends nothing and returns false.
    /// </summary>
    public bool TryWrite(ExpectedReplies replies, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(replies);
        ArgumentNullException.ThrowIfNull(text);
        if (!Usable || replies.Activities is not { } activities)
        {
            return false;
        }

        foreach (var activity in activities)
        {
            if (!IsUsual(activity))
            {
                return false;
            }
        }

        text.Append("{\"activities\":[");
        string? addresses = null;
        Activity? addressed = null;
        for (var i = 0; i < activities.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var activity = activities[i];
            text.Append('{');
            var first = true;
            WriteProperty(text, ref first, 0, activity.Type);
            if (activity.ServiceUrl is not null || activity.ChannelId is not null || activity.From is not null || activity.Conversation is not null || activity.Recipient is not null)
            {
                Separate(text, ref first);
                if (addressed is not null && addresses is not null && SameAddresses(addressed, activity))
                {
                    text.Append(addresses);
                }
                else
                {
                    var at = text.Length;
                    WriteAddresses(text, activity);
                    addresses = text.ToString(at, text.Length - at);
                    addressed = activity;
                }
            }

            WriteProperty(text, ref first, 6, activity.TextFormat);
            WriteProperty(text, ref first, 7, activity.Locale);
            if (activity.Text is not null || activity.InputHint is not null || activity.SuggestedActions is not null || activity.Attachments is not null || activity.Entities is not null)
            {
                Separate(text, ref first);
                WriteContent(text, activity);
            }

            WriteProperty(text, ref first, 13, activity.ReplyToId);
            text.Append('}');
        }

        text.Append("]}");
        return true;
    }

    private bool IsUsual(Activity? activity)
    {
        if (activity is null || activity.GetType() != typeof(Activity) || activity.Properties is { Count: > 0 }
            || activity.Attachments is { Count: > 0 } || !_activity!.Holds(activity))
        {
            return false;
        }

        foreach (var other in _others)
        {
            if (other.GetValue(activity) is not null)
            {
                return false;
            }
        }

        if (activity.Entities is { } entities)
        {
            foreach (var entity in entities)
            {
                if (entity is not PreparedEntity)
                {
                    return false;
                }
            }
        }

        return IsUsual(activity.From) && IsUsual(activity.Recipient) && IsUsual(activity.Conversation) && IsUsual(activity.SuggestedActions);
    }

    private bool IsUsual(ChannelAccount? account) =>
        account is null || (account.GetType() == typeof(ChannelAccount) && account.Properties is null or { Count: 0 } && _channelAccount!.Holds(account));

    private bool IsUsual(ConversationAccount? account) =>
        account is null || (account.GetType() == typeof(ConversationAccount) && account.Properties is null or { Count: 0 } && _conversationAccount!.Holds(account));

    private bool IsUsual(SuggestedActions? suggested)
    {
        if (suggested is null)
        {
            return true;
        }

        if (suggested.GetType() != typeof(SuggestedActions) || !_suggestedActions!.Holds(suggested) || suggested.To is { } to && to.Any(t => t is null))
        {
            return false;
        }

        foreach (var action in suggested.Actions ?? [])
        {
            if (action is null || action.GetType() != typeof(CardAction) || action.ChannelData is not null || action.Value is not (null or string) || !_cardAction!.Holds(action))
            {
                return false;
            }
        }

        return true;
    }

    private void WriteAddresses(StringBuilder text, Activity activity)
    {
        var first = true;
        WriteProperty(text, ref first, 1, activity.ServiceUrl);
        WriteProperty(text, ref first, 2, activity.ChannelId);
        if (activity.From is { } from)
        {
            Separate(text, ref first).Append(_activity!.Names[3]);
            WriteAccount(text, from);
        }

        if (activity.Conversation is { } conversation)
        {
            Separate(text, ref first).Append(_activity!.Names[4]);
            var names = _conversationAccount!.Names;
            text.Append('{');
            var inner = true;
            if (conversation.IsGroup is { } isGroup)
            {
                Separate(text, ref inner).Append(names[0]).Append(isGroup ? "true" : "false");
            }

            WriteProperty(text, ref inner, names[1], conversation.ConversationType);
            WriteProperty(text, ref inner, names[2], conversation.Id);
            WriteProperty(text, ref inner, names[3], conversation.Name);
            WriteProperty(text, ref inner, names[4], conversation.AadObjectId);
            WriteProperty(text, ref inner, names[5], conversation.Role);
            WriteProperty(text, ref inner, names[6], conversation.TenantId);
            text.Append('}');
        }

        if (activity.Recipient is { } recipient)
        {
            Separate(text, ref first).Append(_activity!.Names[5]);
            WriteAccount(text, recipient);
        }
    }

    private void WriteAccount(StringBuilder text, ChannelAccount account)
    {
        var names = _channelAccount!.Names;
        text.Append('{');
        var first = true;
        WriteProperty(text, ref first, names[0], account.Id);
        WriteProperty(text, ref first, names[1], account.Name);
        WriteProperty(text, ref first, names[2], account.AadObjectId);
        WriteProperty(text, ref first, names[3], account.Role);
        text.Append('}');
    }

    /// <summary>
    /// The reply's text, input hint, buttons, attachments and entities: kept per text (and written again when the
    /// content with that text changes) for an answer from the knowledge and a question the bot asks; written at every
    /// turn for any other reply.
    /// </summary>
    private void WriteContent(StringBuilder text, Activity activity)
    {
        var keep = IsFromTheKnowledgeOrRules(activity);
        var key = activity.Text ?? string.Empty;
        ContentPart? kept = null;
        if (keep && _contents.TryGetValue(key, out kept) && kept.Matches(activity))
        {
            text.Append(kept.Json);
            return;
        }

        var start = text.Length;
        var first = true;
        WriteProperty(text, ref first, 8, activity.Text);
        WriteProperty(text, ref first, 9, activity.InputHint);
        if (activity.SuggestedActions is { } suggested)
        {
            Separate(text, ref first).Append(_activity!.Names[10]);
            WriteSuggestedActions(text, suggested);
        }

        if (activity.Attachments is not null)
        {
            Separate(text, ref first).Append(_activity!.Names[11]).Append("[]");
        }

        if (activity.Entities is { } entities)
        {
            Separate(text, ref first).Append(_activity!.Names[12]).Append('[');
            for (var i = 0; i < entities.Count; i++)
            {
                (i > 0 ? text.Append(',') : text).Append(((PreparedEntity)entities[i]).Json);
            }

            text.Append(']');
        }

        if (!keep)
        {
            return;
        }

        var made = new ContentPart(activity, text.ToString(start, text.Length - start));
        if (kept is not null)
        {
            _contents[key] = made;
        }
        else if (Volatile.Read(ref _kept) < MaxContents && _contents.TryAdd(key, made))
        {
            Interlocked.Increment(ref _kept);
        }
    }

    private void WriteSuggestedActions(StringBuilder text, SuggestedActions suggested)
    {
        var names = _suggestedActions!.Names;
        text.Append('{');
        var first = true;
        if (suggested.To is { } to)
        {
            Separate(text, ref first).Append(names[0]).Append('[');
            for (var i = 0; i < to.Count; i++)
            {
                AppendString(i > 0 ? text.Append(',') : text, to[i]);
            }

            text.Append(']');
        }

        if (suggested.Actions is { } actions)
        {
            var fields = _cardAction!.Names;
            Separate(text, ref first).Append(names[1]).Append('[');
            for (var i = 0; i < actions.Count; i++)
            {
                var action = actions[i];
                (i > 0 ? text.Append(',') : text).Append('{');
                var inner = true;
                WriteProperty(text, ref inner, fields[0], action.Type);
                WriteProperty(text, ref inner, fields[1], action.Title);
                WriteProperty(text, ref inner, fields[2], action.Image);
                WriteProperty(text, ref inner, fields[3], action.Text);
                WriteProperty(text, ref inner, fields[4], action.DisplayText);
                WriteProperty(text, ref inner, fields[5], (string?)action.Value);
                WriteProperty(text, ref inner, fields[7], action.ImageAltText);
                text.Append('}');
            }

            text.Append(']');
        }

        text.Append('}');
    }

    /// <summary>An answer quoting the knowledge (its prepared citation) or a question waiting for an answer (a prompt).</summary>
    private static bool IsFromTheKnowledgeOrRules(Activity activity) =>
        string.Equals(activity.InputHint, InputHints.ExpectingInput, StringComparison.Ordinal)
        || (activity.Entities is { Count: > 0 } entities && entities[0] is PreparedEntity);

    /// <summary>The same strings and the very same account objects (not changed while a body is written).</summary>
    private static bool SameAddresses(Activity written, Activity next) =>
        string.Equals(written.ServiceUrl, next.ServiceUrl, StringComparison.Ordinal)
        && string.Equals(written.ChannelId, next.ChannelId, StringComparison.Ordinal)
        && ReferenceEquals(written.From, next.From)
        && ReferenceEquals(written.Conversation, next.Conversation)
        && ReferenceEquals(written.Recipient, next.Recipient);

    private void WriteProperty(StringBuilder text, ref bool first, int activityProperty, string? value) =>
        WriteProperty(text, ref first, _activity!.Names[activityProperty], value);

    private static void WriteProperty(StringBuilder text, ref bool first, string name, string? value)
    {
        if (value is not null)
        {
            AppendString(Separate(text, ref first).Append(name), value);
        }
    }

    private static StringBuilder Separate(StringBuilder text, ref bool first)
    {
        if (!first)
        {
            text.Append(',');
        }

        first = false;
        return text;
    }

    /// <summary>A JSON string as the serialiser writes it (its default escaping).</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            // What the default escaping changes: control characters, the quote, the backslash, and three line breaks.
            if (c is < ' ' or '"' or '\\' or '\u0085' or '\u2028' or '\u2029')
            {
                text.Append(JsonConvert.ToString(value));
                return;
            }
        }

        text.Append('"').Append(value).Append('"');
    }

    /// <summary>
    /// A type's contract as the serialiser resolves it, for the properties a reply of the usual shape has: their
    /// written names (<c>"name":</c>), in the contract's order, and the contract's conditions on writing them. Null when
    /// the contract has other converters, settings or another order than this writer follows.
    /// </summary>
    private sealed class Contract
    {
        private Contract(string[] names, Predicate<object>[] conditions)
        {
            Names = names;
            Conditions = conditions;
        }

        public string[] Names { get; }

        private Predicate<object>[] Conditions { get; }

        /// <summary>The contract's conditions on the properties all hold for <paramref name="value"/> (the serialiser writes them all).</summary>
        public bool Holds(object value)
        {
            foreach (var condition in Conditions)
            {
                if (!condition(value))
                {
                    return false;
                }
            }

            return true;
        }

        public static Contract? Of(IContractResolver resolver, Type type, string[] shape, bool extensionData)
        {
            if (resolver.ResolveContract(type) is not JsonObjectContract contract
                || (contract.ExtensionDataGetter is not null) != extensionData
                || contract.Converter is not null)
            {
                return null;
            }

            var written = contract.Properties.Where(p => !p.Ignored).ToList();
            var used = written.Where(p => shape.Contains(p.PropertyName, StringComparer.Ordinal)).ToList();
            var plain = used.All(p => p.Converter is null && p.GetIsSpecified is null && p.NullValueHandling is null
                && p.DefaultValueHandling is null && p.Readable && p.PropertyName!.All(char.IsAsciiLetterOrDigit));
            if (!plain || !used.Select(p => p.PropertyName).SequenceEqual(shape, StringComparer.Ordinal)
                || (type != typeof(Activity) && written.Count != used.Count))
            {
                return null;
            }

            return new Contract(
                [.. used.Select(p => "\"" + p.PropertyName + "\":")],
                [.. used.Select(p => p.ShouldSerialize).OfType<Predicate<object>>()]);
        }
    }

    /// <summary>
    /// A reply's content as it was when its JSON was made: its values copied (the buttons' fields, the entities'
    /// references, which are prepared and never changed), so a later change of the reply's objects cannot reach it.
    /// </summary>
    private sealed class ContentPart
    {
        private readonly string? _text;
        private readonly string? _inputHint;
        private readonly bool _hasAttachments;
        private readonly Entity[]? _entities;
        private readonly bool _hasSuggested;
        private readonly string[]? _to;
        private readonly ButtonValues[]? _actions;

        public ContentPart(Activity activity, string json)
        {
            _text = activity.Text;
            _inputHint = activity.InputHint;
            _hasAttachments = activity.Attachments is not null;
            _entities = activity.Entities is { } entities ? [.. entities] : null;
            _hasSuggested = activity.SuggestedActions is not null;
            _to = activity.SuggestedActions?.To is { } to ? [.. to] : null;
            _actions = activity.SuggestedActions?.Actions is { } actions ? [.. actions.Select(ButtonValues.Of)] : null;
            Json = json;
        }

        public string Json { get; }

        public bool Matches(Activity activity)
        {
            if (!string.Equals(_text, activity.Text, StringComparison.Ordinal)
                || !string.Equals(_inputHint, activity.InputHint, StringComparison.Ordinal)
                || _hasAttachments != activity.Attachments is not null
                || !SameEntities(activity.Entities)
                || _hasSuggested != activity.SuggestedActions is not null)
            {
                return false;
            }

            if (activity.SuggestedActions is not { } suggested)
            {
                return true;
            }

            if (!(_to is null ? suggested.To is null : suggested.To is { } to && to.SequenceEqual(_to, StringComparer.Ordinal)))
            {
                return false;
            }

            if (_actions is null || suggested.Actions is not { } actions)
            {
                return _actions is null && suggested.Actions is null;
            }

            if (actions.Count != _actions.Length)
            {
                return false;
            }

            for (var i = 0; i < _actions.Length; i++)
            {
                if (_actions[i] != ButtonValues.Of(actions[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private bool SameEntities(IList<Entity>? entities)
        {
            if (_entities is null || entities is null)
            {
                return _entities is null && entities is null;
            }

            if (entities.Count != _entities.Length)
            {
                return false;
            }

            for (var i = 0; i < _entities.Length; i++)
            {
                if (!ReferenceEquals(entities[i], _entities[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A button's fields that are written (the reply is of the usual shape: a plain value, no channel data).</summary>
    private readonly record struct ButtonValues(string? Type, string? Title, string? Image, string? Text, string? DisplayText, string? Value, string? ImageAltText)
    {
        public static ButtonValues Of(CardAction action) =>
            new(action.Type, action.Title, action.Image, action.Text, action.DisplayText, action.Value as string, action.ImageAltText);
    }
}
