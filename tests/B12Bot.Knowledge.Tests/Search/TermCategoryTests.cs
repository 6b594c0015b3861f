using System.Text.Json.Nodes;
using B12Bot.Knowledge.Analysis;
using B12Bot.Knowledge.Decision;
using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// The term categories of the lexicon (knowledge/synonyms.json, categories) and the verdicts read from them: which
/// words fall in which category, how each verdict of the data decides, and that a new category is data alone.
/// </summary>
public sealed class TermCategoryTests
{
    private static QueryPlan Plan(string question) =>
        RealKnowledge.Answerer.Evaluate(question).Plan ?? throw new InvalidOperationException($"no plan for '{question}'");

    private static bool Holds(QueryPlan plan, string category)
    {
        var id = RealKnowledge.Base.Lexicon.Categories.ToList().FindIndex(c => c.Name == category);
        Assert.True(id >= 0, $"no category {category}");
        return (plan.Categories & (1UL << id)) != 0;
    }

    private static TermCategory Category(string name, CategoryCounts counts, params string[] words) =>
        new() { Name = name, About = name, Counts = counts, Words = words };

    [Fact]
    public void A_term_maps_to_every_category_it_is_in_and_a_category_can_except_another_beside_it()
    {
        var categories = new TermCategories(
            [
                Category("a", CategoryCounts.Any, "tekort", "moe"),
                Category("b", CategoryCounts.Trusted, "tekort") with { ExceptBeside = ["c"] },
                Category("c", CategoryCounts.Whole, "pijn"),
                Category("d", CategoryCounts.Any, "of") with { Match = CategoryMatch.Typed },
            ],
            term => term);

        Assert.Equal(0b0011UL, categories.OfTerm("tekort"));
        Assert.Equal(0b0001UL, categories.OfTerm("moe"));
        Assert.Equal(0UL, categories.OfTerm("of"));
        Assert.Equal(0b1000UL, categories.OfTyped("of"));
        Assert.Equal(0b0001UL, categories.AnyMask & 0b0111UL);
        Assert.Equal(0b0010UL, categories.TrustedMask);
        Assert.Equal(0b0100UL, categories.WholeMask);
        Assert.Equal(0b0101UL, categories.Excepting(0b0111UL));
        Assert.Equal(0b0011UL, categories.Excepting(0b0011UL));
        Assert.Equal(["tekort", "moe"], categories.Terms("a"));
        Assert.Equal(-1, categories.IdOf("e"));
        Assert.Equal(0UL, categories.Bit("e"));
    }

    [Theory]
    [InlineData("wat kost een pot b12", "shop", true)]
    [InlineData("b12 en vitamine d samen", "nutrients", true)]
    [InlineData("ik slik omeprazol", "medicines", true)]
    [InlineData("moet de apotheker dat meten", "pharmacy", true)]
    [InlineData("moet de apotheker dat meten", "pharmacyActs", true)]
    [InlineData("is een b12 injectie pijnlijk", "pain", true)]
    [InlineData("zenuwpijn door een b12 tekort", "pain", false)]
    [InlineData("ligt het aan mijn eten of iets anders", "otherCauses", true)]
    [InlineData("ligt het aan mijn eten of iets anders", "joiners", true)]
    [InlineData("ik ben moe", "symptoms", true)]
    [InlineData("mijn b12 is te hoog", "highValue", true)]
    [InlineData("mijn b12 is te hoog", "excess", false)]
    [InlineData("een te hoge dosis", "excess", true)]
    [InlineData("kan ik te veel b12 nemen", "highValue", false)]
    [InlineData("wanneer neem ik mijn maagzuurremmer in", "topic", false)]
    public void A_question_holds_the_categories_of_its_words(string question, string category, bool holds) =>
        Assert.Equal(holds, Holds(Plan(question), category));

