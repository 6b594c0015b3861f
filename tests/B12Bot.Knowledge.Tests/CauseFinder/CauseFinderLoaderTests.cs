using System.Text.Json.Nodes;
using B12Bot.Knowledge.CauseFinder;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.CauseFinder;

public sealed class CauseFinderLoaderTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("causefinder-");

    public void Dispose() => dir.Delete(recursive: true);

    [Fact]
    public void The_real_file_loads_with_every_question_accepting_dont_know()
    {
        var rules = CauseFinderLoader.Load(CauseFinderFiles.Path, RealKnowledge.Base);

        Assert.Equal(
            ["dieet", "leeftijd", "operatie", "darmziekte", "auto-immuun", "medicijnen", "alcohol", "vis", "klachten"],
            rules.Questions.Select(q => q.Id));
        Assert.All(rules.Questions, q => Assert.True(q.Options[^1].IsDontKnow));
        Assert.All(rules.Questions.Where(q => q.Multiple), q => Assert.False(string.IsNullOrWhiteSpace(q.FollowUp)));
        Assert.All(rules.Causes, c => Assert.Contains(c.Entry, CauseFinderFiles.KnownEntryIds));
        Assert.Contains("geen diagnose", rules.Intro, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ending_names_the_tests_and_treatments_of_the_article()
    {
        var ending = CauseFinderFiles.Rules.Ending;

        foreach (var test in new[] { "bloedtest", "methylmalonzuur", "homocysteïne", "antistoffen tegen de intrinsieke factor" })
        {
            Assert.Contains(test, ending.Tests.Text, StringComparison.Ordinal);
        }

        foreach (var route in new[] { "oraal", "sublinguaal", "hoge dosis", "intramusculaire injecties", "onderliggende aandoening" })
        {
            Assert.Contains(route, ending.Treatments.Text, StringComparison.Ordinal);
        }

        Assert.Contains("huisarts", ending.GpReminder, StringComparison.Ordinal);
    }

    [Fact]
    public void The_red_flag_symptom_options_are_urgent()
    {
        var symptoms = CauseFinderFiles.Rules.FindQuestion("klachten")!;

        Assert.Equal(["lopen", "verward", "plotseling"], symptoms.Options.Where(o => o.Urgent).Select(o => o.Id));
    }

    /// <summary>A change to the real file, and the problem the load must report (file name included).</summary>
    public static TheoryData<string, string> BadFiles => new()
    {
        { "causes[0].entry=faq-99", "cause 'pernicieuze-anemie': unknown knowledge entry 'faq-99'" },
        { "rules[0].when[0].question=dieten", "rules[0]: unknown question 'dieten'" },
        { "rules[5].when[0].anyOf[0]=rauw", "rules[5]: unknown option 'rauw' of question 'vis'" },
        { "rules[0].cause=bloedarmoede", "rules[0]: unknown cause 'bloedarmoede'" },
        { "questions[1].id=dieet", "question 'dieet': duplicate id 'dieet'" },
        { "causes[1].id=pernicieuze-anemie", "cause 'pernicieuze-anemie': duplicate id 'pernicieuze-anemie'" },
        { "questions[0].options[1].id=veganistisch", "question 'dieet', option 'veganistisch': duplicate option id" },
        { "questions[0].options[0].id=weet-niet", "question 'dieet', option 'weet-niet': id 'weet-niet' is reserved" },
        { "questions[0].text=", "question 'dieet': text: empty text" },
        { "questions[0].options[0].title= ", "question 'dieet', option 'veganistisch': title: empty text" },
        { "causes[0].why=Geen antwoorden hier.", "cause 'pernicieuze-anemie': why must contain {antwoorden}" },
        { "questions[2].followUp=", "question 'operatie': followUp (needed when multiple is true): empty text" },
        { "ending.tests.entry=faq-11", "ending.tests: unknown knowledge entry 'faq-11'" },
        { "ending.treatments.seeAlso[1]=behandeling", "ending.treatments: seeAlso: unknown knowledge entry 'behandeling'" },
        { "ending.symptomsQuestion=symptomen", "ending.symptomsQuestion: unknown question 'symptomen'" },
        { "intro=", "intro: empty text" },
        { "rules[0].cause=maagoperatie", "cause 'pernicieuze-anemie': no rule leads to it" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_is_refused_naming_file_item_and_problem(string change, string problem)
    {
        var path = WriteChanged(change);

        var error = Assert.Throws<CauseFinderDataException>(() => CauseFinderLoader.Load(path, CauseFinderFiles.KnownEntryIds));

        Assert.Equal("causefinder.json", error.FileName);
        Assert.StartsWith("causefinder.json:", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_property_is_refused_with_its_place()
    {
        var root = JsonNode.Parse(File.ReadAllText(CauseFinderFiles.Path))!;
        root["questions"]![0]!["opties"] = new JsonArray();
        var path = Write(root.ToJsonString());

        var error = Assert.Throws<CauseFinderDataException>(() => CauseFinderLoader.Load(path, CauseFinderFiles.KnownEntryIds));

        Assert.Contains("opties", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("causefinder.json:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"version\": 1, ")]
    [InlineData("null")]
    public void Broken_json_is_refused_naming_the_file(string json)
    {
        var path = Write(json);

        var error = Assert.Throws<CauseFinderDataException>(() => CauseFinderLoader.Load(path, CauseFinderFiles.KnownEntryIds));

        Assert.StartsWith("causefinder.json:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_file()
    {
        var error = Assert.Throws<CauseFinderDataException>(
            () => CauseFinderLoader.Load(Path.Combine(dir.FullName, "causefinder.json"), CauseFinderFiles.KnownEntryIds));

        Assert.StartsWith("causefinder.json: cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var root = JsonNode.Parse(File.ReadAllText(CauseFinderFiles.Path))!;
        root["intro"] = "";
        root["causes"]![0]!["entry"] = "nergens";
        var path = Write(root.ToJsonString());

        var error = Assert.Throws<CauseFinderDataException>(() => CauseFinderLoader.Load(path, CauseFinderFiles.KnownEntryIds));

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Without_known_ids_entries_are_not_checked()
    {
        var path = WriteChanged("causes[0].entry=faq-99");

        var rules = CauseFinderLoader.Load(path, knownEntryIds: null);

        Assert.Equal("faq-99", rules.Causes[0].Entry);
    }

    /// <summary>Applies "a.b[0].c=value" to a copy of the real file.</summary>
    private string WriteChanged(string change)
    {
        var root = JsonNode.Parse(File.ReadAllText(CauseFinderFiles.Path))!;
        var eq = change.IndexOf('=', StringComparison.Ordinal);
        var steps = change[..eq].Split('.');
        JsonNode node = root;
        for (var i = 0; i < steps.Length; i++)
        {
            var (name, index) = Step(steps[i]);
            var last = i == steps.Length - 1;
            if (index is null && last)
            {
                node[name] = change[(eq + 1)..];
                break;
            }

            node = node[name]!;
            if (index is { } at)
            {
                if (last)
                {
                    node[at] = change[(eq + 1)..];
                    break;
                }

                node = node[at]!;
            }
        }

        return Write(root.ToJsonString());
    }

    private static (string Name, int? Index) Step(string step)
    {
        var open = step.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? (step, null)
            : (step[..open], int.Parse(step[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Write(string json)
    {
        var path = Path.Combine(dir.FullName, "causefinder.json");
        File.WriteAllText(path, json);
        return path;
    }
}
