using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace B12Bot.Load;

/// <summary>
/// Many conversations at once over HTTP for minutes: each starts the walkthrough, answers every question with
/// one of the buttons it was offered (and confirms the review of its answers) until a reply cites the article (the
/// result), then asks a few questions; the questions answered per walkthrough are averaged (the review not counted);
/// then a new conversation begins. Counts errors, lost posts (no reply), and walkthroughs that never reach a result.
/// </summary>
internal static class Soak
{
    /// <summary>The button and phrase that starts the walkthrough.</summary>
    private const string StartPhrase = "Waarom is mijn B12 laag?";

    /// <summary>The button of the review before the result that shows it (the review is no question: not counted).</summary>
    private const string ShowResult = "Klopt, toon de uitkomst";

    /// <summary>A walkthrough is a handful of questions; more turns than this means it is stuck.</summary>
    private const int MaxSteps = 40;

    public static async Task<int> RunAsync(Options options)
    {
        var conversations = options.Int("conversations", 200, 1, 5000);
        var duration = TimeSpan.FromMinutes(options.Double("minutes", 3, 0.05, 120));
        var questionsPerConversation = options.Int("questions", 3, 0, 100);
        var think = TimeSpan.FromMilliseconds(options.Int("think-ms", 0, 0, 60_000));
        var ramp = TimeSpan.FromSeconds(options.Int("ramp-seconds", 0, 0, 600));
        var url = options.String("url");
        var botDll = options.String("bot") ?? Paths.BotDll;
        var extra = Modes.BotArgs(options);
        var storage = BotStorage.From(options);
        var directLine = DirectLineSoak.From(options.String("directline"));
        options.ThrowOnUnknown();

        var questions = Activities.Questions();
        var machine = Measure.MachineLine();
        BotProcess? bot = null;
        Uri endpoint;
        using var data = new TempFolders();
        if (directLine is not null)
        {
            endpoint = directLine.Instances[0];
        }
        else if (url is null)
        {
            string[] args = [.. storage.Args(data.New()), .. extra];
            bot = await BotProcess.StartAsync("B12Bot", botDll, args, questions[0], TimeSpan.FromMinutes(2));
            endpoint = bot.Messages;
        }
        else
        {
            endpoint = new Uri(new Uri(url), "/api/messages");
        }

        Guard.Loopback(endpoint);
        var stats = new SoakStats();
        try
        {
            Console.Error.WriteLine(directLine is null
                ? $"soak: {conversations} conversations for {duration.TotalMinutes:F1} min against {endpoint}"
                : $"soak: {conversations} conversations for {duration.TotalMinutes:F1} min over Direct Line, alternating between {string.Join(", ", directLine.Instances)}");
            using var client = LoadRun.CreateClient(conversations);
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, conversations)
                .Select(w => Task.Run(async () =>
                {
                    // With --ramp-seconds the conversations join one by one over that time instead of all at once.
                    await Task.Delay(ramp * w / conversations);
                    await ConverseAsync(client, endpoint, directLine, w, clock, duration, questions, questionsPerConversation, think, stats);
                }))
                .ToList();
            using var progress = new Timer(_ => Console.Error.WriteLine(stats.Progress(clock.Elapsed)), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
            await Task.WhenAll(workers);
            stats.Elapsed = clock.Elapsed;
            Print(stats, conversations, duration, bot, machine);
            return stats.Healthy && (bot?.ErrorLogLines ?? 0) == 0 ? 0 : stats.WalkthroughMissing ? 2 : 1;
        }
        finally
        {
            if (bot is not null)
            {
                await bot.DisposeAsync();
            }
        }
    }

    private static async Task ConverseAsync(HttpClient client, Uri endpoint, DirectLineSoak? directLine, int worker, Stopwatch clock, TimeSpan duration,
        IReadOnlyList<string> questions, int questionsPerConversation, TimeSpan think, SoakStats stats)
    {
        var random = new Random(worker);
        for (var round = 0; clock.Elapsed < duration; round++)
        {
            var conversation = $"soak-{worker}-{round}-{Guid.NewGuid():N}";
            var user = $"soak-user-{worker}-{round}";
            stats.Count(ref stats.ConversationsStarted);
            DirectLineSoak.Session? session = null;
            if (directLine is not null && (session = await directLine.StartAsync(client, worker + round, stats)) is null)
            {
                continue;
            }

            var target = new Target(endpoint, session);
            if (!stats.WalkthroughMissing)
            {
                await WalkthroughAsync(client, target, conversation, user, random, think, stats);
            }

            for (var q = 0; q < questionsPerConversation && clock.Elapsed < duration; q++)
            {
                var replies = await PostAsync(client, target, questions[random.Next(questions.Count)], conversation, user, stats);
                if (replies is not null)
                {
                    stats.Count(ref stats.QuestionsAnswered);
                }

                await Task.Delay(think);
            }

            stats.Count(ref stats.ConversationsFinished);
        }
    }

