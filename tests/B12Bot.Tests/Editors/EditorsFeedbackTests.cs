using System.Net;
using System.Net.Http.Headers;
using System.Text;
using B12Bot.Editors;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Editors;

/// <summary>
/// Feedback and unanswered questions over HTTP, as Teams and Web Chat send them, read back from the editors' report:
/// stored with the entry, outcome and channel, never with a person's ids, and scrubbed of personal data.
/// </summary>
public sealed class EditorsFeedbackTests(EditorsAppFactory factory) : IClassFixture<EditorsAppFactory>
{
    private const string Question = "Welke producten zijn rijk aan B12?";

    private static JObject Teams(JObject activity)
    {
        activity["channelId"] = "msteams";
        activity["conversation"]!["conversationType"] = "personal";
        activity["serviceUrl"] = "http://127.0.0.1:9/teams/";
        return activity;
    }

    private static JObject TeamsFeedback(string conversationId, string? replyToId, string reaction, string? feedbackText) => Teams(new JObject
    {
        ["type"] = "invoke",
        ["name"] = "message/submitAction",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["replyToId"] = replyToId,
        ["from"] = new JObject { ["id"] = "29:1-user-aad", ["aadObjectId"] = "00000000-0000-0000-0000-00000000aaaa" },
        ["recipient"] = new JObject { ["id"] = "28:b12bot" },
        ["conversation"] = new JObject { ["id"] = conversationId },
        ["value"] = new JObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JObject
            {
                ["reaction"] = reaction,
                ["feedback"] = feedbackText is null ? "{}" : new JObject { ["feedbackText"] = feedbackText }.ToString(Newtonsoft.Json.Formatting.None),
            },
        },
    });

    private static async Task<JObject> ReportAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/editors/report.json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EditorsAppFactory.Key);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private static JObject? FeedbackOf(JObject report, string entryId) =>
        report["feedback"]!.Cast<JObject>().FirstOrDefault(f => (string?)f["entryId"] == entryId);

    [Fact]
    public async Task An_answer_in_Teams_carries_the_feedback_loop_and_its_rating_is_stored_with_the_reason_scrubbed()
    {
        using var client = factory.CreateClient();
        var conversation = "a:1personal-" + Guid.NewGuid().ToString("N");
        var before = FeedbackOf(await ReportAsync(client), "faq-09");

        var (_, replies) = await BotHttp.PostAsync(client, Teams(BotHttp.Message(Question, conversation, userId: "29:1-user-aad")));
        var answer = replies[0];
        Assert.Equal("default", (string?)answer["channelData"]?["feedbackLoop"]?["type"]);
        Assert.Null(answer["channelData"]?["feedbackLoopEnabled"]);
        var messageId = (string?)answer["id"];
        Assert.False(string.IsNullOrEmpty(messageId));

        var (response, body) = await PostRawAsync(client, TeamsFeedback(conversation, messageId, "dislike", "Klopt niet, mail me op piet@example.nl"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, body);

        var entry = FeedbackOf(await ReportAsync(client), "faq-09");
        Assert.NotNull(entry);
        Assert.Equal(((int?)before?["dislikes"] ?? 0) + 1, (int)entry["dislikes"]!);
        var reasons = entry["reasons"]!.Select(r => (string)r!).ToList();
        Assert.Contains($"Klopt niet, mail me op {PersonalDataScrubber.Email}", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("piet@example.nl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_like_in_Teams_is_stored_and_the_invoke_is_answered_with_an_empty_200()
    {
        using var client = factory.CreateClient();
        var conversation = "a:1personal-" + Guid.NewGuid().ToString("N");
        var (_, replies) = await BotHttp.PostAsync(client, Teams(BotHttp.Message("Wat is pernicieuze anemie?", conversation, userId: "29:1-user-aad")));
        var before = (int?)FeedbackOf(await ReportAsync(client), "pernicieuze-anemie")?["likes"] ?? 0;

        var (response, body) = await PostRawAsync(client, TeamsFeedback(conversation, (string?)replies[0]["id"], "like", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, body);
        Assert.Equal(before + 1, (int)FeedbackOf(await ReportAsync(client), "pernicieuze-anemie")!["likes"]!);
    }

    [Fact]
    public async Task A_Teams_rating_that_names_no_message_counts_for_the_conversations_last_answer()
    {
        using var client = factory.CreateClient();
        var conversation = "a:1personal-" + Guid.NewGuid().ToString("N");
        await BotHttp.PostAsync(client, Teams(BotHttp.Message("Wat is pernicieuze anemie?", conversation, userId: "29:1-user-aad")));
        await BotHttp.PostAsync(client, Teams(BotHttp.Message("Kun je te veel B12 innemen?", conversation, userId: "29:1-user-aad")));
        var before = (int?)FeedbackOf(await ReportAsync(client), "faq-10")?["dislikes"] ?? 0;

        // The Agents Playground sends no replyToId and the comment as plain text.
        var rating = TeamsFeedback(conversation, null, "dislike", null);
        rating["value"]!["actionValue"]!["feedback"] = "Te kort antwoord";
        var (response, body) = await PostRawAsync(client, rating);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, body);
        var entry = FeedbackOf(await ReportAsync(client), "faq-10")!;
        Assert.Equal(before + 1, (int)entry["dislikes"]!);
        Assert.Contains("Te kort antwoord", entry["reasons"]!.Select(r => (string)r!));
    }

    [Fact]
    public async Task Web_Chat_answers_offer_like_and_dislike_and_the_event_its_buttons_send_is_stored()
    {
        using var client = factory.CreateClient();
        var conversation = "webchat-" + Guid.NewGuid().ToString("N");
        var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message("Kan een operatie B12-tekort veroorzaken?", conversation));
        var message = replies[0]["entities"]!.Single(e => (string?)e["@type"] == "Message");
        Assert.Null(replies[0]["channelData"]?["feedbackLoop"]);
        var actions = (JArray)message["potentialAction"]!;
        Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(a => (string?)a["@type"]));
        var entryId = (string)actions[1]["object"]!["identifier"]!;
        Assert.Equal(Cited.Top(replies[0].ToObject<Microsoft.Bot.Schema.Activity>()!), entryId);
        var before = (int?)FeedbackOf(await ReportAsync(client), entryId)?["dislikes"] ?? 0;

        // What Web Chat posts when 👎 is pressed, then the optional "Wat klopte er niet?".
        var vote = BotHttp.Message(null, conversation);
        vote["type"] = "event";
        vote["name"] = FeedbackActivities.WebChatEventName;
        vote["entities"] = new JArray { actions[1] };
        var (voted, _) = await BotHttp.PostAsync(client, vote);
        var reason = BotHttp.Message(null, conversation);
        reason["type"] = "event";
        reason["name"] = FeedbackActivities.FeedbackEventName;
        reason["value"] = new JObject { ["entryId"] = entryId, ["reason"] = "Mijn man Henk had geen operatie" };
        var (reasoned, _) = await BotHttp.PostAsync(client, reason);

        Assert.Equal(HttpStatusCode.OK, voted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reasoned.StatusCode);
        var entry = FeedbackOf(await ReportAsync(client), entryId)!;
        Assert.Equal(before + 1, (int)entry["dislikes"]!);
        Assert.Contains($"Mijn man {PersonalDataScrubber.Name} had geen operatie", entry["reasons"]!.Select(r => (string)r!));
    }

    public static TheoryData<string> OddRatings => new()
    {
        """{"type":"event","name":"webchat:activity-status/feedback","entities":[{"@type":{"x":1},"object":{"identifier":"faq-01"}}]}""",
        """{"type":"event","name":"webchat:activity-status/feedback","entities":[{"@type":"DislikeAction","object":{"identifier":["faq-01"]}}]}""",
        """{"type":"event","name":"webchat:activity-status/feedback","entities":[{"@type":"DislikeAction","object":"faq-01"}]}""",
        """{"type":"event","name":"b12:feedback","value":{"entryId":{"id":"faq-01"},"reaction":"dislike"}}""",
        """{"type":"event","name":"b12:feedback","value":["faq-01"]}""",
        """{"type":"event","name":"b12:feedback","value":"faq-01"}""",
        """{"type":"invoke","name":"message/submitAction","value":{"actionName":{"a":1},"actionValue":{"reaction":"dislike"}}}""",
        """{"type":"invoke","name":"message/submitAction","value":{"actionName":"feedback","actionValue":"dislike"}}""",
        """{"type":"invoke","name":"message/submitAction","value":{"actionName":"feedback","actionValue":{"reaction":["dislike"],"feedback":7}}}""",
    };

    [Theory]
    [MemberData(nameof(OddRatings))]
    public async Task Ratings_of_odd_shapes_get_a_2xx_and_store_nothing(string json)
    {
        using var client = factory.CreateClient();
        var conversation = "odd-" + Guid.NewGuid().ToString("N");
        var activity = JObject.Parse(json);
        foreach (var (name, value) in BotHttp.Message(null, conversation))
        {
            if (name is not ("type" or "name" or "value" or "entities" or "text") && (name != "deliveryMode" || (string?)activity["type"] == "event"))
            {
                activity[name] = value;
            }
        }

        var before = (await ReportAsync(client))["weeks"]!.Sum(w => (int)w["disliked"]! + (int)w["answered"]!);
        var (response, body) = await PostRawAsync(client, activity);

        Assert.True((int)response.StatusCode is >= 200 and < 300, response.StatusCode.ToString());
        Assert.DoesNotContain(B12Bot.Cards.Replies.TurnFailed, body, StringComparison.Ordinal);
        Assert.Equal(before, (await ReportAsync(client))["weeks"]!.Sum(w => (int)w["disliked"]! + (int)w["answered"]!));
    }

    [Fact]
    public async Task A_rating_for_an_entry_that_does_not_exist_is_ignored()
    {
        using var client = factory.CreateClient();
        var vote = BotHttp.Message(null, "webchat-" + Guid.NewGuid().ToString("N"));
        vote["type"] = "event";
        vote["name"] = FeedbackActivities.FeedbackEventName;
        vote["value"] = new JObject { ["entryId"] = "faq-99", ["reaction"] = "dislike" };

        var (response, replies) = await BotHttp.PostAsync(client, vote);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(replies);
        Assert.Null(FeedbackOf(await ReportAsync(client), "faq-99"));
    }

    [Fact]
    public async Task Unanswered_questions_show_up_scrubbed_and_grouped_with_their_count()
    {
        using var client = factory.CreateClient();
        var marker = "x" + Guid.NewGuid().ToString("N")[..8];
        string[] questions =
        [
            $"Waar kan ik bij {marker} parkeren? Bel me op 0612345678",
            $"waar kan ik {marker} parkeren",
            $"Kan ik bij {marker} parkeren? mijn zoon Bram wacht, 3511 AB",
        ];
        foreach (var question in questions)
        {
            var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message(question, "webchat-" + Guid.NewGuid().ToString("N")));
            Assert.Empty(Cited.Ids(replies));
        }

        var report = await ReportAsync(client);
        var group = report["unanswered"]!.Cast<JObject>().Single(g => ((string)g["example"]!).Contains(marker, StringComparison.Ordinal));
        Assert.Equal(3, (int)group["count"]!);
        var texts = group["others"]!.Select(o => (string)o!).Append((string)group["example"]!).ToList();
        Assert.All(texts, t =>
        {
            Assert.DoesNotContain("0612345678", t, StringComparison.Ordinal);
            Assert.DoesNotContain("Bram", t, StringComparison.Ordinal);
            Assert.DoesNotContain("3511 AB", t, StringComparison.Ordinal);
        });
        Assert.Contains(texts, t => t.Contains(PersonalDataScrubber.Phone, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(PersonalDataScrubber.Name, StringComparison.Ordinal) && t.Contains(PersonalDataScrubber.Postcode, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forget_me_removes_the_conversations_questions_and_ratings()
    {
        using var client = factory.CreateClient();
        var conversation = "webchat-" + Guid.NewGuid().ToString("N");
        var marker = "fietsenstalling" + Guid.NewGuid().ToString("N")[..6];
        await BotHttp.PostAsync(client, BotHttp.Message($"Waar is de {marker}?", conversation));
        Assert.Contains(Texts(await ReportAsync(client)), t => t.Contains(marker, StringComparison.Ordinal));

        var (_, replies) = await BotHttp.PostAsync(client, BotHttp.Message("vergeet mij", conversation));

        Assert.Contains(BotHttp.Texts(replies), t => t.Contains("verwijderd", StringComparison.Ordinal));
        Assert.DoesNotContain(Texts(await ReportAsync(client)), t => t.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_welcome_says_that_questions_are_kept_and_for_how_long_when_collection_is_on()
    {
        using var client = factory.CreateClient();
        var update = BotHttp.Message(null, "webchat-" + Guid.NewGuid().ToString("N"));
        update["type"] = "conversationUpdate";
        update["membersAdded"] = new JArray { new JObject { ["id"] = "user-1" } };

        var (_, replies) = await BotHttp.PostAsync(client, update);

        var welcome = Assert.Single(BotHttp.Texts(replies));
        Assert.Contains("bewaar ik 30 dagen", welcome, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Texts(JObject report) =>
        report["unanswered"]!.SelectMany(g => g["others"]!.Select(o => (string)o!).Append((string)g["example"]!));

    private static async Task<(HttpResponseMessage Response, string Body)> PostRawAsync(HttpClient client, JObject activity)
    {
        var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToString(), Encoding.UTF8, "application/json"));
        return (response, await response.Content.ReadAsStringAsync());
    }
}
