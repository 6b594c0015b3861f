using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.CauseFinder;

/// <summary>Everything the cause-finder names comes from the article: each cause and ending text cites an entry that says it.</summary>
public sealed class CauseFinderGroundingTests
{
    /// <summary>cause id → words its cited entry must contain.</summary>
    [Theory]
    [InlineData("pernicieuze-anemie", "intrinsieke factor")]
    [InlineData("maagoperatie", "gastric bypass")]
    [InlineData("darmoperatie", "dunne darm")]
    [InlineData("darmziekte", "ziekte van Crohn")]
    [InlineData("auto-immuun-gastritis", "Auto-immuun gastritis")]
    [InlineData("parasieten", "zoetwatervis")]
    [InlineData("medicijnen", "metformine")]
    [InlineData("veganistisch-dieet", "veganisten")]
    [InlineData("leeftijd", "leeftijd")]
    [InlineData("alcohol", "alcoholmisbruik")]
    [InlineData("andere-auto-immuun", "multiple sclerose")]
    [InlineData("vegetarisch-dieet", "plantaardige diëten")]
    public void A_cause_cites_an_entry_that_names_it(string causeId, string words)
    {
        var cause = CauseFinderFiles.Rules.FindCause(causeId);
        Assert.NotNull(cause);

        Assert.Contains(words, EntryText(cause.Entry), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_cause_is_covered_above()
    {
        var covered = typeof(CauseFinderGroundingTests)
            .GetMethod(nameof(A_cause_cites_an_entry_that_names_it))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false)
            .Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]);

        Assert.Equal(CauseFinderFiles.Rules.Causes.Select(c => c.Id).Order(), covered.Order());
    }

    /// <summary>Each test and treatment the ending names, and an entry it cites that says so.</summary>
    [Theory]
    [InlineData("tests", "methylmalonzuur")]
    [InlineData("tests", "antistoffen tegen de intrinsieke factor")]
    [InlineData("tests", "bloedtest")]
    [InlineData("tests", "homocysteïne")]
    [InlineData("treatments", "sublinguale")]
    [InlineData("treatments", "intramusculaire")]
    [InlineData("treatments", "hoge-dosering")]
    [InlineData("treatments", "onderliggende darmaandoening")]
    [InlineData("nothingFits", "protonpompremmers of metformine")]
    [InlineData("nothingFits", "pernicieuze anemie")]
    public void The_ending_cites_entries_that_say_what_it_names(string part, string words)
    {
        var ending = CauseFinderFiles.Rules.Ending;
        var cited = part switch
        {
            "tests" => ending.Tests,
            "treatments" => ending.Treatments,
            _ => ending.NothingFits,
        };

        Assert.Contains(cited.AllEntries, id => EntryText(id).Contains(words, StringComparison.OrdinalIgnoreCase));
    }

    private static string EntryText(string id)
    {
        Assert.True(RealKnowledge.Base.TryGet(id, out var entry), $"unknown entry '{id}'");
        return entry.Title + "\n" + string.Join("\n", entry.Paragraphs);
    }
}