    private static async Task WalkthroughAsync(HttpClient client, Target endpoint, string conversation, string user, Random random, TimeSpan think, SoakStats stats)
    {
        var replies = await PostAsync(client, endpoint, StartPhrase, conversation, user, stats);
        if (replies is null)
        {
            stats.Count(ref stats.WalkthroughsBroken);
            return;
        }

        // Without a walkthrough the start phrase is just a question: answered with a citation, or answered with the
        // usual topic buttons (which offer the start phrase itself). Report that instead of counting it as done.
        if (replies.Citations > 0 || replies.Buttons.Count == 0 || replies.Buttons.Contains(StartPhrase, StringComparer.Ordinal))
        {
            stats.WalkthroughMissing = true;
            stats.Kind("start phrase answered with: " + string.Join(" / ", replies.Texts.Select(t => t.Length > 60 ? t[..60] : t)));
            return;
        }

        stats.Count(ref stats.WalkthroughsStarted);
        var previous = Fingerprint(replies);
        var questions = 0;
        for (var step = 0; step < MaxSteps; step++)
        {
            if (replies.Citations > 0)
            {
                stats.Count(ref stats.WalkthroughsFinished);
                stats.AddSteps(questions);
                return;
            }

            if (replies.Buttons.Count == 0)
            {
                stats.Count(ref stats.WalkthroughsStuck);
                return;
            }

            await Task.Delay(think);
            var review = replies.Buttons.Contains(ShowResult, StringComparer.Ordinal);
            var choice = review ? ShowResult : replies.Buttons[random.Next(replies.Buttons.Count)];
            if (!review)
            {
                questions++;
            }

            replies = await PostAsync(client, endpoint, choice, conversation, user, stats);
            if (replies is null)
            {
                stats.Count(ref stats.WalkthroughsBroken);
                return;
            }

            // The same question with the same buttons after a valid button: the answer was not taken (or state
            // was lost). A multi-choice question asked again with the chosen button gone is progress.
            var now = Fingerprint(replies);
            if (string.Equals(now, previous, StringComparison.Ordinal))
            {
                stats.Count(ref stats.RepeatedPrompts);
            }

            previous = now;
        }

        stats.Count(ref stats.WalkthroughsStuck);
    }

    private static string Fingerprint(TurnReplies replies) => string.Join('\n', replies.Texts) + "\n|" + string.Join('|', replies.Buttons);

    /// <summary>Posts one message; null when it failed or got no reply (counted).</summary>
    private static async Task<TurnReplies?> PostAsync(HttpClient client, Target target, string text, string conversation, string user, SoakStats stats)
    {
        var started = Stopwatch.GetTimestamp();
        stats.Count(ref stats.Posts);
        try
        {
            if (target.Session is { } session)
            {
                var (status, answered) = await session.SayAsync(client, text);
                stats.AddLatency(Stopwatch.GetTimestamp() - started);
                if (status != HttpStatusCode.OK)
                {
                    stats.Count(ref stats.NonOk);
                    stats.Kind("HTTP " + (int)status);
                    return null;
                }

                if (!answered!.Answered)
                {
                    stats.Count(ref stats.Lost);
                    return null;
                }

                return answered;
            }

            var endpoint = target.Endpoint;
            using var content = new ByteArrayContent(Activities.Message(text, conversation, user));
            content.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(endpoint, content);
            var body = await response.Content.ReadAsByteArrayAsync();
            stats.AddLatency(Stopwatch.GetTimestamp() - started);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                stats.Count(ref stats.NonOk);
                stats.Kind("HTTP " + (int)response.StatusCode);
                return null;
            }

            var replies = TurnReplies.Parse(body);
            if (!replies.Answered)
            {
                stats.Count(ref stats.Lost);
                return null;
            }

            return replies;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            stats.AddLatency(Stopwatch.GetTimestamp() - started);
            stats.Count(ref stats.Errors);
            stats.Kind(e.GetType().Name);
            return null;
        }
    }

    private static void Print(SoakStats stats, int conversations, TimeSpan duration, BotProcess? bot, string machine)
    {
        var latencies = stats.SortedLatencies();
        double Percentile(double q) => latencies.Length == 0 ? double.NaN
            : latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)] * 1000.0 / Stopwatch.Frequency;

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"## Soak: {conversations} concurrent conversations for {duration.TotalMinutes:F1} min");
        Console.WriteLine();
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(inv, $"| posts | {stats.Posts} |"));
        Console.WriteLine(string.Create(inv, $"| posts per second | {stats.Posts / stats.Elapsed.TotalSeconds:F0} |"));
        Console.WriteLine(string.Create(inv, $"| p50 / p99 / max latency (ms) | {Percentile(0.5):F1} / {Percentile(0.99):F1} / {Percentile(1):F0} |"));
        Console.WriteLine(string.Create(inv, $"| errors (no HTTP answer) | {stats.Errors} |"));
        Console.WriteLine(string.Create(inv, $"| non-200 answers | {stats.NonOk} |"));
        Console.WriteLine(string.Create(inv, $"| lost (200 without a reply) | {stats.Lost} |"));
        Console.WriteLine(string.Create(inv, $"| conversations started / finished | {stats.ConversationsStarted} / {stats.ConversationsFinished} |"));
        if (stats.WalkthroughMissing)
        {
            Console.WriteLine("| walkthroughs | NOT AVAILABLE: the start phrase got an ordinary answer, not a walkthrough question |");
        }
        else
        {
            Console.WriteLine(string.Create(inv, $"| walkthroughs started / reached their result | {stats.WalkthroughsStarted} / {stats.WalkthroughsFinished} |"));
            Console.WriteLine(string.Create(inv, $"| walkthroughs stuck / broken by an error | {stats.WalkthroughsStuck} / {stats.WalkthroughsBroken} |"));
            Console.WriteLine(string.Create(inv, $"| walkthrough questions per result (mean) | {stats.MeanSteps:F1} |"));
            Console.WriteLine(string.Create(inv, $"| same question and buttons again after a button | {stats.RepeatedPrompts} |"));
        }

        Console.WriteLine(string.Create(inv, $"| questions answered | {stats.QuestionsAnswered} |"));
        if (bot is not null)
        {
            Console.WriteLine(string.Create(inv, $"| bot error log lines | {bot.ErrorLogLines} |"));
            Console.WriteLine(string.Create(inv, $"| bot peak RSS (MB) | {(bot.PeakMemoryBytes() ?? 0) / (1024.0 * 1024.0):F0} |"));
            Console.WriteLine(string.Create(inv, $"| bot RSS at the end (MB) | {(bot.CurrentMemoryBytes() ?? 0) / (1024.0 * 1024.0):F0} |"));
        }

        if (stats.KindsText() is { Length: > 0 } kinds)
        {
            Console.WriteLine();
            Console.WriteLine("failures: " + kinds);
        }

        Console.WriteLine();
        Console.WriteLine(stats.Healthy
            ? "result: zero errors, nothing lost, every walkthrough reached its result"
            : stats.WalkthroughMissing ? "result: the walkthrough is not available on this bot; questions only" : "result: FAILED (see the figures above)");
        Console.WriteLine(machine);
    }
}

