using System.Net.Http.Headers;
using EchoBot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace B12Bot.Benchmarks.Support;

/// <summary>
/// A bot as its program builds it (services, endpoints, Production), served in memory by the test server: every
/// request goes through the ASP.NET Core pipeline, the endpoint and the adapter, without sockets.
/// </summary>
internal sealed class HttpBotHost : IDisposable
{
    private readonly WebApplication app;
    private readonly HttpClient client;
    private readonly string folder;
    private readonly byte[][] bodies;
    private int turn;

    private HttpBotHost(string name, WebApplication app, string folder, string question)
    {
        Name = name;
        this.app = app;
        this.folder = folder;
        client = app.GetTestClient();

        // 16 conversations in turn, as the load run's connections cycle through theirs.
        bodies = Enumerable.Range(0, 16).Select(i => Load.Activities.Message(question, $"bench-{i}", $"user-{i}")).ToArray();
    }

    public string Name { get; }

    /// <summary>
    /// "Echo", "B12Bot" (SQLite state, as shipped) or "B12BotMemory" (state in memory). With <paramref name="setup"/>,
    /// every conversation is first sent that message once (e.g. one that starts the walkthrough).
    /// </summary>
    public static HttpBotHost Start(string bot, string question = "omeprazol en b12", string? setup = null, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("b12bot-bench-").FullName;
        string[] args = bot == "Echo"
            ? extraArgs
            : [
                $"--Storage:Kind={(bot == "B12Bot" ? "Sqlite" : "Memory")}",
                $"--Storage:Sqlite:Path={Path.Combine(folder, "state.db")}",
                $"--Knowledge:Folder={Path.Combine(AppContext.BaseDirectory, "knowledge")}",
                $"--Knowledge:IndexFolder={Path.Combine(folder, "index")}",
                .. extraArgs,
            ];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        WebApplication app;
        if (bot == "Echo")
        {
            builder.Services.AddEchoBot();
            app = builder.Build();
            app.MapEchoBot();
        }
        else
        {
            builder.Services.AddB12Bot(builder.Configuration);
            app = builder.Build();
            app.MapB12Bot();
        }

        app.StartAsync().GetAwaiter().GetResult();
        var host = new HttpBotHost(bot, app, folder, question);
        if (setup is not null)
        {
            var first = new HttpBotHost(bot, app, folder, setup);
            for (var i = 0; i < first.bodies.Length; i++)
            {
                _ = first.AskAsync().GetAwaiter().GetResult();
            }
        }

        // Every conversation once, so its state exists; a turn that fails here stops the run.
        for (var i = 0; i < host.bodies.Length; i++)
        {
            _ = host.AskAsync().GetAwaiter().GetResult();
        }

        return host;
    }

    /// <summary>Posts the next conversation's question; returns the length of the reply body.</summary>
    public async Task<int> AskAsync() => (await PostAsync().ConfigureAwait(false)).Length;

    /// <summary>Posts the next conversation's question; returns the reply body.</summary>
    public async Task<string> ReplyAsync() => System.Text.Encoding.UTF8.GetString(await PostAsync().ConfigureAwait(false));

    private async Task<byte[]> PostAsync()
    {
        using var content = new ByteArrayContent(bodies[turn++ % bodies.Length]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content).ConfigureAwait(false);
        var reply = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name} answered {(int)response.StatusCode}");
        }

        return reply;
    }

    /// <summary>The rows of the SQLite state file and its newest write (ms since 1970): what turns have written.</summary>
    public (long Rows, long LastWrite) StateRows()
    {
        var path = Path.Combine(folder, "state.db");
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(max(modified), 0) FROM bot_state";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>The key and stored JSON of every row of the SQLite state file (what a turn reads back).</summary>
    public IReadOnlyList<(string Key, string Value)> StoredState()
    {
        var path = Path.Combine(folder, "state.db");
        var rows = new List<(string, string)>();
        if (!File.Exists(path))
        {
            return rows;
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, value FROM bot_state ORDER BY key";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    public void Dispose()
    {
        client.Dispose();
        app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)app).Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
