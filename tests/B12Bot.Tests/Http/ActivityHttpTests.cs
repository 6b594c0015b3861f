using System.Text;
using B12Bot.Adapters;
using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Http;

/// <summary>
/// The messages endpoint reads the checked body once and writes the turn's answer unindented with its length: the
/// same JSON as the framework's <see cref="HttpHelper"/> reads and writes.
/// </summary>
public sealed class ActivityHttpTests(BotAppFactory factory) : IClassFixture<BotAppFactory>
{
    [Fact]
    public async Task A_reply_is_the_same_json_the_framework_writes()
    {
        var replies = new ExpectedReplies([Rich("a"), Rich("b")]);
        var invoke = new InvokeResponse { Status = 200, Body = replies };

        var ours = await WrittenAsync(response => ActivityHttp.WriteResponseAsync(response, invoke, CancellationToken.None));
        var theirs = await WrittenAsync(response => HttpHelper.WriteResponseAsync(response, invoke));

        Assert.Equal(200, ours.Status);
        Assert.True(JToken.DeepEquals(JToken.Parse(theirs.Body), JToken.Parse(ours.Body)), ours.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(ours.Body), ours.Length);
        Assert.DoesNotContain('\n', ours.Body.Replace("\\n", string.Empty, StringComparison.Ordinal));
        Assert.Null(theirs.Length);
    }

    [Fact]
    public async Task Replies_with_rarer_properties_are_the_same_json_the_framework_writes()
    {
        var unusual = Rich("c");
        unusual.Speak = "Spreek";
        unusual.Value = new JObject { ["rating"] = 1 };
        unusual.From.Properties["extra"] = "x";
        unusual.Conversation = new ConversationAccount(isGroup: true, conversationType: "channel", id: "c-2", tenantId: "t") { Properties = new JObject { ["k"] = 1 } };
        unusual.SuggestedActions = new SuggestedActions(to: ["user-1"], actions: [new CardAction(ActionTypes.MessageBack, "Ja", value: new JObject { ["answer"] = "ja" }) { ChannelData = new JObject { ["a"] = 1 }, DisplayText = "ja", Text = "ja", ImageAltText = "alt", Image = "https://x/i.png" }, null!]);
        unusual.Attachments = [new Attachment("text/plain", name: "n"), null!];
        var extended = Rich("d");
        extended.Properties["custom"] = "waarde";
        var bare = new Activity { Type = ActivityTypes.Typing, Value = 5, ChannelData = "tekst", Conversation = new ConversationAccount(isGroup: false, id: "c-3") };

        foreach (var activity in new[] { unusual, extended, bare })
        {
            await AssertSameAsFrameworkAsync([activity]);
        }
    }

    [Theory]
    [InlineData("webchat")]
    [InlineData("msteams")]
    public async Task Every_reply_of_a_conversation_with_the_bot_is_the_same_json_the_framework_writes(string channel)
    {
        using var bot = new BotServices();
        var chat = new Conversation(bot, channel);
        var turns = new List<IReadOnlyList<IMessageActivity>> { await chat.JoinAsync() };
        foreach (var text in new[] { "Welke producten zijn rijk aan B12?", "hoe zit het met b12 en zo", "Which foods contain B12?", "xyzzy", "Ik heb pijn op de borst en ben duizelig", "Waarom is mijn B12 laag? Ik ben 70 en slik omeprazol." })
        {
            turns.Add(await chat.SendAsync(text));
        }

        for (var step = 0; step < 12 && Cited.ButtonTitles(chat.Last[^1]) is { Count: > 0 } buttons; step++)
        {
            turns.Add(await chat.SendAsync(buttons[0]));
        }

        turns.Add(await chat.SendAsync("help"));
        turns.Add(await chat.SendAsync("vergeet mij"));

        Assert.True(turns.Sum(t => t.Count) >= 20);
        foreach (var replies in turns)
        {
            await AssertSameAsFrameworkAsync(replies.Cast<Activity>().ToList());
        }
    }

    [Fact]
    public async Task No_invoke_response_is_200_without_a_body_and_a_body_less_one_keeps_its_status()
    {
        var none = await WrittenAsync(response => ActivityHttp.WriteResponseAsync(response, null, CancellationToken.None));
        var bodyless = await WrittenAsync(response => ActivityHttp.WriteResponseAsync(response, new InvokeResponse { Status = 501 }, CancellationToken.None));

        Assert.Equal((200, string.Empty), (none.Status, none.Body));
        Assert.Equal((501, string.Empty), (bodyless.Status, bodyless.Body));
    }

