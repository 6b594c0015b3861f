using B12Bot.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Storage;

/// <summary>
/// What every state store must do, run against each of them (SQLite file, Azurite blobs, memory).
/// Each test gets a fresh, empty store on a hand-moved clock.
/// </summary>
public abstract class StateStorageContract
{
    protected const string ConversationKey = "webchat/conversations/conv-1";
    protected const string UserKey = "webchat/users/user-1";
    protected const string OtherKey = "settings/global";

    /// <summary>Conversations live 30 days, users 60, other keys forever.</summary>
    protected static readonly StateExpiryPolicy Expiry = new(TimeSpan.FromDays(30), TimeSpan.FromDays(60));

    private IConcurrencyAwareStorage? _store;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    protected IConcurrencyAwareStorage Store => _store ??= CreateStore(Clock, Expiry);

    /// <summary>A new, empty store of the kind under test.</summary>
    protected abstract IConcurrencyAwareStorage CreateStore(TimeProvider clock, StateExpiryPolicy expiry);

    /// <summary>The text the backend holds for a key (expired or not), read around the store; null when absent.</summary>
    protected abstract Task<string?> ReadStoredTextAsync(string key);

    public static TheoryData<string, string> PlainValues => new()
    {
        { "nested object", """{"step":3,"answers":{"dieet":"veganistisch","maagoperatie":false},"tags":["a","b"]}""" },
        { "Dutch text and dates stay text", """{"tekst":"één vraag over B12 — ‘tintelingen’","datum":"2025-03-01T09:00:00Z"}""" },
        { "numbers and null", """{"long":9007199254740993,"double":2.5,"negative":-4,"nothing":null}""" },
        { "deep nesting", """{"a":{"b":{"c":{"d":[{"e":[1,2,{"f":"g"}]}]}}}}""" },
        { "empty object", "{}" },
    };

