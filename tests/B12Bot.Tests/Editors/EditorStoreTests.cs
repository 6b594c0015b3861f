using System.Text;
using B12Bot.Editors;
using B12Bot.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace B12Bot.Tests.Editors;

/// <summary>
/// The editor stores (memory, SQLite, Azure Blobs on a real Azurite) keep, find, erase and purge the same way; the
/// SQLite file is the owner's alone.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EditorStoreTests(AzuriteFixture azurite) : IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "b12bot-editors-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Kinds => new() { "Memory", "Sqlite", "AzureBlobs" };

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private IEditorStore Create(string kind) => kind switch
    {
        "Memory" => new MemoryEditorStore(),
        "AzureBlobs" => new BlobEditorStore(azurite.ConnectionString, AzuriteFixture.NewContainerName()),
        _ => new SqliteEditorStore(Path.Combine(folder, "editors.db")),
    };

    private static EditorItem Item(EditorItemKind kind, string owner, DateTimeOffset at, string? text = null, string? entry = null) =>
        new() { Kind = kind, Channel = "webchat", Owner = owner, At = at, Text = text, EntryId = entry };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Items_come_back_oldest_first_with_all_their_fields(string kind)
    {
        var store = Create(kind);
        await store.AddAsync(Item(EditorItemKind.Dislike, "a", Monday.AddHours(1), entry: "faq-05"), CancellationToken.None);
        await store.AddAsync(Item(EditorItemKind.Clarified, "a", Monday, "welke dosis?") with { Alternatives = ["faq-05", "faq-10"] }, CancellationToken.None);

        var data = await store.ReadAsync(Monday.AddDays(-1), CancellationToken.None);

        Assert.Equal([EditorItemKind.Clarified, EditorItemKind.Dislike], data.Items.Select(i => i.Kind));
        Assert.Equal("welke dosis?", data.Items[0].Text);
        Assert.Equal(["faq-05", "faq-10"], data.Items[0].Alternatives);
        Assert.Equal("faq-05", data.Items[1].EntryId);
        Assert.Equal(Monday.AddHours(1), data.Items[1].At);
        (store as IDisposable)?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Erasing_an_owner_removes_its_items_and_remembered_answers_only(string kind)
    {
        var store = Create(kind);
        await store.AddAsync(Item(EditorItemKind.Unanswered, "gone", Monday, "vraag 1"), CancellationToken.None);
        await store.AddAsync(Item(EditorItemKind.Unanswered, "kept", Monday, "vraag 2"), CancellationToken.None);
        await store.RememberAnswerAsync("gone/1", "faq-01", "gone", Monday, CancellationToken.None);
        await store.RememberAnswerAsync("kept/1", "faq-02", "kept", Monday, CancellationToken.None);

        await store.EraseOwnerAsync("gone", CancellationToken.None);

        var data = await store.ReadAsync(Monday.AddDays(-1), CancellationToken.None);
        Assert.Equal(["vraag 2"], data.Items.Select(i => i.Text));
        Assert.Null(await store.FindAnswerAsync("gone/1", CancellationToken.None));
        Assert.Equal("faq-02", await store.FindAnswerAsync("kept/1", CancellationToken.None));
        (store as IDisposable)?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Purging_removes_what_is_older_than_the_cut_off_and_the_weeks_before_it(string kind)
    {
        var store = Create(kind);
        await store.AddAsync(Item(EditorItemKind.Unanswered, "a", Monday.AddDays(-40), "oud"), CancellationToken.None);
        await store.AddAsync(Item(EditorItemKind.Unanswered, "a", Monday, "nieuw"), CancellationToken.None);
        await store.AddCountsAsync([new WeeklyCount(EditorWeeks.Of(Monday.AddDays(-40)), WeeklyCountKind.Answered, 5), new WeeklyCount(EditorWeeks.Of(Monday), WeeklyCountKind.Answered, 2)], CancellationToken.None);
        await store.AddCountsAsync([new WeeklyCount(EditorWeeks.Of(Monday), WeeklyCountKind.Answered, 3)], CancellationToken.None);

        await store.PurgeAsync(Monday.AddDays(-30), CancellationToken.None);

        var data = await store.ReadAsync(DateTimeOffset.MinValue, CancellationToken.None);
        Assert.Equal(["nieuw"], data.Items.Select(i => i.Text));
        var week = Assert.Single(data.Weeks);
        Assert.Equal((EditorWeeks.Of(Monday), 5), (week.Week, week.Count));
        (store as IDisposable)?.Dispose();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Counts_added_at_the_same_time_are_all_kept(string kind)
    {
        var store = Create(kind);
        var week = EditorWeeks.Of(Monday);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.AddCountsAsync([new WeeklyCount(week, WeeklyCountKind.Disliked, 1)], CancellationToken.None)));

        var data = await store.ReadAsync(DateTimeOffset.MinValue, CancellationToken.None);
        Assert.Equal(8, Assert.Single(data.Weeks).Count);
        Assert.Equal(await store.HashKeyAsync(CancellationToken.None), await store.HashKeyAsync(CancellationToken.None));
        (store as IDisposable)?.Dispose();
    }

    [Theory]
    [InlineData("Memory", null, typeof(MemoryEditorStore))]
    [InlineData("Sqlite", null, typeof(SqliteEditorStore))]
    [InlineData("AzureBlobs", null, typeof(BlobEditorStore))]
    [InlineData("AzureBlobs", "Sqlite", typeof(SqliteEditorStore))]
    [InlineData("Sqlite", "Memory", typeof(MemoryEditorStore))]
    public void The_editors_store_follows_the_states_storage_unless_configured(string stateKind, string? editorsStore, Type expected)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Kind"] = stateKind,
                ["Storage:Sqlite:Path"] = Path.Combine(folder, "state.db"),
                ["Storage:AzureBlobs:ConnectionString"] = azurite.ConnectionString,
                ["Editors:Store"] = editorsStore,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<B12Bot.Storage.StorageOptions>().Bind(configuration.GetSection("Storage"));
        services.AddB12BotEditors(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType(expected, provider.GetRequiredService<IEditorStore>());
    }

    [Fact]
    public async Task The_hash_key_is_made_once_and_kept_in_the_file()
    {
        var path = Path.Combine(folder, "editors.db");
        byte[] first;
        using (var store = new SqliteEditorStore(path))
        {
            first = await store.HashKeyAsync(CancellationToken.None);
        }

        using var reopened = new SqliteEditorStore(path);
        Assert.Equal(32, first.Length);
        Assert.Equal(first, await reopened.HashKeyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_sqlite_file_is_readable_by_its_owner_only_and_erased_text_is_overwritten()
    {
        var path = Path.Combine(folder, "editors.db");
        const string Secret = "ZZ-unieke-vraagtekst-die-weg-moet-ZZ";
        using (var store = new SqliteEditorStore(path))
        {
            await store.AddAsync(Item(EditorItemKind.Unanswered, "gone", Monday, Secret + string.Concat(Enumerable.Repeat(" opvulling", 200))), CancellationToken.None);
            await store.AddAsync(Item(EditorItemKind.Unanswered, "kept", Monday, "een andere vraag"), CancellationToken.None);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            await store.EraseOwnerAsync("gone", CancellationToken.None);
        }

        // Closing the last connection writes the log back into the file: the erased text must be gone from its bytes.
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("een andere vraag", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
