using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using B12Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace B12Bot.Editors;

/// <summary>
/// Notes what the editors learn from: how many questions were answered, unanswered or clarified per week (counts
/// only), 👍/👎 per entry, which entry people chose after a "Bedoelt u …?", and, with
/// <c>Editors:CollectUnanswered</c> on, the scrubbed text of unanswered and clarified questions and of 👎 reasons.
/// Conversations are named only by a keyed hash, never by their ids. Counting costs a turn no storage call: the
/// counts are written by <see cref="FlushAsync"/> (once a minute and at shut-down).
/// </summary>
public sealed partial class EditorsRecorder(IEditorStore store, IOptions<EditorsOptions> options, TimeProvider clock, ILogger<EditorsRecorder> logger) : IDisposable
{
    /// <summary>Longest reason kept (the rest is cut off).</summary>
    public const int MaxReasonLength = 500;

    private const int MaxPending = 10_000;

    /// <summary>The key suffix of a conversation's last answer (message ids never contain a space).</summary>
    private const string LastAnswer = "/ last";

    private readonly ConcurrentDictionary<(string Week, WeeklyCountKind Kind), StrongBox> _counts = new();
    private readonly ConcurrentDictionary<string, PendingClarification> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private byte[]? _hashKey;

    public EditorsOptions Options => options.Value;

