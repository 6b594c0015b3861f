using B12Bot.Bots;
using B12Bot.Dialogs;
using B12Bot.Storage;
using B12Bot.Tests.Testing;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace B12Bot.Tests.Bots;

/// <summary>
/// The safe-turn wrapper holds the bot's replies until its turn succeeded: a turn that meets a state conflict runs
/// again on the turn state as it came in, and only the last attempt's replies are sent, once (also through a send
/// handler the middleware put on the incoming context). Both ways: with the adapter's reply hold as its first
/// middleware (as the app wires it: the turn runs in its own context) and without it (each attempt in a copy).
/// </summary>
public sealed class SafeTurnBotTests : IClassFixture<SafeTurnBotTests.Services>
{
    private const string IncomingKey = "test.incoming";
    private const string AttemptKey = "test.attempt";

    private readonly Services services;

    public SafeTurnBotTests(Services services) => this.services = services;

    public static TheoryData<bool, bool> MiddlewareHandler => new()
    {
        { false, false },
        { true, false },
        { false, true },
        { true, true },
    };

    [Theory]
    [MemberData(nameof(MiddlewareHandler))]
    public async Task A_conflicted_attempt_sends_nothing_and_the_next_runs_on_the_turn_state_as_it_came_in(bool middlewareHandler, bool adapterHold)
    {
        var adapter = NewAdapter(adapterHold);
        var seenByMiddleware = new List<string>();
        adapter.Use(new Middleware(middlewareHandler, seenByMiddleware));
        var attempts = new List<(bool Incoming, bool LeftOver, int QueuedWhileRunning)>();
        var bot = new SafeTurnBot(
            () => new ScriptedBot(adapter, attempts, conflicts: 2),
            new ConversationLocks(),
            services.Provider.GetRequiredService<FreeQuestionAnswerer>(),
            NullLogger<SafeTurnBot>.Instance);

        await adapter.ProcessActivityAsync(MessageActivity(), bot.OnTurnAsync, CancellationToken.None);

        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.True(a.Incoming, "An attempt missed the turn state that came in."));
        Assert.All(attempts, a => Assert.False(a.LeftOver, "An attempt saw what an earlier attempt left in the turn state."));
        Assert.All(attempts, a => Assert.Equal(0, a.QueuedWhileRunning));
        var sent = adapter.ActiveQueue.Select(a => a.Text).ToList();
        Assert.Equal(["poging 3: eerste", "poging 3: tweede"], sent);
        Assert.Equal(middlewareHandler ? sent : [], seenByMiddleware);
    }

    [Theory]
    [MemberData(nameof(MiddlewareHandler))]
    public async Task An_error_in_the_bot_sends_none_of_its_replies_and_the_error_reply_goes_out(bool middlewareHandler, bool adapterHold)
    {
        var adapter = NewAdapter(adapterHold);
        adapter.OnTurnError = (context, _) => context.SendActivityAsync("fout");
        adapter.Use(new Middleware(middlewareHandler, []));
        var bot = new SafeTurnBot(
            () => new ScriptedBot(adapter, [], conflicts: 0, fail: true),
            new ConversationLocks(),
            services.Provider.GetRequiredService<FreeQuestionAnswerer>(),
            NullLogger<SafeTurnBot>.Instance);

        await adapter.ProcessActivityAsync(MessageActivity(), bot.OnTurnAsync, CancellationToken.None);

        Assert.Equal(["fout"], adapter.ActiveQueue.Select(a => a.Text));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_the_adapters_hold_the_turn_runs_in_its_own_context_and_without_it_in_a_copy(bool adapterHold)
    {
        var adapter = NewAdapter(adapterHold);
        ITurnContext? incoming = null;
        ITurnContext? ran = null;
        adapter.Use(new Capture(context => incoming = context));
        var bot = new SafeTurnBot(
            () => new ActivityHandlerCapture(context => ran = context),
            new ConversationLocks(),
            services.Provider.GetRequiredService<FreeQuestionAnswerer>(),
            NullLogger<SafeTurnBot>.Instance);

        await adapter.ProcessActivityAsync(MessageActivity(), bot.OnTurnAsync, CancellationToken.None);

        Assert.NotNull(incoming);
        Assert.Equal(adapterHold, ReferenceEquals(incoming, ran));
        Assert.Equal(["gezien"], adapter.ActiveQueue.Select(a => a.Text));
    }

    private static TestAdapter NewAdapter(bool adapterHold)
    {
        var adapter = new TestAdapter();
        if (adapterHold)
        {
            adapter.Use(new ReplyHoldMiddleware());
        }

        return adapter;
    }

    private static Activity MessageActivity() => new()
    {
        Type = ActivityTypes.Message,
        Text = "hallo",
        ChannelId = "test",
        Conversation = new ConversationAccount { Id = "safe-" + Guid.NewGuid().ToString("N") },
        From = new ChannelAccount { Id = "persoon" },
        Recipient = new ChannelAccount { Id = "bot" },
        ServiceUrl = "http://127.0.0.1/",
    };

    public sealed class Services : IDisposable
    {
        private readonly BotServices services = new();

        public IServiceProvider Provider => services.Services;

        public void Dispose() => services.Dispose();
    }

    /// <summary>Puts a value in the turn state; optionally registers a send handler, as the Teams middleware does.</summary>
    private sealed class Middleware(bool handler, List<string> seen) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            turnContext.TurnState[IncomingKey] = true;
            if (handler)
            {
                turnContext.OnSendActivities((_, activities, nextSend) =>
                {
                    seen.AddRange(activities.Select(a => a.Text));
                    return nextSend();
                });
            }

            return next(cancellationToken);
        }
    }

    private sealed class Capture(Action<ITurnContext> seen) : IMiddleware
    {
        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            seen(turnContext);
            return next(cancellationToken);
        }
    }

    private sealed class ActivityHandlerCapture(Action<ITurnContext> seen) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            seen(turnContext);
            return turnContext.SendActivityAsync("gezien", cancellationToken: cancellationToken);
        }
    }

    /// <summary>Sends two replies per attempt; the first <c>conflicts</c> attempts then meet a state conflict.</summary>
    private sealed class ScriptedBot(TestAdapter adapter, List<(bool, bool, int)> attempts, int conflicts, bool fail = false) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var number = attempts.Count + 1;
            var incoming = turnContext.TurnState.ContainsKey(IncomingKey);
            var leftOver = turnContext.TurnState.ContainsKey(AttemptKey);
            turnContext.TurnState[AttemptKey] = number;
            await turnContext.SendActivityAsync($"poging {number}: eerste", cancellationToken: cancellationToken);
            await turnContext.SendActivityAsync($"poging {number}: tweede", cancellationToken: cancellationToken);
            attempts.Add((incoming, leftOver, adapter.ActiveQueue.Count));
            if (fail)
            {
                throw new InvalidOperationException("De bot faalt.");
            }

            if (number <= conflicts)
            {
                throw new StorageConflictException();
            }
        }
    }
}
