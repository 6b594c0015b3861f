using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.CauseFinder;

/// <summary>The cause-finder file as the test output holds it (the copy the bot gets), checked against the real knowledge.</summary>
internal static class CauseFinderFiles
{
    public static IReadOnlyList<string> KnownEntryIds => KnowledgeIds.All;

    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "knowledge", CauseFinderLoader.FileName);

    private static readonly Lazy<CauseFinderRules> Loaded = new(() => CauseFinderLoader.Load(Path, RealKnowledge.Base));

    public static CauseFinderRules Rules => Loaded.Value;
}
