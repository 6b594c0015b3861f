using System.Text.RegularExpressions;
using B12Bot.Cards;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Hostile;

/// <summary>
/// Property-based fuzzing of the bot as the app wires it, in-process: random activities (random types, channels,
/// optional fields, and texts mixing Dutch words, Lucene syntax, unicode, control characters and markup) never make
/// a turn throw or log an error; every message gets a reply with text; no reply carries a script back.
/// </summary>
public sealed partial class ActivityFuzzTests : IClassFixture<ActivityFuzzTests.Host>
{
    private readonly Host host;

    public ActivityFuzzTests(Host host) => this.host = host;

    /// <summary>The real bot services with every log entry captured.</summary>
    public sealed class Host : IDisposable
    {
        private readonly ServiceProvider provider;

        public Host()
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Kind"] = "Memory" })
                .Build();
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
            services.AddB12Bot(configuration);
            provider = services.BuildServiceProvider();
        }

        public LogCapture Logs { get; } = new();

        public IBot Bot => provider.GetRequiredService<IBot>();

        public void Dispose() => provider.Dispose();
    }

    [Property(Arbitrary = [typeof(FuzzArbitraries)], MaxTest = 400)]
    public async Task A_random_activity_never_breaks_a_turn_and_every_message_gets_a_reply(FuzzActivity fuzz)
    {
        ArgumentNullException.ThrowIfNull(fuzz);
        var activity = fuzz.ToActivity();
        var adapter = new TestAdapter(new ConversationReference
        {
            ChannelId = activity.ChannelId,
            ServiceUrl = activity.ServiceUrl,
            Conversation = activity.Conversation,
            User = activity.From,
            Bot = activity.Recipient,
            Locale = activity.Locale,
        });

        host.Logs.Clear();
        await adapter.ProcessActivityAsync(activity, host.Bot.OnTurnAsync, CancellationToken.None);

        var replies = new List<IActivity>();
        while (adapter.GetNextReply() is { } reply)
        {
            replies.Add(reply);
        }

        var messages = replies.Select(r => r.AsMessageActivity()).OfType<IMessageActivity>().ToList();
        Assert.True(host.Logs.Errors.Count == 0, string.Join(Environment.NewLine, host.Logs.Errors));
        if (activity.Type == ActivityTypes.Message)
        {
            Assert.NotEmpty(messages);
        }

        foreach (var message in messages)
        {
            // In Teams channels a prompt's text sits inside its hero card.
            var cardText = (message.Attachments ?? []).Select(a => a.Content).OfType<HeroCard>().Select(h => h.Text);
            Assert.False(string.IsNullOrWhiteSpace(message.Text) && cardText.All(string.IsNullOrWhiteSpace));
            Assert.DoesNotContain(Replies.TurnFailed, message.Text, StringComparison.Ordinal);
            Assert.DoesNotMatch(ScriptEcho(), JObject.FromObject(message).ToString());
        }

        if (activity.Text is { Length: >= 12 } text && text.Trim().Length >= 12)
        {
            Assert.DoesNotContain(host.Logs.Entries, e => e.FullText.Contains(text, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Lone surrogates cannot arrive over HTTP (the JSON reader replaces them), but an in-process channel can pass
    /// them on; kept out of the random texts above so that this one known case does not hide others.
    /// </summary>
    [Theory]
    [InlineData("B12 ", 0xD800, " tekort")]
    [InlineData("", 0xDFFF, "")]
    [InlineData("waarom is mijn b12 laag ", 0xDBFF, "?")]
    public async Task A_text_with_a_lone_surrogate_gets_a_reply(string before, int surrogate, string after)
    {
        // Built here: test data with a lone surrogate does not survive the test runner's serialisation.
        var text = before + (char)surrogate + after;
        var adapter = new TestAdapter("webchat") { Locale = "nl-NL" };
        host.Logs.Clear();
        await adapter.ProcessActivityAsync(MessageFactory.Text(text) as Activity, host.Bot.OnTurnAsync, CancellationToken.None);

        var reply = adapter.GetNextReply()?.AsMessageActivity();
        Assert.NotNull(reply);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Empty(host.Logs.Errors);
    }

    [GeneratedRegex(@"<\s*script|javascript:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptEcho();
}

/// <summary>A random activity's parts, kept as plain values so FsCheck can print a failing case.</summary>
public sealed record FuzzActivity(
    string Type,
    string? Text,
    string ChannelId,
    string? ConversationType,
    string? Locale,
    bool WithRecipient,
    int ValueKind,
    int Attachments,
    string? MentionText,
    string? Name)
{
    private const string BotId = "b12bot";

    public Activity ToActivity()
    {
        var activity = new Activity
        {
            Type = Type,
            Id = Guid.NewGuid().ToString("N"),
            Text = Text,
            ChannelId = ChannelId,
            ServiceUrl = "http://127.0.0.1:9/",
            Locale = Locale,
            Name = Name,
            From = new ChannelAccount("fuzz-user", "Bezoeker"),
            Recipient = WithRecipient ? new ChannelAccount(BotId, "B12Bot") : null,
            Conversation = new ConversationAccount(id: "fuzz-" + Guid.NewGuid().ToString("N"), conversationType: ConversationType),
            Value = ValueKind switch
            {
                1 => 42,
                2 => "waarde",
                3 => new JObject { ["keuze"] = Text },
                _ => null,
            },
        };

        if (Attachments > 0)
        {
            activity.Attachments = Enumerable.Range(0, Attachments)
                .Select(i => new Attachment("image/png", $"http://127.0.0.1:9/{i}.png", name: "foto.png"))
                .ToList();
        }

        if (MentionText is not null)
        {
            // As a channel's JSON arrives: the entity's fields live in its Properties.
            var mention = new Entity("mention");
            mention.Properties["mentioned"] = new JObject { ["id"] = BotId, ["name"] = "B12Bot" };
            mention.Properties["text"] = MentionText;
            activity.Entities = [mention];
        }

        if (Type == ActivityTypes.ConversationUpdate)
        {
            activity.MembersAdded = [new ChannelAccount("fuzz-user"), new ChannelAccount(BotId)];
        }

        return activity;
    }
}

/// <summary>The generators: texts that mix Dutch, Lucene syntax, unicode, control characters and markup.</summary>
public static class FuzzArbitraries
{
    private static readonly string[] DutchWords =
    [
        "vitamine", "B12", "b12", "tekort", "laag", "waarom", "is", "mijn", "wat", "hoe", "bloed", "vegan", "veganist",
        "maag", "operatie", "pernicieuze", "anemie", "tintelingen", "huisarts", "supplement", "ik", "heb", "niet",
        "geen", "moe", "injectie", "darm", "crohn", "coeliakie", "parasiet", "vis", "vlees", "ouderen", "metformine",
        "hallo", "dank", "je", "wel", "doei", "ja", "nee", "help", "stop", "terug", "vergeet", "mij",
    ];

    private static readonly string[] Lucene =
        ["AND", "OR", "NOT", "TO", "(", ")", "[", "]", "{", "}", "~", "~2", "^", "^10", "*", "?", "\"", ":", "\\", "/", "+", "-", "!", "&&", "||", "*:*", "title:"];

    private static readonly string[] Unicode =
        ["😀", "🙏🏽", "👩‍⚕️", "ü", "é", "ß", "İ", "ı", "\u202e", "\u200b", "\u200d", "ب١٢", "שלום", "\ufeff", "𝔅", "Ａ", "ﬁ", "\u0301"];

    private static readonly string[] Control = ["\0", "\u0001", "\t", "\n", "\r\n", "\u001b[0m", "\u007f", "\u2028", "\u0085"];

    private static readonly string[] Markup =
        ["<script>alert(1)</script>", "<b>", "</b>", "<at>B12Bot</at>", "[x](javascript:alert(1))", "**", "_", "`", "&amp;", "<img src=x onerror=alert(1)>", "%s", "{0}", "${x}"];

    private static readonly string[] Types =
    [
        ActivityTypes.ConversationUpdate, ActivityTypes.Event, ActivityTypes.Invoke, ActivityTypes.Typing,
        ActivityTypes.MessageReaction, ActivityTypes.EndOfConversation, ActivityTypes.InstallationUpdate,
        ActivityTypes.MessageUpdate, "onbekend",
    ];

    public static Arbitrary<FuzzActivity> Activity()
    {
        var piece = Gen.Frequency(
            (6, Gen.Elements(DutchWords)),
            (2, Gen.Elements(Lucene)),
            (2, Gen.Elements(Unicode)),
            (1, Gen.Elements(Control)),
            (1, Gen.Elements(Markup)));
        var separator = Gen.Elements(" ", " ", " ", string.Empty, "  ", "?", ", ");
        var words = Gen.ListOf(Gen.Zip(piece, separator).Select(p => p.Item1 + p.Item2)).Select(parts => string.Concat(parts));
        var text = Gen.Frequency(
            (12, words.Select(w => (string?)w)),
            (1, Gen.Constant<string?>(null)),
            (1, Gen.Choose(1990, 2050).Select(n => (string?)new string('b', n))));

        var gen =
            from type in Gen.Frequency((7, Gen.Constant(ActivityTypes.Message)), (3, Gen.Elements(Types)))
            from body in text
            from channel in Gen.Elements("webchat", "directline", "msteams", "emulator", "test", "onbekend-kanaal")
            from conversationType in Gen.Elements<string?>(null, "personal", "channel", "groupChat")
            from locale in Gen.Elements<string?>(null, "nl-NL", "nl", "en-US", "xx")
            from recipient in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
            from valueKind in Gen.Choose(0, 3)
            from attachments in Gen.Frequency((8, Gen.Constant(0)), (2, Gen.Choose(1, 3)))
            from mention in Gen.Frequency((8, Gen.Constant<string?>(null)), (1, Gen.Constant<string?>("<at>B12Bot</at>")), (1, words.Select(w => (string?)w)))
            from name in Gen.Elements<string?>(null, "webchat/join", "adaptiveCard/action", "task/fetch", "composeExtension/query", "onbekend")
            select new FuzzActivity(type, body, Channel(type, channel), conversationType, locale, recipient, valueKind, attachments, mention, name);
        return Arb.From(gen);
    }

    /// <summary>
    /// A Teams conversationUpdate makes the framework look the new members up through the channel's connector,
    /// which the in-process adapter has not got; that one combination is tested over HTTP instead.
    /// </summary>
    private static string Channel(string type, string channel) =>
        type == ActivityTypes.ConversationUpdate && channel == "msteams" ? "webchat" : channel;
}