/// <summary>Where a conversation's messages go: /api/messages with expectReplies, or a Direct Line session over several instances.</summary>
internal sealed record Target(Uri Endpoint, DirectLineSoak.Session? Session);

/// <summary>The soak's counters, shared by all conversations.</summary>
internal sealed class SoakStats
{
    private readonly List<long> latencies = new(1 << 16);
    private readonly Dictionary<string, long> kinds = new(StringComparer.Ordinal);
    private long steps;

#pragma warning disable CA1051 // Counted with Interlocked through ref; fields keep that simple.
    public long Posts;
    public long Errors;
    public long NonOk;
    public long Lost;
    public long ConversationsStarted;
    public long ConversationsFinished;
    public long WalkthroughsStarted;
    public long WalkthroughsFinished;
    public long WalkthroughsStuck;
    public long WalkthroughsBroken;
    public long RepeatedPrompts;
    public long QuestionsAnswered;
#pragma warning restore CA1051

    public volatile bool WalkthroughMissing;

    public TimeSpan Elapsed { get; set; }

    public double MeanSteps => WalkthroughsFinished == 0 ? 0 : (double)Interlocked.Read(ref steps) / WalkthroughsFinished;

    public bool Healthy => Errors == 0 && NonOk == 0 && Lost == 0 && !WalkthroughMissing
        && WalkthroughsStuck == 0 && WalkthroughsBroken == 0 && RepeatedPrompts == 0;

    public void Count(ref long counter) => Interlocked.Increment(ref counter);

    public void AddSteps(int count) => Interlocked.Add(ref steps, count);

    public void AddLatency(long ticks)
    {
        lock (latencies)
        {
            latencies.Add(ticks);
        }
    }

    public void Kind(string kind)
    {
        lock (kinds)
        {
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }
    }

    public string KindsText()
    {
        lock (kinds)
        {
            return string.Join(", ", kinds.Select(k => $"{k.Key} ×{k.Value}"));
        }
    }

    public long[] SortedLatencies()
    {
        lock (latencies)
        {
            var sorted = latencies.ToArray();
            Array.Sort(sorted);
            return sorted;
        }
    }

    public string Progress(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{elapsed.TotalSeconds:F0} s: {Interlocked.Read(ref Posts)} posts, {Interlocked.Read(ref WalkthroughsFinished)} walkthroughs done, " +
        $"{Interlocked.Read(ref Errors)} errors, {Interlocked.Read(ref NonOk)} non-200, {Interlocked.Read(ref Lost)} lost");
}
