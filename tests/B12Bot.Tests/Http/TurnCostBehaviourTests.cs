using System.Net;
using B12Bot.Tests.State;
using B12Bot.Tests.Testing;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Http;

/// <summary>
/// What a turn does not do, and what a start does, now that both are made cheaper: a question turn writes no state;
/// the first question after a start is answered from the knowledge; an answer's citation, made once per entry and
/// shared by its replies, keeps each channel's own way of asking for 👍/👎.
/// </summary>
public sealed class TurnCostBehaviourTests : IDisposable
{
    private const string Question = "Welke medicijnen verlagen het vitamine B12?";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("b12bot-turns-");

    private string DatabasePath => Path.Combine(_root.FullName, "state", "b12bot.db");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task Question_turns_write_nothing_to_the_SQLite_state_while_a_walkthrough_is_stored()
    {
        await using var bot = SqliteBot();
        using var client = bot.CreateHttpClient();
        var chat = new Chat("questions");
        var other = new Chat("other");

        foreach (var text in new[] { Question, "Wat is pernicieuze anemie?", Question })
        {
            var reply = await chat.SayAsync(client, text);
            Assert.Contains("Bron:", reply.AllText, StringComparison.Ordinal);
        }

        _ = await other.SayAsync(client, "Wat is malabsorptie?");
        Assert.Equal(0, StoredRows());

        // The check can fail: a turn that starts the walkthrough stores its dialog.
        _ = await chat.SayAsync(client, B12Bot.Cards.Replies.StartWalkthrough);
        Assert.Equal(1, StoredRows());
    }

    [Fact]
    public async Task The_first_question_after_a_start_is_answered_from_the_knowledge_and_health_says_ok()
    {
        await using var bot = SqliteBot();
        using var client = bot.CreateHttpClient();

        var first = await new Chat("first").SayAsync(client, Question);

        Assert.Contains("Bron:", first.AllText, StringComparison.Ordinal);
        Assert.Contains(first.Messages, m => CitedUrls(m).Any(u => u.Contains('#', StringComparison.Ordinal)));
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Web_Chat_answers_carry_the_like_and_dislike_actions_and_Teams_answers_the_feedback_loop_whatever_came_before()
    {
        await using var bot = SqliteBot();
        using var client = bot.CreateHttpClient();

        for (var round = 0; round < 2; round++)
        {
            var (_, web) = await BotHttp.PostAsync(client, BotHttp.Message(Question, $"web-{round}"));
            var (_, teams) = await BotHttp.PostAsync(client, BotHttp.Message(Question, $"teams-{round}", channelId: "msteams"));

            var webAnswer = web.OfType<JObject>().Single(m => CitedUrls(m).Count > 0);
            var actions = (JArray)webAnswer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message")["potentialAction"]!;
            Assert.Equal(["LikeAction", "DislikeAction"], actions.Select(a => (string)a["@type"]!));
            Assert.Null(webAnswer["channelData"]?["feedbackLoop"]);

            var teamsAnswer = teams.OfType<JObject>().Single(m => CitedUrls(m).Count > 0);
            Assert.Null(teamsAnswer["entities"]!.Single(e => (string?)e["type"] == "https://schema.org/Message")["potentialAction"]);
            Assert.Equal("default", (string?)teamsAnswer["channelData"]?["feedbackLoop"]?["type"]);

            // Both quote the same entry, with the same citation.
            Assert.Equal(CitedUrls(webAnswer), CitedUrls(teamsAnswer));
        }
    }

    private LiveBotFactory SqliteBot() => new(
        "Production",
        new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "Sqlite",
            ["Storage:Sqlite:Path"] = DatabasePath,
        });

    private long StoredRows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bot_state";
        return (long)command.ExecuteScalar()!;
    }

    private static List<string> CitedUrls(JToken message) =>
        (message["entities"] as JArray ?? [])
            .Where(e => (string?)e["type"] == "https://schema.org/Message")
            .SelectMany(e => e["citation"] as JArray ?? [])
            .Select(c => (string?)c["appearance"]?["url"] ?? string.Empty)
            .ToList();
}
