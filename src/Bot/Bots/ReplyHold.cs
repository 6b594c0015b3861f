using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace B12Bot.Bots;

/// <summary>
/// Holds what a turn sends while <see cref="SafeTurnBot"/> runs it, until the turn's state is saved; the bot gets ids
/// for what it sent as if it had gone out. Outside <see cref="Start"/> … <see cref="Stop"/> sends pass through.
/// <para>
/// Registered as the adapter's first middleware (<see cref="ReplyHoldMiddleware"/>), its send handler runs before
/// any other middleware's, so those see only what really goes out, and the safe-turn wrapper can run the turn in the
/// turn's own context. Without it the wrapper runs every attempt in a context of its own, with a hold of its own.
/// </para>
/// </summary>
public sealed class ReplyHold
{
    /// <summary>Where the adapter's hold is kept in a turn's state.</summary>
    public const string TurnStateKey = "B12Bot.ReplyHold";

    /// <summary>Where this process's ids of held replies start (random, so two instances do not hand out the same ids).</summary>
    private static readonly ulong IdStart = (ulong)Random.Shared.NextInt64();

    private static long issued;

    private List<Activity>? held;

    private ReplyHold()
    {
    }

    /// <summary>A hold whose send handler is the context's next one (pass-through until started).</summary>
    public static ReplyHold AddTo(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var hold = new ReplyHold();
        turnContext.OnSendActivities(hold.OnSendAsync);
        return hold;
    }

    /// <summary>The hold the adapter's middleware put in this turn, if any.</summary>
    public static ReplyHold? Of(ITurnContext turnContext) =>
        turnContext.TurnState.TryGetValue(TurnStateKey, out var value) ? value as ReplyHold : null;

    /// <summary>Starts holding (again), with nothing held.</summary>
    public void Start() => held = [];

    /// <summary>Stops holding; returns what was held since <see cref="Start"/> (empty when not holding).</summary>
    public List<Activity> Stop()
    {
        var sent = held ?? [];
        held = null;
        return sent;
    }

    /// <summary>
    /// The id given for a held reply: 32 hex digits, like a GUID, unique in this process (a counter), without asking
    /// the operating system for random bytes for every reply.
    /// </summary>
    private static string NextId() =>
        string.Create(CultureInfo.InvariantCulture, $"{IdStart:x16}{(ulong)Interlocked.Increment(ref issued):x16}");

    private Task<ResourceResponse[]> OnSendAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        if (held is null)
        {
            return next();
        }

        held.AddRange(activities);
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < responses.Length; i++)
        {
            responses[i] = new ResourceResponse(activities[i].Id ?? NextId());
        }

        return Task.FromResult(responses);
    }
}

/// <summary>
/// The adapter's first middleware: gives every turn a <see cref="ReplyHold"/> whose send handler comes before any
/// other middleware's (handlers run in the order they were added).
/// </summary>
public sealed class ReplyHoldMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        turnContext.TurnState[ReplyHold.TurnStateKey] = ReplyHold.AddTo(turnContext);
        return next(cancellationToken);
    }
}
