using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Knowledge.Tests.CauseFinder;

/// <summary>
/// The people of the cause-finder issue, each answering every question in their own words (in question
/// order: dieet, leeftijd, operatie, darmziekte, auto-immuun, medicijnen, alcohol, vis, klachten), and the
/// causes that must come out, most likely first, as "cause → cited entry".
/// </summary>
public sealed class CauseFinderPeopleTests
{
    public static TheoryData<string, string[], string[]> People => new()
    {
        {
            "veganist",
            ["Ik ben veganist", "34", "nee", "nee", "nee", "geen", "nee", "nooit", "ik ben vaak moe"],
            ["veganistisch-dieet → faq-02"]
        },
        {
            "gastric bypass twee jaar geleden",
            ["ik eet alles", "45", "twee jaar geleden een gastric bypass gehad", "nee", "nee", "nee", "nee", "nee", "geen klachten"],
            ["maagoperatie → maagoperaties"]
        },
        {
            "ziekte van Crohn",
            ["gewoon alles", "jonger dan 50", "nee", "ik heb de ziekte van Crohn", "nee", "nee", "nee", "nee", "tintelingen"],
            ["darmziekte → malabsorptie"]
        },
        {
            "omeprazol en metformine",
            ["alles", "48", "nee", "nee", "nee", "omeprazol en metformine", "nee", "nee", "nee"],
            ["medicijnen → waarom-het-ertoe-doet"]
        },
        {
            "75 jaar, verder niets",
            ["ik eet alles", "ik ben 75 jaar", "nee", "nee", "nee", "nee", "nee", "nee", "nee"],
            ["leeftijd → faq-08"]
        },
        {
            "eet rauwe zoetwatervis",
            ["alles", "40", "nee", "nee", "nee", "nee", "nee", "ja, regelmatig rauwe snoek", "moe"],
            ["parasieten → parasieten"]
        },
        {
            "bekende pernicieuze anemie",
            ["alles", "jonger dan 50", "nee", "nee", "ik heb pernicieuze anemie", "nee", "nee", "nee", "nee"],
            ["pernicieuze-anemie → pernicieuze-anemie"]
        },
        {
            "niets van toepassing",
            ["alles", "30", "nee", "nee", "nee", "geen", "nee", "nee", "nee"],
            []
        },
        {
            "oudere met maagzuurremmer en Biermer",
            ["vegetarisch", "68", "nee", "nee", "ziekte van Biermer", "pantoprazol", "nee", "nee", "nee"],
            ["pernicieuze-anemie → pernicieuze-anemie", "medicijnen → waarom-het-ertoe-doet", "leeftijd → faq-08", "vegetarisch-dieet → waarom-het-ertoe-doet"]
        },
        {
            "weet het allemaal niet",
            ["weet ik niet", "weet ik niet", "weet ik niet", "geen idee", "weet ik niet", "ik weet het niet", "weet niet", "weet ik niet", "weet ik niet"],
            []
        },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void Answers_lead_to_the_expected_causes_in_order(string person, string[] typed, string[] expected)
    {
        var rules = CauseFinderFiles.Rules;
        Assert.Equal(rules.Questions.Count, typed.Length);

        var answers = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        for (var i = 0; i < typed.Length; i++)
        {
            var question = rules.Questions[i];
            var chosen = AnswerMatcher.Match(question, typed[i]);
            Assert.True(chosen.Count > 0, $"{person}: '{typed[i]}' not recognised for question '{question.Id}'");
            answers[question.Id] = chosen.Select(o => o.Id).ToList();
        }

        var outcome = CauseFinderEvaluator.Evaluate(rules, answers);

        Assert.Equal(expected, outcome.Causes.Select(c => $"{c.Cause.Id} → {c.EntryId}"));
        foreach (var cause in outcome.Causes)
        {
            Assert.DoesNotContain(CauseFinderRules.AnswersPlaceholder, cause.Reason, StringComparison.Ordinal);
            Assert.NotEmpty(cause.Because);
            Assert.All(cause.Because, o => Assert.Contains(o.Phrase, cause.Reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Two_medicines_are_one_cause_whose_reason_names_both()
    {
        var outcome = Evaluate(("medicijnen", ["maagzuurremmer", "metformine"]));

        var cause = Assert.Single(outcome.Causes);
        Assert.Equal(
            "U gaf aan dat u een maagzuurremmer (protonpompremmer) gebruikt en u metformine gebruikt; "
                + "het artikel noemt bijwerkingen van protonpompremmers en metformine als oorzaak van een B12-tekort.",
            cause.Reason);
    }

    [Theory]
    [InlineData("65-plus", "leeftijd", 45)]
    [InlineData("50-64", "leeftijd", 15)]
    public void A_rule_may_carry_its_own_weight(string age, string cause, int weight)
    {
        var outcome = Evaluate(("leeftijd", [age]));

        var finding = Assert.Single(outcome.Causes);
        Assert.Equal(cause, finding.Cause.Id);
        Assert.Equal(weight, finding.Weight);
    }

    [Fact]
    public void Equal_weights_keep_the_order_of_the_file()
    {
        // leeftijd and alcohol both weigh 45; leeftijd comes first in the file.
        var outcome = Evaluate(("alcohol", ["ja"]), ("leeftijd", ["65-plus"]));

        Assert.Equal(["leeftijd", "alcohol"], outcome.Causes.Select(c => c.Cause.Id));
    }

    [Fact]
    public void Symptoms_are_listed_and_an_urgent_one_is_flagged()
    {
        var outcome = Evaluate(("klachten", ["vermoeidheid", "verward"]));

        Assert.True(outcome.Urgent);
        Assert.Equal(["vermoeidheid", "verward"], outcome.Symptoms.Select(o => o.Id));
        Assert.StartsWith("U noemde vermoeidheid en verwardheid.", outcome.SymptomsText, StringComparison.Ordinal);
    }

    [Fact]
    public void No_symptoms_no_symptom_text_and_not_urgent()
    {
        var outcome = Evaluate(("klachten", ["geen"]), ("dieet", ["veganistisch"]));

        Assert.False(outcome.Urgent);
        Assert.Empty(outcome.Symptoms);
        Assert.Null(outcome.SymptomsText);
    }

    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "a" }, "a")]
    [InlineData(new[] { "a", "b" }, "a en b")]
    [InlineData(new[] { "a", "b", "c" }, "a, b en c")]
    public void Answers_are_joined_the_Dutch_way(string[] parts, string expected) =>
        Assert.Equal(expected, CauseFinderEvaluator.JoinDutch(parts));

    private static CauseFinderOutcome Evaluate(params (string Question, string[] Options)[] answers) =>
        CauseFinderEvaluator.Evaluate(
            CauseFinderFiles.Rules,
            answers.ToDictionary(a => a.Question, a => (IReadOnlyCollection<string>)a.Options, StringComparer.Ordinal));
}
