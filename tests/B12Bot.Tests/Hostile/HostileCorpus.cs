using System.Net.Http.Headers;
using System.Text;
using B12Bot.Tests.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Hostile;

/// <summary>
/// The hostile requests of <c>corpus.jsonl</c>, one JSON object a line:
/// <list type="bullet">
/// <item><c>name</c>: what the request is; <c>expect</c>: <c>400</c>/<c>405</c>/<c>413</c>/<c>415</c> (that status),
/// <c>4xx</c>, <c>reply</c> (200 with a polite Dutch reply), <c>ok</c> (2xx, replies optional), <c>invoke</c>
/// (an invoke response), or <c>reply-or-4xx</c> / <c>ok-or-4xx</c>.</item>
/// <item>The body: <c>raw</c> (a string, or parts: strings and <c>{"$repeat": s, "count": n}</c>), <c>rawBase64</c>
/// (bytes), or else a normal question with <c>remove</c> (dotted paths) and <c>set</c> (dotted path → value) applied.
/// Values may be <c>{"$repeat": s, "count": n}</c>, <c>{"$nest": depth}</c>, <c>{"$keys": n}</c> or
/// <c>{"$array": n, "item": value}</c>.</item>
/// <item><c>contentType</c> (absent: application/json; null: none), <c>method</c> (POST), <c>headers</c>.</item>
/// </list>
/// </summary>
public sealed class HostileCorpus
{
    private static readonly Lazy<IReadOnlyList<HostileCase>> All = new(Load);

    public static IReadOnlyList<HostileCase> Cases => All.Value;

    public static HostileCase Get(string name) => Cases.Single(c => c.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var item in Cases)
        {
            data.Add(item.Name);
        }

        return data;
    }

    private static List<HostileCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Hostile", "corpus.jsonl");
        var cases = new List<HostileCase>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            cases.Add(new HostileCase(JObject.Parse(line)));
        }

        return cases;
    }
}

/// <summary>One hostile request and what the bot must do with it.</summary>
public sealed class HostileCase(JObject data)
{
    public string Name { get; } = (string)data["name"]!;

    public string Expect { get; } = (string)data["expect"]!;

    public string Method { get; } = (string?)data["method"] ?? "POST";

    /// <summary>The text of the message when the case sets one (to check that logs never hold it).</summary>
    public string? Text { get; private set; }

    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), new Uri("/api/messages", UriKind.Relative));
        var body = Body();
        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = null;
            var contentType = data.TryGetValue("contentType", out var type) ? (string?)type : "application/json";
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Content = content;
        }

        foreach (var (name, value) in data["headers"] as JObject ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, (string?)value);
        }

        return request;
    }

    private byte[]? Body()
    {
        if (data["rawBase64"] is JValue base64)
        {
            return Convert.FromBase64String((string)base64!);
        }

        if (data["raw"] is { } raw)
        {
            return Encoding.UTF8.GetBytes(raw is JArray parts ? string.Concat(parts.Select(p => (string)Expand(p)!)) : (string)raw!);
        }

        if (Method is "GET" or "DELETE")
        {
            return null;
        }

        var activity = BotHttp.Message("Wat is vitamine B12?", "hostile-" + Guid.NewGuid().ToString("N"));
        foreach (var path in data["remove"] as JArray ?? [])
        {
            var (parent, key) = Locate(activity, (string)path!);
            parent.Remove(key);
        }

        foreach (var (path, value) in data["set"] as JObject ?? [])
        {
            var (parent, key) = Locate(activity, path);
            parent[key] = Expand(value!);
        }

        Text = activity["text"]?.Type == JTokenType.String ? (string?)activity["text"] : null;
        return Encoding.UTF8.GetBytes(activity.ToString(Newtonsoft.Json.Formatting.None));
    }

    private static (JObject Parent, string Key) Locate(JObject root, string path)
    {
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = (JObject)parent[part]!;
        }

        return (parent, parts[^1]);
    }

    private static JToken Expand(JToken value)
    {
        if (value is not JObject macro)
        {
            return value;
        }

        if (macro["$repeat"] is { } unit)
        {
            var count = (int)macro["count"]!;
            return new JValue(new StringBuilder(((string)unit!).Length * count).Insert(0, (string)unit!, count).ToString());
        }

        if (macro["$nest"] is { } depth)
        {
            JToken nested = new JValue("bodem");
            for (var i = 0; i < (int)depth; i++)
            {
                nested = new JObject { ["laag"] = nested };
            }

            return nested;
        }

        if (macro["$keys"] is { } keys)
        {
            var many = new JObject();
            for (var i = 0; i < (int)keys; i++)
            {
                many["sleutel" + i] = i;
            }

            return many;
        }

        if (macro["$array"] is { } length)
        {
            return new JArray(Enumerable.Range(0, (int)length).Select(_ => Expand(macro["item"]!.DeepClone())));
        }

        return value;
    }

    public override string ToString() => Name;
}
