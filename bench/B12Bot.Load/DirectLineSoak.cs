using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace B12Bot.Load;

/// <summary>
/// The soak over the self-hosted Direct Line of several instances (<c>--directline http://127.0.0.1:A,http://127.0.0.1:B</c>):
/// each conversation gets its token from one instance and starts on the next, and every post goes to the next
/// instance in turn while its replies are read back from the one after, so no two calls in a row share an instance.
/// </summary>
internal sealed class DirectLineSoak(IReadOnlyList<Uri> instances)
{
    public IReadOnlyList<Uri> Instances => instances;

    public static DirectLineSoak? From(string? list)
    {
        if (list is null)
        {
            return null;
        }

        var instances = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new Uri(u)).ToList();
        if (instances.Count == 0)
        {
            throw new ArgumentException("--directline needs at least one address");
        }

        foreach (var instance in instances)
        {
            Guard.Loopback(instance);
        }

        return new DirectLineSoak(instances);
    }

    /// <summary>A new conversation (token from one instance, started on the next); null when that failed (counted).</summary>
    public async Task<Session?> StartAsync(HttpClient client, int worker, SoakStats stats)
    {
        try
        {
            var first = worker % instances.Count;
            using var tokenResponse = await client.PostAsync(new Uri(instances[first], "/api/webchat/token"), null);
            if (tokenResponse.StatusCode != HttpStatusCode.OK)
            {
                Fail(stats, "token HTTP " + (int)tokenResponse.StatusCode);
                return null;
            }

            var token = (string)JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["token"]!;
            using var start = Request(HttpMethod.Post, instances[(first + 1) % instances.Count], "/v3/directline/conversations", token, "{\"locale\":\"nl-NL\"}");
            using var started = await client.SendAsync(start);
            if (started.StatusCode != HttpStatusCode.Created)
            {
                Fail(stats, "start HTTP " + (int)started.StatusCode);
                return null;
            }

            var body = JsonNode.Parse(await started.Content.ReadAsStringAsync())!;
            var session = new Session(this, (string)body["conversationId"]!, (string)body["token"]!, first + 2);

            // As in Web Chat, the person answers the welcome (its buttons start the walkthrough): wait for it.
            if (!await session.WelcomedAsync(client))
            {
                stats.Count(ref stats.Lost);
                stats.Kind("no welcome");
                return null;
            }

            return session;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
        {
            stats.Count(ref stats.Errors);
            stats.Kind(e.GetType().Name);
            return null;
        }
    }

    private static void Fail(SoakStats stats, string kind)
    {
        stats.Count(ref stats.NonOk);
        stats.Kind(kind);
    }

    private static HttpRequestMessage Request(HttpMethod method, Uri instance, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(instance, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>One conversation: its token, the watermark read so far, and which instance is next.</summary>
    internal sealed class Session(DirectLineSoak soak, string conversationId, string token, int next)
    {
        private string watermark = string.Empty;
        private int turn = next;

        /// <summary>Polls (through the instances in turn, as Web Chat would through a balancer) until the welcome is there.</summary>
        public async Task<bool> WelcomedAsync(HttpClient client)
        {
            var instances = soak.Instances;
            for (var poll = 0; poll < 600; poll++)
            {
                using var get = Request(HttpMethod.Get, instances[(turn + poll) % instances.Count], $"/v3/directline/conversations/{conversationId}/activities", token);
                using var read = await client.SendAsync(get);
                if (read.StatusCode == HttpStatusCode.OK)
                {
                    var set = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
                    if (set["activities"]!.AsArray().Any(a => (string?)a?["from"]?["role"] == "bot"))
                    {
                        watermark = (string?)set["watermark"] ?? watermark;
                        return true;
                    }
                }

                await Task.Delay(100);
            }

            return false;
        }

        /// <summary>
        /// Posts a message through the next instance and reads the bot's replies to it through the one after (the
        /// turn is over when the post is answered). Returns them as a turn's replies; the caller counts failures.
        /// </summary>
        public async Task<(HttpStatusCode Status, TurnReplies? Replies)> SayAsync(HttpClient client, string text)
        {
            var instances = soak.Instances;
            var via = instances[turn++ % instances.Count];
            var message = new JsonObject
            {
                ["type"] = "message",
                ["text"] = text,
                ["locale"] = "nl-NL",
                ["from"] = new JsonObject { ["id"] = "soak", ["name"] = "Soak" },
                ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) },
            };
            using var post = Request(HttpMethod.Post, via, $"/v3/directline/conversations/{conversationId}/activities", token, message.ToJsonString());
            using var posted = await client.SendAsync(post);
            if (posted.StatusCode != HttpStatusCode.OK)
            {
                return (posted.StatusCode, null);
            }

            var postedId = (string)JsonNode.Parse(await posted.Content.ReadAsStringAsync())!["id"]!;
            var reader = instances[turn % instances.Count];
            using var get = Request(HttpMethod.Get, reader, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
            using var read = await client.SendAsync(get);
            if (read.StatusCode != HttpStatusCode.OK)
            {
                return (read.StatusCode, null);
            }

            var set = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
            watermark = (string?)set["watermark"] ?? watermark;
            var replies = new JsonArray();
            foreach (var activity in set["activities"]!.AsArray())
            {
                if ((string?)activity?["from"]?["role"] == "bot" && (string?)activity?["replyToId"] == postedId)
                {
                    replies.Add(activity!.DeepClone());
                }
            }

            return (HttpStatusCode.OK, TurnReplies.Parse(Encoding.UTF8.GetBytes(new JsonObject { ["activities"] = replies }.ToJsonString())));
        }
    }
}
