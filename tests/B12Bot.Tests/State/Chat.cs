using System.Net;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.State;

/// <summary>One person's conversation with the bot over HTTP (expectReplies), on whichever bot process a turn goes to.</summary>
public sealed class Chat(string name)
{
    public string ConversationId { get; } = name + "-" + Guid.NewGuid().ToString("N");

    public string UserId { get; } = "person-" + Guid.NewGuid().ToString("N");

    public string ConversationKey => StoredState.ConversationKey(ConversationId);

    public string UserKey => StoredState.UserKey(UserId);

    /// <summary>Posts a message; returns the status and the replies (empty when the status is not a success).</summary>
    public async Task<(HttpStatusCode Status, Reply Reply)> PostAsync(HttpClient client, string text)
    {
        var (response, activities) = await BotHttp.PostAsync(client, BotHttp.Message(text, ConversationId, userId: UserId));
        using (response)
        {
            return (response.StatusCode, new Reply(activities));
        }
    }

    /// <summary>Posts a message and requires a 200 with at least one reply.</summary>
    public async Task<Reply> SayAsync(HttpClient client, string text)
    {
        var (status, reply) = await PostAsync(client, text);
        Assert.True(status == HttpStatusCode.OK, $"'{text}' in {ConversationId} got {(int)status} {status}.");
        Assert.True(reply.Messages.Count > 0, $"'{text}' in {ConversationId} got no reply.");
        return reply;
    }
}

/// <summary>The replies to one message (an expectReplies body).</summary>
public sealed class Reply(JArray activities)
{
    public JArray Activities { get; } = activities;

    public IReadOnlyList<JObject> Messages { get; } =
        activities.OfType<JObject>().Where(a => (string?)a["type"] == "message").ToList();

    public IReadOnlyList<string> Texts => Messages.Select(m => (string?)m["text"] ?? string.Empty).ToList();

    public string AllText => string.Join("\n", Texts);

    /// <summary>The text of the reply that waits for an answer (a walkthrough question), or null.</summary>
    public string? Prompt => Messages.LastOrDefault(m => (string?)m["inputHint"] == "expectingInput")?["text"]?.ToString();

    /// <summary>The titles of the buttons offered (suggested actions or card buttons).</summary>
    public IReadOnlyList<string> Buttons
    {
        get
        {
            var titles = new List<string>();
            foreach (var message in Messages)
            {
                titles.AddRange((message["suggestedActions"]?["actions"] as JArray ?? []).Select(a => (string?)a["title"] ?? string.Empty));
                foreach (var attachment in message["attachments"] as JArray ?? [])
                {
                    titles.AddRange((attachment["content"]?["buttons"] as JArray ?? []).Select(b => (string?)b["title"] ?? string.Empty));
                }
            }

            return titles;
        }
    }

    /// <summary>The knowledge entries cited, in order.</summary>
    public IReadOnlyList<string> CitedIds => Cited.Ids(Activities);

    /// <summary>What the person sees: every text with the entries each cites, for comparing two runs.</summary>
    public string Transcript => string.Join(
        "\n",
        Messages.Select(m => ((string?)m["text"] ?? string.Empty) + " " + string.Join(",", Cited.Ids(new JArray(m)))
            + " [" + string.Join("|", new Reply(new JArray(m)).Buttons) + "]"));
}
