using Microsoft.Bot.Builder;

namespace B12Bot.Dialogs.Tests.Testing;

/// <summary>The stores a conversation test can run over, by name (for [Theory] data).</summary>
public static class Storages
{
    public static TheoryData<string> All => new() { "memory", "json-newtonsoft", "json-system-text-json" };

    public static IStorage Create(string name)
    {
        return name switch
        {
            "memory" => new MemoryStorage(),
            "json-newtonsoft" => new JsonTextStorage(JsonReadMode.Newtonsoft),
            "json-system-text-json" => new JsonTextStorage(JsonReadMode.SystemTextJson),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown storage."),
        };
    }
}