    /// <summary>One question per verdict reason of the data: a new verdict needs a line here.</summary>
    public static TheoryData<string, string> Verdicts => new()
    {
        { "wat zijn de verzendkosten van b12 tabletten", "shop" },
        { "heb ik een recept nodig voor b12 injecties", "service" },
        { "mag mijn hond b12 tabletten", QueryPlan.NotCoveredAlways },
        { "mijn b12 is 180, is dat te laag", QueryPlan.NotCoveredAlways },
        { "neem ik b12 best voor of na het ontbijt", QueryPlan.NotCoveredAlways },
        { "moet ik b12 op een nuchtere maag innemen", QueryPlan.NotCoveredAlways },
        { "wat is een goede waarde voor b12", QueryPlan.NotCoveredAlways },
        { "mijn b12 staat te hoog in mijn bloed", QueryPlan.NotCoveredHighValue },
        { "hoeveel microgram b12 per dag", QueryPlan.NotCoveredAmount },
        { "helpt b12 bij afvallen", QueryPlan.NotCoveredSubject },
        { "doet een b12 injectie pijn", QueryPlan.NotCoveredPain },
        { "is vitamine d goed voor de botten", "other-nutrient" },
        { "wanneer neem ik mijn maagzuurremmer in", "medicine" },
        { "wat is de hoofdstad van frankrijk", "no-domain-word" },
        { "gevolgen van een onbehandelde depressie", "other-consequence" },
    };

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Each_verdict_of_the_data_decides_its_question(string question, string reason) =>
        Assert.Equal(reason, Plan(question).OffTopicReason);

    [Theory]
    [InlineData("wat moet ik kopen voor mijn boodschappen als veganist")]
    [InlineData("1000 microgram per dag, is dat te veel")]
    [InlineData("is een te hoge dosis b12 gevaarlijk")]
    [InlineData("b12 te hoog gedoseerd, is dat schadelijk")]
    [InlineData("ik ben zwanger en veganist, krijg ik een b12 tekort")]
    [InlineData("zenuwpijn en tintelingen door een b12 tekort")]
    public void A_verdict_does_not_hold_when_a_category_it_excludes_is_there(string question) =>
        Assert.Null(Plan(question).OffTopicReason);

    [Fact]
    public void Every_verdict_reason_of_the_data_has_a_question_above()
    {
        var tested = Verdicts.Select(row => (string)row[1]).ToHashSet(StringComparer.Ordinal);

        Assert.All(RealKnowledge.Base.Lexicon.Verdicts, v => Assert.Contains(v.Reason, tested));
    }

    [Fact]
    public void Every_category_is_a_feature_of_the_decision_in_the_message_and_in_its_question()
    {
        var lexicon = RealKnowledge.Base.Lexicon;
        var names = DecisionFeatures.Names(lexicon);

        Assert.All(lexicon.Categories, c =>
        {
            Assert.Contains("in:" + c.Name, names);
            Assert.Contains("question:" + c.Name, names);
        });
        Assert.All(DecisionFeatures.LearnedReasons(lexicon), r => Assert.Contains("verdict:" + r, names));
    }

    [Fact]
    public void A_new_category_is_a_change_of_data_alone_counted_and_made_a_feature()
    {
        var folder = Path.Combine(Path.GetTempPath(), "b12bot-categories-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var source = Path.GetDirectoryName(RepoPaths.FaqJson)!;
            File.Copy(RepoPaths.FaqJson, Path.Combine(folder, KnowledgeLoader.FaqFileName));
            var lexicon = JsonNode.Parse(File.ReadAllText(Path.Combine(source, KnowledgeLoader.LexiconFileName)))!.AsObject();
            lexicon["categories"]!["colours"] = JsonNode.Parse(
                "{ \"about\": \"colours\", \"covered\": false, \"counts\": \"whole\", \"words\": [\"rood\", \"blauw\"] }");
            File.WriteAllText(Path.Combine(folder, KnowledgeLoader.LexiconFileName), lexicon.ToJsonString());

            var knowledge = KnowledgeLoader.Load(Path.Combine(folder, KnowledgeLoader.FaqFileName));
            using var answerer = new LuceneAnswerer(knowledge);
            var plan = answerer.Evaluate("krijg je rode of blauwe vlekken van een b12 tekort").Plan!;
            var id = knowledge.Lexicon.Categories.ToList().FindIndex(c => c.Name == "colours");

            Assert.Equal(2, plan.CategoryCounts[id]);
            Assert.Contains("in:colours", DecisionFeatures.Names(knowledge.Lexicon));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
