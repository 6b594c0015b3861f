using B12Bot.Adapters;
using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Http;

/// <summary>
/// A turn's replies written from parts made once are exactly the text the serialiser writes, character for character,
/// whatever the reply holds; what is kept between turns is an answer's or a question's content, never other replies'.
/// </summary>
public sealed class ReplyJsonTests
{
    private static readonly PreparedEntity Citation = PreparedEntity.From(new Entity("https://schema.org/Message")
    {
        Properties = new JObject { ["@type"] = "Message", ["citation"] = new JArray(new JObject { ["position"] = 1, ["name"] = "Bron \"één\"" }) },
    });

    [Fact]
    public void The_serialisers_contract_is_the_one_the_writer_knows()
    {
        Assert.True(ActivityHttp.NewReplyWriter().Usable);
    }

    [Fact]
    public void Settings_with_a_converter_for_what_it_writes_or_other_contracts_leave_every_body_to_the_serialiser()
    {
        var withConverter = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
            ContractResolver = Microsoft.Bot.Builder.Integration.AspNet.Core.HttpHelper.BotMessageSerializerSettings.ContractResolver,
            Converters = [new Newtonsoft.Json.Converters.StringEnumConverter(), new UpperCaseStrings()],
        });
        var otherContracts = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
            ContractResolver = new Newtonsoft.Json.Serialization.DefaultContractResolver
            {
                NamingStrategy = new Newtonsoft.Json.Serialization.SnakeCaseNamingStrategy { OverrideSpecifiedNames = true },
            },
        });
        var includeNulls = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            ContractResolver = Microsoft.Bot.Builder.Integration.AspNet.Core.HttpHelper.BotMessageSerializerSettings.ContractResolver,
        });

        foreach (var (serializer, name) in new[] { (withConverter, "converter"), (otherContracts, "contracts"), (includeNulls, "nulls") })
        {
            var writer = new ReplyJson(serializer);
            Assert.False(writer.Usable, name);
            Assert.False(writer.TryWrite(new ExpectedReplies([Question("Vraag?")]), new System.Text.StringBuilder()));
        }
    }

    [Fact]
    public void Other_contracts_of_the_same_shape_are_followed_and_written_as_the_serialiser_writes_them()
    {
        var serializer = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
            ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver(),
        });
        var writer = new ReplyJson(serializer);
        var replies = new ExpectedReplies([Answer("Antwoord \"één\"."), Question("Vraag?"), Plain("Tekst.")]);

        var written = new System.Text.StringBuilder();
        Assert.True(writer.TryWrite(replies, written));

        var expected = new System.Text.StringBuilder();
        using (var text = new StringWriter(expected, System.Globalization.CultureInfo.InvariantCulture))
        using (var json = new Newtonsoft.Json.JsonTextWriter(text))
        {
            serializer.Serialize(json, replies);
        }

        Assert.Equal(expected.ToString(), written.ToString());
    }

    private sealed class UpperCaseStrings : Newtonsoft.Json.JsonConverter<string>
    {
        public override void WriteJson(Newtonsoft.Json.JsonWriter writer, string? value, Newtonsoft.Json.JsonSerializer serializer) => writer.WriteValue(value?.ToUpperInvariant());

        public override string? ReadJson(Newtonsoft.Json.JsonReader reader, Type objectType, string? existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer) => (string?)reader.Value;
    }

    [Theory]
    [InlineData("Gewone tekst.")]
    [InlineData("**Kop**\n\nTekst met \"aanhalingstekens\", \\ een backslash, é, ü en 😀. [1]")]
    [InlineData("Tab\tretour\rnul\0bel\u0007 en \u2028 \u2029 \u0085 </script> & 'enkel'")]
    [InlineData("")]
    public void A_usual_reply_is_written_exactly_as_the_serialiser_writes_it(string text)
    {
        var writer = ActivityHttp.NewReplyWriter();
        var replies = new ExpectedReplies([Answer(text), Question(text), Plain(text)]);

        for (var turn = 0; turn < 3; turn++)
        {
            var written = new System.Text.StringBuilder();
            Assert.True(writer.TryWrite(replies, written));
            Assert.Equal(ActivityHttp.Serialised(replies), written.ToString());
        }
    }

    [Fact]
    public void Addresses_and_short_fields_with_characters_to_escape_are_written_as_the_serialiser_writes_them()
    {
        var reply = Answer("Antwoord.");
        reply.ServiceUrl = "https://voorbeeld.nl/pad?a=\"b\"&c=é";
        reply.ChannelId = "kanaal\\1";
        reply.Locale = "nl-BE\u2028";
        reply.ReplyToId = "id\n1";
        reply.Type = "mes\tsage";
        reply.TextFormat = "mark\"down";
        reply.From = new ChannelAccount("bot \"1\"", "Bot é", role: "bot") { AadObjectId = "aad" };
        reply.Recipient = new ChannelAccount("u", null!);
        reply.Conversation = new ConversationAccount(isGroup: true, conversationType: "personal", id: "c", name: "n", aadObjectId: "o", role: "r", tenantId: "t");
        var replies = new ExpectedReplies([reply, Question("Vraag?")]);

        Assert.Equal(ActivityHttp.Serialised(replies), Written(ActivityHttp.NewReplyWriter(), replies));
    }

    [Fact]
    public void Replies_with_fewer_or_no_fields_are_written_as_the_serialiser_writes_them()
    {
        var onlyType = new Activity { Type = ActivityTypes.Message };
        var onlyButtons = new Activity { SuggestedActions = new SuggestedActions(to: ["u1", "u2"], actions: [new CardAction(ActionTypes.ImBack, "Ja", image: "https://x/i.png", text: "t", displayText: "d", value: "ja") { ImageAltText = "alt" }]) };
        var emptyButtons = new Activity { Type = ActivityTypes.Message, SuggestedActions = new SuggestedActions(), Entities = [], Attachments = [] };
        var nothing = new Activity();
        var replies = new ExpectedReplies([onlyType, onlyButtons, emptyButtons, nothing]);

        Assert.Equal(ActivityHttp.Serialised(replies), Written(ActivityHttp.NewReplyWriter(), replies));
        Assert.Equal(ActivityHttp.Serialised(new ExpectedReplies([])), Written(ActivityHttp.NewReplyWriter(), new ExpectedReplies([])));
    }

    [Fact]
    public void A_reply_of_another_shape_is_left_to_the_serialiser_and_the_endpoint_writes_the_same_text()
    {
        var writer = ActivityHttp.NewReplyWriter();
        var others = new List<Activity>();
        others.Add(Answer("a"));
        others[^1].Id = "1";
        others.Add(Answer("b"));
        others[^1].Timestamp = DateTimeOffset.UnixEpoch;
        others.Add(Answer("c"));
        others[^1].Attachments = [new Attachment("text/plain", name: "n")];
        others.Add(Answer("d"));
        others[^1].Entities = [new Entity("https://schema.org/Message")];
        others.Add(Answer("e"));
        others[^1].ChannelData = new JObject { ["feedbackLoopEnabled"] = true };
        others.Add(Answer("f"));
        others[^1].Properties["custom"] = 1;
        others.Add(Answer("g"));
        others[^1].SuggestedActions!.Actions[0].Value = new JObject { ["x"] = 1 };
        others.Add(Answer("h"));
        others[^1].Speak = "spreek";
        others.Add(Answer("i"));
        others[^1].From.Properties["extra"] = new JArray(1, "twee");
        others.Add(Answer("j"));
        others[^1].Conversation.Properties["extra"] = 1;
        others.Add(Answer("k"));
        others[^1].SuggestedActions!.Actions.Add(null!);

        foreach (var other in others)
        {
            var replies = new ExpectedReplies([Question("Vraag?"), other]);
            Assert.False(writer.TryWrite(replies, new System.Text.StringBuilder()));
            Assert.Equal(ActivityHttp.Serialised(replies), ActivityHttp.Written(replies));
        }

        Assert.False(writer.TryWrite(new ExpectedReplies([Answer("a"), null!]), new System.Text.StringBuilder()));
    }

    [Fact]
    public void A_kept_content_is_not_written_for_a_reply_whose_content_changed()
    {
        var writer = ActivityHttp.NewReplyWriter();
        var question = Question("Hoe eet u meestal?");
        Assert.Equal(ActivityHttp.Serialised(new ExpectedReplies([question])), Written(writer, new ExpectedReplies([question])));

        // The same text with other buttons, another hint, other entities: each written as it is now.
        var changes = new List<Action<Activity>>
        {
            a => a.SuggestedActions!.Actions[0].Title = "Veganistisch (geen dierlijke producten)",
            a => a.SuggestedActions!.Actions.RemoveAt(1),
            a => a.SuggestedActions!.Actions.Add(new CardAction(ActionTypes.ImBack, "Anders", value: "Anders")),
            a => a.SuggestedActions!.To = ["u1"],
            a => a.SuggestedActions = null,
            a => a.InputHint = InputHints.IgnoringInput,
            a => a.Entities = [Citation],
            a => a.Entities = null,
            a => a.Attachments = null,
        };
        foreach (var change in changes)
        {
            var changed = Question("Hoe eet u meestal?");
            change(changed);
            var replies = new ExpectedReplies([changed]);
            Assert.Equal(ActivityHttp.Serialised(replies), Written(writer, replies));
        }

        // The very object written before, changed after it was written.
        question.SuggestedActions!.Actions[2].Value = "Alles";
        Assert.Equal(ActivityHttp.Serialised(new ExpectedReplies([question])), Written(writer, new ExpectedReplies([question])));
    }

    [Fact]
    public void Only_answers_from_the_knowledge_and_questions_are_kept_between_turns()
    {
        var writer = ActivityHttp.NewReplyWriter();

        Written(writer, new ExpectedReplies([Plain("Over mijn buurvrouw staat niets in ons artikel."), Plain("Dan gaan we verder met de vragen.")]));
        var topics = Plain("Over mijn buurvrouw staat niets in ons artikel.");
        topics.SuggestedActions = new SuggestedActions(actions: [new CardAction(ActionTypes.ImBack, "Oorzaken", value: "Oorzaken")]);
        Written(writer, new ExpectedReplies([topics]));
        Assert.Equal(0, writer.KeptCount);

        Written(writer, new ExpectedReplies([Answer("Een antwoord uit het artikel."), Question("Hoe oud bent u?")]));
        Assert.Equal(2, writer.KeptCount);
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("directline")]
    public async Task Every_reply_of_a_conversation_with_the_bot_is_the_serialisers_text(string channel)
    {
        using var bot = new BotServices();
        var chat = new Conversation(bot, channel);
        var turns = new List<IReadOnlyList<IMessageActivity>> { await chat.JoinAsync() };
        foreach (var text in Questions)
        {
            turns.Add(await chat.SendAsync(text));
        }

        for (var step = 0; step < 12 && Cited.ButtonTitles(chat.Last[^1]) is { Count: > 0 } buttons; step++)
        {
            turns.Add(await chat.SendAsync(buttons[0]));
        }

        var writer = ActivityHttp.NewReplyWriter();
        var fromParts = 0;
        foreach (var turn in turns)
        {
            // The test adapter gives each reply an id and a time; replies held for an expectReplies answer have neither.
            var replies = new ExpectedReplies([.. turn.Cast<Activity>().Select(a => { a.Id = null; a.Timestamp = null; a.LocalTimestamp = null; return a; })]);
            var written = new System.Text.StringBuilder();
            var expected = ActivityHttp.Serialised(replies);
            if (writer.TryWrite(replies, written))
            {
                fromParts++;
                Assert.Equal(expected, written.ToString());
            }

            Assert.Equal(expected, ActivityHttp.Written(replies));
        }

        Assert.True(fromParts >= turns.Count / 2, $"{fromParts} of {turns.Count} turns written from parts");
        Assert.True(writer.KeptCount > 0);
    }

    [Fact]
    public async Task Over_http_every_answer_is_the_serialisers_text_of_what_it_says()
    {
        using var factory = new BotAppFactory();
        using var client = factory.CreateClient();
        var conversation = "reply-json-" + Guid.NewGuid().ToString("N");
        var questions = Questions.Concat(["Wat is pernicieuze anemie?", "Weet ik niet", "Wat is pernicieuze anemie?", "Weet ik niet", "Weet ik niet"]);
        var bodies = 0;
        foreach (var text in questions)
        {
            var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), BotHttp.Json(BotHttp.Message(text, conversation).ToString()));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, body);

            // Read back as the framework reads it and written again by the serialiser alone: the very same text.
            var read = Newtonsoft.Json.JsonConvert.DeserializeObject<ExpectedReplies>(body, Microsoft.Bot.Builder.Integration.AspNet.Core.HttpHelper.BotMessageSerializerSettings)!;
            Assert.NotEmpty(read.Activities);
            Assert.Equal(ActivityHttp.Serialised(read), body);
            bodies++;
        }

        Assert.Equal(11, bodies);
    }

    private static readonly string[] Questions =
    [
        "Welke producten zijn rijk aan B12?", "Helpt b12 tegen migraine?", "Which foods contain B12?", "xyzzy",
        "Waarom is mijn B12 laag? Ik ben 70 en slik omeprazol.", "Wat is pernicieuze anemie?",
    ];

    private static string Written(ReplyJson writer, ExpectedReplies replies)
    {
        var written = new System.Text.StringBuilder();
        Assert.True(writer.TryWrite(replies, written));
        return written.ToString();
    }

    private static Activity Addressed(Activity activity)
    {
        activity.ServiceUrl = "http://127.0.0.1:9/";
        activity.ChannelId = "webchat";
        activity.From = new ChannelAccount("b12bot", "B12Bot");
        activity.Conversation = new ConversationAccount(id: "c-1");
        activity.Recipient = new ChannelAccount("user-1", "Bezoeker", "user");
        activity.Locale = "nl-NL";
        activity.ReplyToId = "q-1";
        return activity;
    }

    private static Activity Answer(string text) => Addressed(new Activity
    {
        Type = ActivityTypes.Message,
        TextFormat = TextFormatTypes.Markdown,
        Text = text,
        InputHint = InputHints.AcceptingInput,
        SuggestedActions = new SuggestedActions(actions: [new CardAction(ActionTypes.ImBack, "Verder?", value: "Verder?")]),
        Attachments = [],
        Entities = [Citation],
    });

    private static Activity Question(string text) => Addressed(new Activity
    {
        Type = ActivityTypes.Message,
        Text = text,
        InputHint = InputHints.ExpectingInput,
        SuggestedActions = new SuggestedActions(actions:
        [
            new CardAction(ActionTypes.ImBack, "Veganistisch", value: "Veganistisch"),
            new CardAction(ActionTypes.ImBack, "Vegetarisch", value: "Vegetarisch"),
            new CardAction(ActionTypes.ImBack, "Ik eet alles", value: "Ik eet alles"),
        ]),
        Attachments = [],
        Entities = [],
    });

    private static Activity Plain(string text) => Addressed(new Activity
    {
        Type = ActivityTypes.Message,
        TextFormat = TextFormatTypes.Markdown,
        Text = text,
        Attachments = [],
        Entities = [],
    });
}
