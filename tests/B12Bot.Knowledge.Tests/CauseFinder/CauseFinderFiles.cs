using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Knowledge.Tests.CauseFinder;

/// <summary>The real data file of the repository, and the entry ids the knowledge promises (design.md, Contracts).</summary>
internal static class CauseFinderFiles
{
    public static readonly IReadOnlyList<string> KnownEntryIds =
    [
        "samenvatting", "inleiding", "waarom-het-ertoe-doet", "pernicieuze-anemie", "malabsorptie", "maagoperaties",
        "auto-immuun", "parasieten", "aandachtspunten",
        "faq-01", "faq-02", "faq-03", "faq-04", "faq-05", "faq-06", "faq-07", "faq-08", "faq-09", "faq-10",
    ];

    /// <summary>knowledge/causefinder.json, found by walking up from the test binary to the solution.</summary>
    public static string Path { get; } = FindFile();

    private static readonly Lazy<CauseFinderRules> Loaded = new(() => CauseFinderLoader.Load(Path, KnownEntryIds));

    public static CauseFinderRules Rules => Loaded.Value;

    private static string FindFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "knowledge", CauseFinderLoader.FileName);
            if (File.Exists(candidate) && File.Exists(System.IO.Path.Combine(dir.FullName, "B12Bot.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("knowledge/causefinder.json not found above the test binary");
    }
}