    [Fact]
    public async Task An_activity_is_read_as_the_framework_reads_it()
    {
        var json = BotHttp.Message("Welke producten zijn rijk aan B12?", "read-1").ToString();
        var bytes = Encoding.UTF8.GetBytes(json);
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(bytes);

        var theirs = await HttpHelper.ReadRequestAsync<Activity>(context.Request);
        var ours = ActivityHttp.ReadActivity(bytes);

        Assert.NotNull(ours);
        Assert.True(JToken.DeepEquals(JObject.FromObject(theirs), JObject.FromObject(ours)));
        Assert.Equal("Welke producten zijn rijk aan B12?", ours.Text);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("{\"from\": 7}")]
    public void A_body_that_is_no_activity_reads_as_null(string json)
    {
        Assert.Null(ActivityHttp.ReadActivity(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public async Task Over_http_the_answer_has_its_length_and_is_unindented()
    {
        using var client = factory.CreateClient();
        var (response, activities) = await BotHttp.PostAsync(client, BotHttp.Message("Welke producten zijn rijk aan B12?", "length-1"));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'{', bytes[0]);
        Assert.NotEqual((byte)'\n', bytes[1]);
        Assert.Equal("faq-09", Cited.Top(activities));
    }

    [Fact]
    public async Task Over_kestrel_answers_of_every_length_arrive_whole_with_their_length()
    {
        // Long answers after short ones on the same threads: the per-thread buffer grows, and is one block afterwards.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/reply/{length:int}", (HttpContext http, int length) =>
            ActivityHttp.WriteResponseAsync(http.Response, new InvokeResponse { Status = 200, Body = new ExpectedReplies([new Activity(ActivityTypes.Message) { Text = Long(length) }]) }, http.RequestAborted));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        foreach (var length in new[] { 10, 5_000, 70_000, 3_000, 60_000, 200_000, 100, 60_000 })
        {
            var response = await client.GetAsync(new Uri($"/reply/{length}", UriKind.Relative));
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Equal(Long(length), (string?)JObject.Parse(Encoding.UTF8.GetString(bytes))["activities"]![0]!["text"]);
        }

        await app.StopAsync();
    }

    /// <summary>A text of about <paramref name="length"/> characters ending in characters of two, three and four UTF-8 bytes.</summary>
    private static string Long(int length) => string.Create(length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + (i % 26));
        }
    }) + "é€😀";

    private static async Task AssertSameAsFrameworkAsync(IList<Activity> activities)
    {
        var invoke = new InvokeResponse { Status = 200, Body = new ExpectedReplies(activities) };
        var ours = await WrittenAsync(response => ActivityHttp.WriteResponseAsync(response, invoke, CancellationToken.None));
        var theirs = await WrittenAsync(response => HttpHelper.WriteResponseAsync(response, invoke));
        Assert.True(JToken.DeepEquals(JToken.Parse(theirs.Body), JToken.Parse(ours.Body)), ours.Body + "\n---\n" + theirs.Body);
    }

    private static Activity Rich(string id) => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        Timestamp = new DateTimeOffset(2026, 12, 5, 8, 30, 15, 120, TimeSpan.Zero),
        LocalTimestamp = new DateTimeOffset(2026, 12, 5, 9, 30, 15, TimeSpan.FromHours(1)),
        ChannelId = "webchat",
        ServiceUrl = "http://127.0.0.1:9/",
        From = new ChannelAccount("b12bot", "B12Bot"),
        Recipient = new ChannelAccount("user-1", "Bezoeker", "user"),
        Conversation = new ConversationAccount(id: "c-1"),
        Text = "**Kop**\n\nTekst met \"aanhalingstekens\", é, ü en een emoji 😀. [1]",
        TextFormat = TextFormatTypes.Markdown,
        Locale = "nl-NL",
        InputHint = InputHints.AcceptingInput,
        SuggestedActions = new SuggestedActions(actions: [new CardAction(ActionTypes.ImBack, "Vraag?", value: "Vraag?")]),
        Attachments = [new Attachment("application/vnd.microsoft.card.hero", content: new JObject { ["title"] = "Kaart", ["n"] = 3 })],
        Entities = [PreparedEntity.From(new Entity("https://schema.org/Message") { Properties = new JObject { ["@type"] = "Message", ["citation"] = new JArray(1, 2) } })],
        ChannelData = new JObject { ["feedbackLoopEnabled"] = true },
        ReplyToId = "q-1",
    };

    private static async Task<(int Status, string Body, long? Length)> WrittenAsync(Func<HttpResponse, Task> write)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;
        await write(context.Response);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()), context.Response.ContentLength);
    }
}