    [Theory]
    [MemberData(nameof(PlainValues))]
    public async Task A_written_value_reads_back_as_the_same_plain_json(string description, string json)
    {
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = ParseVerbatim(json) });

        var read = await Store.ReadAsync([ConversationKey]);

        // Objects come back as the dictionary BotState keeps a turn's state in (nested values as JSON tokens).
        var obj = JObject.FromObject(Assert.IsType<Dictionary<string, object>>(read[ConversationKey]));
        Assert.False(string.IsNullOrEmpty(obj.Value<string>("eTag")), description);
        obj.Remove("eTag");
        Assert.True(JToken.DeepEquals(ParseVerbatim(json), obj), $"{description}: {obj}");
        Assert.Equal(ParseVerbatim(json).ToString(Newtonsoft.Json.Formatting.None), await ReadStoredTextAsync(ConversationKey));
    }

    [Fact]
    public async Task Reading_returns_only_the_keys_that_exist()
    {
        await Store.WriteAsync(new Dictionary<string, object> { [UserKey] = new JObject { ["naam"] = "Anna" } });

        var read = await Store.ReadAsync([ConversationKey, UserKey, "webchat/users/nobody"]);

        Assert.Equal([UserKey], read.Keys);
        Assert.Null(await Store.ReadEntryAsync(ConversationKey));
    }

    [Fact]
    public async Task Each_write_gives_a_new_etag_and_the_entry_carries_it()
    {
        var first = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 1 }, eTag: null);
        var second = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["step"] = 2 }, first);

        var entry = await Store.ReadEntryAsync(ConversationKey);
        var read = (IDictionary<string, object>)(await Store.ReadAsync([ConversationKey]))[ConversationKey];

        Assert.NotEqual(first, second);
        Assert.NotNull(entry);
        Assert.Equal(second, entry.ETag);
        Assert.Equal(second, read["eTag"]);
        Assert.Equal(2, entry.Value.Value<int>("step"));
        Assert.Null(((JObject)entry.Value).Property("eTag"));
        Assert.Equal(Clock.GetUtcNow(), entry.LastModified);
    }

    public static TheoryData<string> ItemShapes => new() { "store item", "dictionary", "JObject" };

    [Theory]
    [MemberData(nameof(ItemShapes))]
    public async Task Writing_with_a_stale_etag_is_a_conflict_and_keeps_the_other_write(string shape)
    {
        var original = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "eerste" }, eTag: null);
        await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "tweede" }, original);

        var stale = Item(shape, "derde", original);
        var conflict = await Assert.ThrowsAsync<StorageConflictException>(
            () => Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = stale }));

        Assert.Equal(ConversationKey, conflict.Key);
        Assert.Equal("tweede", (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<string>("antwoord"));
    }

    [Theory]
    [InlineData("store item", null)]
    [InlineData("store item", "")]
    [InlineData("store item", "*")]
    [InlineData("dictionary", null)]
    [InlineData("dictionary", "*")]
    [InlineData("JObject", null)]
    [InlineData("JObject", "*")]
    public async Task Writing_without_an_etag_or_with_star_overwrites(string shape, string? eTag)
    {
        await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "eerste" }, eTag: null);

        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = Item(shape, "tweede", eTag) });

        Assert.Equal("tweede", (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<string>("antwoord"));
    }

    [Theory]
    [MemberData(nameof(ItemShapes))]
    public async Task A_write_puts_the_new_etag_back_so_the_next_write_matches(string shape)
    {
        var item = Item(shape, "eerste", eTag: null);
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = item });
        var afterFirst = (await Store.ReadEntryAsync(ConversationKey))!.ETag;
        Assert.Equal(afterFirst, ETagOf(item));

        SetAnswer(item, "tweede");
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = item });

        var entry = await Store.ReadEntryAsync(ConversationKey);
        Assert.Equal("tweede", entry!.Value.Value<string>("antwoord"));
        Assert.Equal(entry.ETag, ETagOf(item));
        Assert.NotEqual(afterFirst, entry.ETag);
    }

    /// <summary>Rows: is there a stored entry; which ETag the writer presents; does the write succeed.</summary>
    [Theory]
    [InlineData("absent", "none (create only)", true)]
    [InlineData("present", "none (create only)", false)]
    [InlineData("absent", "*", true)]
    [InlineData("present", "*", true)]
    [InlineData("present", "current", true)]
    [InlineData("present", "stale", false)]
    [InlineData("absent", "stale", false)]
    public async Task Compare_and_swap_writes(string stored, string presented, bool succeeds)
    {
        string? current = null;
        if (stored == "present")
        {
            current = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "oud" }, eTag: null);
        }

        var eTag = presented switch
        {
            "none (create only)" => null,
            "*" => "*",
            "current" => current,
            _ => "0123456789abcdef0123456789abcdef",
        };

        if (succeeds)
        {
            var written = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "nieuw" }, eTag);
            var entry = await Store.ReadEntryAsync(ConversationKey);
            Assert.Equal("nieuw", entry!.Value.Value<string>("antwoord"));
            Assert.Equal(written, entry.ETag);
        }
        else
        {
            await Assert.ThrowsAsync<StorageConflictException>(
                () => Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "nieuw" }, eTag));
            var entry = await Store.ReadEntryAsync(ConversationKey);
            Assert.Equal(stored == "present" ? "oud" : null, entry?.Value.Value<string>("antwoord"));
        }
    }

    [Fact]
    public async Task Of_many_writers_holding_the_same_etag_exactly_one_wins()
    {
        const int writers = 8;
        var eTag = await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["winnaar"] = "niemand" }, eTag: null);

        var attempts = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            try
            {
                var value = new Dictionary<string, object> { ["winnaar"] = $"schrijver {writer}", ["eTag"] = eTag };
                await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = value });
                return writer;
            }
            catch (StorageConflictException)
            {
                return -1;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, outcome => outcome >= 0);
        Assert.Equal($"schrijver {winner}", (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<string>("winnaar"));
    }

    [Fact]
    public async Task Delete_removes_the_keys_and_ignores_missing_ones()
    {
        await Store.WriteAsync(new Dictionary<string, object>
        {
            [ConversationKey] = new JObject { ["step"] = 1 },
            [UserKey] = new JObject { ["naam"] = "Anna" },
            [OtherKey] = new JObject { ["blijft"] = true },
        });

        await Store.DeleteAsync([ConversationKey, UserKey, "webchat/users/never-written"]);

        Assert.Equal([OtherKey], (await Store.ReadAsync([ConversationKey, UserKey, OtherKey])).Keys);
        Assert.Null(await ReadStoredTextAsync(ConversationKey));
        Assert.Null(await ReadStoredTextAsync(UserKey));
    }

    /// <summary>Rows: key, its age in days, whether reads still see it (before any purge).</summary>
    [Theory]
    [InlineData(ConversationKey, 29, true)]
    [InlineData(ConversationKey, 31, false)]
    [InlineData("msteams/conversations/19:a@thread.tacv2/users/29:b", 31, false)]
    [InlineData(UserKey, 31, true)]
    [InlineData(UserKey, 61, false)]
    [InlineData(OtherKey, 3650, true)]
    public async Task Expired_entries_read_as_absent_before_they_are_purged(string key, int ageInDays, bool visible)
    {
        await Store.WriteAsync(new Dictionary<string, object> { [key] = new JObject { ["antwoord"] = "ja" } });

        Clock.Advance(TimeSpan.FromDays(ageInDays));

        Assert.Equal(visible, (await Store.ReadAsync([key])).ContainsKey(key));
        Assert.Equal(visible, await Store.ReadEntryAsync(key) is not null);
        Assert.NotNull(await ReadStoredTextAsync(key));
    }

    [Fact]
    public async Task Purging_deletes_exactly_the_expired_entries()
    {
        await Store.WriteAsync(new Dictionary<string, object>
        {
            ["webchat/conversations/oud"] = new JObject { ["step"] = 1 },
            ["webchat/users/oud"] = new JObject { ["naam"] = "Bram" },
            [OtherKey] = new JObject { ["blijft"] = true },
        });
        Clock.Advance(TimeSpan.FromDays(45));
        await Store.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/nieuw"] = new JObject { ["step"] = 2 } });

        var purged = await Store.PurgeExpiredAsync();

        Assert.Equal(1, purged);
        Assert.Null(await ReadStoredTextAsync("webchat/conversations/oud"));
        Assert.NotNull(await ReadStoredTextAsync("webchat/users/oud"));
        Assert.NotNull(await ReadStoredTextAsync("webchat/conversations/nieuw"));
        Assert.NotNull(await ReadStoredTextAsync(OtherKey));

        Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(2, await Store.PurgeExpiredAsync());
        Assert.Null(await ReadStoredTextAsync("webchat/users/oud"));
        Assert.Null(await ReadStoredTextAsync("webchat/conversations/nieuw"));
        Assert.NotNull(await ReadStoredTextAsync(OtherKey));
    }

    [Fact]
    public async Task A_create_only_write_may_replace_an_expired_entry()
    {
        await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "oud" }, eTag: null);
        Clock.Advance(TimeSpan.FromDays(31));

        await Store.WriteIfMatchAsync(ConversationKey, new JObject { ["antwoord"] = "nieuw" }, eTag: null);

        Assert.Equal("nieuw", (await Store.ReadEntryAsync(ConversationKey))!.Value.Value<string>("antwoord"));
    }

    [Fact]
    public async Task ConversationState_and_UserState_round_trip_without_type_names()
    {
        var progress = new WalkthroughProgress
        {
            Step = 4,
            Answers = ["ja", "nee", "metformine"],
            Flags = new Dictionary<string, bool> { ["vegan"] = true, ["maagoperatie"] = false },
            StartedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.Zero),
        };
        var profile = new Profile { Name = "Anna", Visits = 2 };

        using (var turn = Turn())
        {
            var conversation = new ConversationState(Store);
            var user = new UserState(Store);
            await conversation.CreateProperty<WalkthroughProgress>("progress").SetAsync(turn, progress);
            await user.CreateProperty<Profile>("profile").SetAsync(turn, profile);
            await conversation.SaveChangesAsync(turn);
            await user.SaveChangesAsync(turn);
        }

        using (var turn = Turn())
        {
            var readProgress = await new ConversationState(Store).CreateProperty<WalkthroughProgress>("progress").GetAsync(turn, () => new());
            var readProfile = await new UserState(Store).CreateProperty<Profile>("profile").GetAsync(turn, () => new());
            Assert.Equal(progress.Step, readProgress.Step);
            Assert.Equal(progress.Answers, readProgress.Answers);
            Assert.Equal(progress.Flags, readProgress.Flags);
            Assert.Equal(progress.StartedAt, readProgress.StartedAt);
            Assert.Equal("Anna", readProfile.Name);
            Assert.Equal(2, readProfile.Visits);
        }

        var storedConversation = await ReadStoredTextAsync(ConversationKey);
        var storedUser = await ReadStoredTextAsync(UserKey);
        Assert.NotNull(storedConversation);
        Assert.NotNull(storedUser);
        Assert.DoesNotContain("$type", storedConversation, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", storedUser, StringComparison.Ordinal);
        Assert.Contains("metformine", storedConversation, StringComparison.Ordinal);
        Assert.Contains("\"Visits\":2", storedUser, StringComparison.Ordinal);
        Assert.DoesNotContain("eTag", storedConversation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Type_names_in_stored_json_are_never_instantiated()
    {
        var hostile = JObject.Parse("""
            {"progress":{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"/etc/passwd"},
             "$type":"System.Collections.Generic.SortedSet`1[[System.String, System.Private.CoreLib]], System.Collections"}
            """);
        await Store.WriteAsync(new Dictionary<string, object> { [ConversationKey] = hostile });

        var read = Assert.IsType<Dictionary<string, object>>((await Store.ReadAsync([ConversationKey]))[ConversationKey]);
        using var turn = Turn();
        var state = new ConversationState(Store);
        var progress = await state.CreateProperty<object>("progress").GetAsync(turn, () => new object());

        var stored = Assert.IsType<JObject>(read["progress"]);
        Assert.Equal("System.IO.FileInfo, System.IO.FileSystem", stored.Value<string>("$type"));
        Assert.Equal("System.Collections.Generic.SortedSet`1[[System.String, System.Private.CoreLib]], System.Collections", read["$type"]);
        Assert.IsType<JObject>(progress);
    }

    [Fact]
    public async Task Two_turns_saving_the_same_conversation_conflict_instead_of_losing_an_answer()
    {
        using (var setup = Turn())
        {
            var state = new ConversationState(Store);
            await state.CreateProperty<WalkthroughProgress>("progress").SetAsync(setup, new WalkthroughProgress { Step = 1 });
            await state.SaveChangesAsync(setup);
        }

        using var first = Turn();
        using var second = Turn();
        var firstState = new ConversationState(Store);
        var secondState = new ConversationState(Store);
        var firstProgress = await firstState.CreateProperty<WalkthroughProgress>("progress").GetAsync(first, () => new());
        var secondProgress = await secondState.CreateProperty<WalkthroughProgress>("progress").GetAsync(second, () => new());
        firstProgress.Answers.Add("eerste bericht");
        secondProgress.Answers.Add("tweede bericht");
        await firstState.CreateProperty<WalkthroughProgress>("progress").SetAsync(first, firstProgress);
        await secondState.CreateProperty<WalkthroughProgress>("progress").SetAsync(second, secondProgress);

        await firstState.SaveChangesAsync(first);
        await Assert.ThrowsAsync<StorageConflictException>(() => secondState.SaveChangesAsync(second));

        // The losing turn runs again against fresh state and now keeps both answers.
        using var retry = Turn();
        var retryState = new ConversationState(Store);
        var fresh = await retryState.CreateProperty<WalkthroughProgress>("progress").GetAsync(retry, () => new());
        fresh.Answers.Add("tweede bericht");
        await retryState.CreateProperty<WalkthroughProgress>("progress").SetAsync(retry, fresh);
        await retryState.SaveChangesAsync(retry);

        using var check = Turn();
        var final = await new ConversationState(Store).CreateProperty<WalkthroughProgress>("progress").GetAsync(check, () => new());
        Assert.Equal(["eerste bericht", "tweede bericht"], final.Answers);
    }

    [Fact]
    public async Task State_read_by_a_turn_keeps_its_values_and_is_not_written_again_when_unchanged()
    {
        using (var setup = Turn())
        {
            var state = new ConversationState(Store);
            await state.CreateProperty<WalkthroughProgress>("progress").SetAsync(setup, new WalkthroughProgress { Step = 3, Answers = ["veganistisch"], Flags = { ["maagoperatie"] = true } });
            await state.CreateProperty<string>("naam").SetAsync(setup, "Anna");
            await state.CreateProperty<long>("teller").SetAsync(setup, 9007199254740993);
            await state.SaveChangesAsync(setup);
        }

        var before = (await Store.ReadEntryAsync(ConversationKey))!.ETag;
        using (var turn = Turn())
        {
            var state = new ConversationState(Store);
            var progress = await state.CreateProperty<WalkthroughProgress>("progress").GetAsync(turn, () => new());
            Assert.Equal(3, progress.Step);
            Assert.Equal(["veganistisch"], progress.Answers);
            Assert.True(progress.Flags["maagoperatie"]);
            Assert.Equal("Anna", await state.CreateProperty<string>("naam").GetAsync(turn, () => string.Empty));
            Assert.Equal(9007199254740993, await state.CreateProperty<long>("teller").GetAsync(turn, () => 0));
            await state.SaveChangesAsync(turn);
        }

        Assert.Equal(before, (await Store.ReadEntryAsync(ConversationKey))!.ETag);
    }

    [Fact]
    public async Task Saving_twice_in_one_turn_does_not_conflict_with_itself()
    {
        using var turn = Turn();
        var state = new ConversationState(Store);
        var property = state.CreateProperty<WalkthroughProgress>("progress");

        await property.SetAsync(turn, new WalkthroughProgress { Step = 1 });
        await state.SaveChangesAsync(turn);
        await property.SetAsync(turn, new WalkthroughProgress { Step = 2 });
        await state.SaveChangesAsync(turn);

        using var check = Turn();
        var read = await new ConversationState(Store).CreateProperty<WalkthroughProgress>("progress").GetAsync(check, () => new());
        Assert.Equal(2, read.Step);
    }

    [Fact]
    public async Task Forget_deletes_this_persons_conversation_and_user_state_only()
    {
        using (var setup = Turn())
        {
            var conversation = new ConversationState(Store);
            var user = new UserState(Store);
            var privateState = new PrivateConversationState(Store);
            await conversation.CreateProperty<string>("step").SetAsync(setup, "vraag 3");
            await user.CreateProperty<string>("naam").SetAsync(setup, "Anna");
            await privateState.CreateProperty<string>("notitie").SetAsync(setup, "vegan");
            await conversation.SaveChangesAsync(setup);
            await user.SaveChangesAsync(setup);
            await privateState.SaveChangesAsync(setup);
        }

        await Store.WriteAsync(new Dictionary<string, object> { ["webchat/users/user-2"] = new JObject { ["naam"] = "Bram" } });

        using (var turn = Turn())
        {
            var conversation = new ConversationState(Store);
            var user = new UserState(Store);
            await conversation.LoadAsync(turn);
            await user.LoadAsync(turn);

            await Store.ForgetAsync(turn, [conversation, user]);

            // The end of the turn saves state as usual; nothing may come back.
            await conversation.SaveChangesAsync(turn);
            await user.SaveChangesAsync(turn);
        }

        Assert.Null(await ReadStoredTextAsync(ConversationKey));
        Assert.Null(await ReadStoredTextAsync(UserKey));
        Assert.Null(await ReadStoredTextAsync(StateKeys.PrivateConversation("webchat", "conv-1", "user-1")));
        Assert.NotNull(await ReadStoredTextAsync("webchat/users/user-2"));
    }

    protected static TurnContext Turn(string conversationId = "conv-1", string userId = "user-1")
        => StateTurns.New(conversationId, userId);

    /// <summary>Parses JSON keeping date-like strings as strings, as the stores do.</summary>
    private static JObject ParseVerbatim(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JObject.Load(reader);
    }

    private static object Item(string shape, string answer, string? eTag) => shape switch
    {
        "store item" => new AnswerItem { Antwoord = answer, ETag = eTag! },
        "dictionary" => eTag is null
            ? new Dictionary<string, object> { ["antwoord"] = answer }
            : new Dictionary<string, object> { ["antwoord"] = answer, ["eTag"] = eTag },
        _ => new JObject { ["antwoord"] = answer, ["eTag"] = eTag },
    };

    private static void SetAnswer(object item, string answer)
    {
        switch (item)
        {
            case AnswerItem storeItem:
                storeItem.Antwoord = answer;
                break;
            case IDictionary<string, object> dictionary:
                dictionary["antwoord"] = answer;
                break;
            case JObject obj:
                obj["antwoord"] = answer;
                break;
            default:
                throw new ArgumentException("Unknown item shape.", nameof(item));
        }
    }

    private static string? ETagOf(object item) => item switch
    {
        AnswerItem storeItem => storeItem.ETag,
        IDictionary<string, object> dictionary => dictionary["eTag"] as string,
        JObject obj => obj.Value<string>("eTag"),
        _ => null,
    };

    public sealed class AnswerItem : IStoreItem
    {
        [Newtonsoft.Json.JsonProperty("antwoord")]
        public string? Antwoord { get; set; }

        public string ETag { get; set; } = "";
    }

    public sealed class WalkthroughProgress
    {
        public int Step { get; set; }

        public List<string> Answers { get; set; } = [];

        public Dictionary<string, bool> Flags { get; set; } = [];

        public DateTimeOffset StartedAt { get; set; }
    }

    public sealed class Profile
    {
        public string? Name { get; set; }

        public int Visits { get; set; }
    }
}