    /// <summary>The keyed hash that stands for a conversation in every editor item.</summary>
    public async Task<string> OwnerAsync(string? channel, string? conversationId, CancellationToken cancellationToken)
    {
        var key = _hashKey ??= await store.HashKeyAsync(cancellationToken).ConfigureAwait(false);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{channel}\n{conversationId}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>Notes a question's outcome: a count, and with collection on the scrubbed text of what was not answered.</summary>
    public async Task RecordAnswerAsync(string? channel, string? conversationId, string text, Answer answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            var now = clock.GetUtcNow();
            if (answer.Outcome == AnswerOutcome.Answer && answer.Entry is not null && _pending.IsEmpty)
            {
                // Most answers: a count, and no "Bedoelt u …?" waiting anywhere, so no conversation to name.
                Count(WeeklyCountKind.Answered, now);
                return;
            }

            var owner = await OwnerAsync(channel, conversationId, cancellationToken).ConfigureAwait(false);
            switch (answer.Outcome)
            {
                case AnswerOutcome.Answer when answer.Entry is not null:
                    Count(WeeklyCountKind.Answered, now);
                    if (_pending.TryRemove(owner, out var pending) && pending.Offered.Contains(answer.Entry.Id, StringComparer.Ordinal))
                    {
                        await store.AddAsync(Item(EditorItemKind.ClarificationPicked, channel, owner, now) with { EntryId = answer.Entry.Id, Text = pending.Text, Alternatives = pending.Offered }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case AnswerOutcome.Clarify when answer.Alternatives.Count > 0:
                    Count(WeeklyCountKind.Clarified, now);
                    var offered = answer.Alternatives.Take(3).Select(a => a.Id).ToList();
                    var kept = Options.CollectUnanswered ? PersonalDataScrubber.Scrub(text) : null;
                    if (_pending.Count >= MaxPending)
                    {
                        _pending.Clear();
                    }

                    _pending[owner] = new PendingClarification(kept, offered);
                    if (kept is not null)
                    {
                        await store.AddAsync(Item(EditorItemKind.Clarified, channel, owner, now) with { Text = kept, Alternatives = offered }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                default:
                    Count(WeeklyCountKind.Unanswered, now);
                    _pending.TryRemove(owner, out _);
                    if (Options.CollectUnanswered)
                    {
                        await store.AddAsync(Item(EditorItemKind.Unanswered, channel, owner, now) with { Text = PersonalDataScrubber.Scrub(text) }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The person's answer matters more than the editors' note of it.
            NotRecorded(logger, ex.GetType().Name);
        }
    }

    /// <summary>Stores a 👍 or 👎 (and a 👎's reason, scrubbed, when collection is on) for an entry. Returns whether it was stored.</summary>
    public async Task<bool> RecordFeedbackAsync(string? channel, string? conversationId, string? entryId, FeedbackReaction reaction, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            var owner = await OwnerAsync(channel, conversationId, cancellationToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            if (reaction != FeedbackReaction.None)
            {
                Count(reaction == FeedbackReaction.Like ? WeeklyCountKind.Liked : WeeklyCountKind.Disliked, now);
                var kind = reaction == FeedbackReaction.Like ? EditorItemKind.Like : EditorItemKind.Dislike;
                await store.AddAsync(Item(kind, channel, owner, now) with { EntryId = entryId }, cancellationToken).ConfigureAwait(false);
            }

            var text = reason?.Trim();
            if (Options.CollectUnanswered && !string.IsNullOrEmpty(text))
            {
                text = text.Length > MaxReasonLength ? text[..MaxReasonLength] : text;
                await store.AddAsync(Item(EditorItemKind.Reason, channel, owner, now) with { EntryId = entryId, Text = PersonalDataScrubber.Scrub(text) }, cancellationToken).ConfigureAwait(false);
            }

            FeedbackStored(logger, channel ?? string.Empty, reaction, entryId ?? "-");
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            NotRecorded(logger, ex.GetType().Name);
            return false;
        }
    }

    /// <summary>Writes the counts noted so far and removes what is older than the retention.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var counts = new List<WeeklyCount>();
            foreach (var (key, box) in _counts)
            {
                var value = Interlocked.Exchange(ref box.Value, 0);
                if (value > 0)
                {
                    counts.Add(new WeeklyCount(key.Week, key.Kind, value));
                }
            }

            try
            {
                await store.AddCountsAsync(counts, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Put them back for the next flush.
                foreach (var count in counts)
                {
                    Interlocked.Add(ref _counts.GetOrAdd((count.Week, count.Kind), _ => new StrongBox()).Value, count.Count);
                }

                throw;
            }

            await store.PurgeAsync(clock.GetUtcNow() - Options.Retention, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Everything within the retention, counts included.</summary>
    public async Task<EditorData> ReadAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return await store.ReadAsync(clock.GetUtcNow() - Options.Retention, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes every item of one conversation ("vergeet mij").</summary>
    public async Task EraseAsync(string? channel, string? conversationId, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(channel, conversationId, cancellationToken).ConfigureAwait(false);
        _pending.TryRemove(owner, out _);
        await store.EraseOwnerAsync(owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Remembers the entry of an answer sent to Teams under the message id Teams gave it, and as the conversation's last answer.</summary>
    public async Task RememberAnswerAsync(string? channel, string? conversationId, string messageId, string entryId, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(channel, conversationId, cancellationToken).ConfigureAwait(false);
        await store.RememberAnswerAsync(owner + "/" + messageId, entryId, owner, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await store.RememberAnswerAsync(owner + LastAnswer, entryId, owner, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The entry of an answer sent earlier in this conversation, by its message id; when the rating names no message
    /// (the Agents Playground sends none), the conversation's last answer. Null when not known.
    /// </summary>
    public async Task<string?> FindAnswerAsync(string? channel, string? conversationId, string? messageId, CancellationToken cancellationToken)
    {
        var owner = await OwnerAsync(channel, conversationId, cancellationToken).ConfigureAwait(false);
        var key = string.IsNullOrEmpty(messageId) ? owner + LastAnswer : owner + "/" + messageId;
        return await store.FindAnswerAsync(key, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _flushGate.Dispose();

    private static EditorItem Item(EditorItemKind kind, string? channel, string owner, DateTimeOffset at) =>
        new() { Kind = kind, Channel = string.IsNullOrEmpty(channel) ? "-" : channel, Owner = owner, At = at };

    private void Count(WeeklyCountKind kind, DateTimeOffset at) =>
        Interlocked.Increment(ref _counts.GetOrAdd((EditorWeeks.Of(at), kind), _ => new StrongBox()).Value);

    private sealed class StrongBox
    {
        public int Value;
    }

    private sealed record PendingClarification(string? Text, IReadOnlyList<string> Offered);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Editor item not stored ({ErrorType})")]
    private static partial void NotRecorded(ILogger logger, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Feedback stored (channel {ChannelId}, {Reaction}, entry {EntryId})")]
    private static partial void FeedbackStored(ILogger logger, string channelId, FeedbackReaction reaction, string entryId);
}

/// <summary>A person's verdict on an answer.</summary>
public enum FeedbackReaction
{
    /// <summary>Only a reason, for a 👎 given before.</summary>
    None,
    Like,
    Dislike,
}
