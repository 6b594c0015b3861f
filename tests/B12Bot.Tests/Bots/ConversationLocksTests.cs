using B12Bot.Bots;

namespace B12Bot.Tests.Bots;

public sealed class ConversationLocksTests
{
    [Fact]
    public async Task Turns_of_one_conversation_never_overlap_and_the_lock_is_gone_afterwards()
    {
        var locks = new ConversationLocks();
        var inside = 0;
        var maxInside = 0;
        var gate = new object();

        async Task TurnAsync()
        {
            using (await locks.AcquireAsync("webchat/conversations/a", CancellationToken.None))
            {
                lock (gate)
                {
                    inside++;
                    maxInside = Math.Max(maxInside, inside);
                }

                await Task.Yield();
                await Task.Delay(1);
                lock (gate)
                {
                    inside--;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(TurnAsync)));

        Assert.Equal(1, maxInside);
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task Different_conversations_do_not_wait_for_each_other()
    {
        var locks = new ConversationLocks();
        using var first = await locks.AcquireAsync("a", CancellationToken.None);
        var second = locks.AcquireAsync("b", CancellationToken.None);
        Assert.True(second.IsCompletedSuccessfully);
        (await second).Dispose();
        Assert.Equal(1, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_no_lock_behind()
    {
        var locks = new ConversationLocks();
        var held = await locks.AcquireAsync("a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.AcquireAsync("a", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(0, locks.Count);
    }
}
