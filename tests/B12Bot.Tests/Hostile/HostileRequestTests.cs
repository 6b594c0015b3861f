using System.Net;
using System.Text.RegularExpressions;
using B12Bot.Cards;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Hostile;

/// <summary>
/// Every request of the hostile corpus gets a 4xx or a polite Dutch answer: never a 5xx, never an error in the
/// log, never the person's text in the log, never a script echoed back; and the bot answers a normal question
/// right after it.
/// </summary>
public sealed partial class HostileRequestTests(HostileAppFactory factory) : IClassFixture<HostileAppFactory>
{
    private const string NormalQuestion = "Welke voedingsmiddelen zijn rijk aan vitamine B12?";
    private const string NormalAnswer = "faq-09";

    /// <summary>Shorter texts ("hallo", "b12") may appear in a log by coincidence; longer ones only if logged.</summary>
    private const int DistinctiveTextLength = 12;

    public static TheoryData<string> Cases => HostileCorpus.Names();

    [Fact]
    public void The_corpus_holds_at_least_a_hundred_requests_with_distinct_names()
    {
        Assert.True(HostileCorpus.Cases.Count >= 100, $"only {HostileCorpus.Cases.Count} cases");
        Assert.Equal(HostileCorpus.Cases.Count, HostileCorpus.Cases.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_request_gets_a_4xx_or_a_polite_answer_and_the_bot_answers_normally_afterwards(string name)
    {
        var item = HostileCorpus.Get(name);
        using var client = factory.CreateClient();
        factory.Logs.Clear();

        using var request = item.ToRequest();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;

        var errors = string.Join(Environment.NewLine, factory.Logs.Errors.Select(e => Truncate(e.FullText)));
        Assert.True(status < 500, $"HTTP {status}: {Truncate(body)}{Environment.NewLine}{errors}");
        Assert.True(Fits(item.Expect, status, body, out var why), $"expected {item.Expect}, got HTTP {status}: {why}{Environment.NewLine}{errors}");
        Assert.DoesNotMatch(ScriptEcho(), body);
        Assert.True(factory.Logs.Errors.Count == 0, "error logged: " + errors);
        if (item.Text is { } text && text.Trim().Length >= DistinctiveTextLength)
        {
            var leaked = factory.Logs.Entries.Where(e => e.FullText.Contains(text.Trim(), StringComparison.Ordinal)).ToList();
            Assert.True(leaked.Count == 0, "the person's text was logged: " + string.Join(Environment.NewLine, leaked.Select(l => l.Category)));
        }

        var (after, activities) = await BotHttp.PostAsync(client, BotHttp.Message(NormalQuestion, "after-" + Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(NormalAnswer, Cited.Top(activities));
    }

    private static bool Fits(string expect, int status, string body, out string why)
    {
        why = Truncate(body);
        var clientError = status is >= 400 and < 500;
        return expect switch
        {
            "4xx" => clientError,
            "reply" => status == 200 && PoliteReplies(body, requireOne: true, out why),
            "ok" => status is >= 200 and < 300 && PoliteReplies(body, requireOne: false, out why),
            "reply-or-4xx" => clientError || (status == 200 && PoliteReplies(body, requireOne: true, out why)),
            "ok-or-4xx" => clientError || (status is >= 200 and < 300 && PoliteReplies(body, requireOne: false, out why)),
            "invoke" => status is >= 200 and < 300 && PoliteReplies(body, requireOne: false, out why),
            _ => status == int.Parse(expect, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Every message reply has text, is no apology for a crash, and is Dutch addressed with "u" or quotes the article.</summary>
    private static bool PoliteReplies(string body, bool requireOne, out string why)
    {
        why = Truncate(body);
        if (body.Length == 0)
        {
            return !requireOne;
        }

        var activities = JObject.Parse(body)["activities"] as JArray ?? [];
        var messages = activities.Where(a => (string?)a["type"] == "message").ToList();
        if (requireOne && messages.Count == 0)
        {
            why = "no reply: " + why;
            return false;
        }

        foreach (var message in messages)
        {
            var text = (string?)message["text"] ?? string.Empty;
            if (text.Length == 0 || text.Contains(Replies.TurnFailed, StringComparison.Ordinal))
            {
                why = "empty reply or the crash apology: " + Truncate(text);
                return false;
            }

            if (Cited.Ids(new JArray(message)).Count == 0 && !PoliteDutch().IsMatch(text))
            {
                why = "not a polite Dutch reply: " + Truncate(text);
                return false;
            }
        }

        return true;
    }

    private static string Truncate(string text) => text.Length <= 700 ? text : text[..700] + "…";

    [GeneratedRegex(@"\b(u|uw)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PoliteDutch();

    [GeneratedRegex(@"<\s*script|javascript:|onerror\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptEcho();
}
