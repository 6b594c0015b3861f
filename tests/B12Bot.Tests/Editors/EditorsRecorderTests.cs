using B12Bot.Editors;
using B12Bot.Knowledge;
using B12Bot.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace B12Bot.Tests.Editors;

/// <summary>
/// The recorder on its own, with a fake clock: what it keeps with collection on and off, the entry people chose
/// after a "Bedoelt u …?", weekly counts and the retention.
/// </summary>
public sealed class EditorsRecorderTests : IDisposable
{
    private readonly BotServices services = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MemoryEditorStore store = new();

    public void Dispose() => services.Dispose();

    private KnowledgeBase Knowledge => services.Services.GetRequiredService<KnowledgeBase>();

    private EditorsRecorder Recorder(bool collect) =>
        new(store, Options.Create(new EditorsOptions { CollectUnanswered = collect, Retention = TimeSpan.FromDays(30) }), clock, NullLogger<EditorsRecorder>.Instance);

    private Answer Clarify(params string[] ids) => new()
    {
        Outcome = AnswerOutcome.Clarify,
        Alternatives = ids.Select(id => Knowledge.TryGet(id, out var entry) ? entry : throw new KeyNotFoundException(id)).ToList(),
    };

    private Answer Answered(string id) => new() { Outcome = AnswerOutcome.Answer, Entry = Knowledge.TryGet(id, out var entry) ? entry : null };

    private EditorsReport Report(EditorData data) =>
        EditorsReport.Build(data, Knowledge, services.Services.GetRequiredService<IAnswerer>(), clock.GetUtcNow().AddDays(-30), clock.GetUtcNow(), collecting: true);

    [Fact]
    public async Task The_entry_chosen_after_a_clarification_is_counted_and_suggested_as_a_variant_of_it()
    {
        using var recorder = Recorder(collect: true);
        await recorder.RecordAnswerAsync("webchat", "c1", "b12 na mijn maagverkleining, mail a@b.nl", Clarify("maagoperaties", "faq-07"), CancellationToken.None);
        await recorder.RecordAnswerAsync("webchat", "c1", "Kan een operatie B12-tekort veroorzaken?", Answered("faq-07"), CancellationToken.None);
        await recorder.RecordAnswerAsync("webchat", "c2", "b12 na maagverkleining", Clarify("maagoperaties", "faq-07"), CancellationToken.None);
        await recorder.RecordAnswerAsync("webchat", "c2", "iets anders", Answered("faq-09"), CancellationToken.None);

        var report = Report(await recorder.ReadAsync(CancellationToken.None));

        var picked = Assert.Single(report.Clarifications);
        Assert.Equal(("faq-07", 1), (picked.EntryId, picked.Count));
        var suggestion = Assert.Single(report.Suggestions, s => s.Why.Contains("gekozen", StringComparison.Ordinal));
        Assert.Equal("faq-07", suggestion.EntryId);
        Assert.Equal($"b12 na mijn maagverkleining, mail {PersonalDataScrubber.Email}", suggestion.Variant);
        var group = Assert.Single(report.Unanswered);
        Assert.Equal((2, 0, 2), (group.Count, group.Unanswered, group.Clarified));
        Assert.Equal("maagoperaties", group.ClosestEntryId);
    }

    [Fact]
    public async Task With_collection_off_only_counts_and_ratings_are_kept_never_text()
    {
        using var recorder = Recorder(collect: false);
        await recorder.RecordAnswerAsync("webchat", "c1", "waar kan ik parkeren?", new Answer { Outcome = AnswerOutcome.NoMatch }, CancellationToken.None);
        await recorder.RecordAnswerAsync("webchat", "c1", "b12 na maagverkleining", Clarify("maagoperaties", "faq-07"), CancellationToken.None);
        await recorder.RecordAnswerAsync("webchat", "c1", "Welke producten zijn rijk aan B12?", Answered("faq-09"), CancellationToken.None);
        await recorder.RecordFeedbackAsync("webchat", "c1", "faq-09", FeedbackReaction.Dislike, "mijn zoon Bram zegt iets anders", CancellationToken.None);

        var data = await recorder.ReadAsync(CancellationToken.None);

        Assert.All(data.Items, item => Assert.Null(item.Text));
        Assert.Equal([EditorItemKind.Dislike], data.Items.Select(i => i.Kind));
        var week = EditorWeeks.Of(clock.GetUtcNow());
        Assert.Equal(
            [(WeeklyCountKind.Answered, 1), (WeeklyCountKind.Unanswered, 1), (WeeklyCountKind.Clarified, 1), (WeeklyCountKind.Disliked, 1)],
            data.Weeks.Where(w => w.Week == week).OrderBy(w => w.Kind).Select(w => (w.Kind, w.Count)));
    }

    [Fact]
    public async Task Items_older_than_the_retention_are_removed_at_the_next_flush()
    {
        using var recorder = Recorder(collect: true);
        await recorder.RecordAnswerAsync("webchat", "c1", "oude vraag over parkeren", new Answer { Outcome = AnswerOutcome.NoMatch }, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(20));
        await recorder.RecordAnswerAsync("webchat", "c1", "nieuwe vraag over fietsen", new Answer { Outcome = AnswerOutcome.NoMatch }, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(15));

        await recorder.FlushAsync(CancellationToken.None);

        var all = await store.ReadAsync(DateTimeOffset.MinValue, CancellationToken.None);
        Assert.Equal(["nieuwe vraag over fietsen"], all.Items.Select(i => i.Text));
    }

    [Fact]
    public async Task Conversations_are_named_by_a_keyed_hash_never_by_their_ids()
    {
        using var recorder = Recorder(collect: true);
        await recorder.RecordFeedbackAsync("msteams", "a:1geheim-gesprek", "faq-01", FeedbackReaction.Like, null, CancellationToken.None);

        var item = Assert.Single((await store.ReadAsync(DateTimeOffset.MinValue, CancellationToken.None)).Items);

        Assert.DoesNotContain("geheim", item.Owner, StringComparison.Ordinal);
        Assert.Equal(await recorder.OwnerAsync("msteams", "a:1geheim-gesprek", CancellationToken.None), item.Owner);
        Assert.NotEqual(item.Owner, await recorder.OwnerAsync("webchat", "a:1geheim-gesprek", CancellationToken.None));

        // Another store has another key: the hash cannot be recomputed from the conversation id alone.
        using var elsewhere = new EditorsRecorder(new MemoryEditorStore(), Options.Create(new EditorsOptions()), clock, NullLogger<EditorsRecorder>.Instance);
        Assert.NotEqual(item.Owner, await elsewhere.OwnerAsync("msteams", "a:1geheim-gesprek", CancellationToken.None));
    }
}
