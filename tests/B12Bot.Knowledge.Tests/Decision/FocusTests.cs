using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Decision;

/// <summary>
/// What a question is about and whether the knowledge covers it: real Dutch words the knowledge does not know are
/// named as not covered, typos of known words are not, and a question in English is marked as such.
/// </summary>
public sealed class FocusTests
{
    [Theory]
    [InlineData("helpt b12 tegen migraine", "migraine")]
    [InlineData("zit er b12 in chlorella", null)]
    [InlineData("helpt b12 tegen slapeloosheid", "slapeloosheid")]
    [InlineData("mag ik b12 nemen met lachgasgebruik", "lachgasgebruik")]
    [InlineData("helpt b12 tegen rusteloze benen", "rusteloze benen")]
    [InlineData("helpt b12 bij een burn-out", "burn-out")]
    [InlineData("mag ik b12 nemen naast mijn statines", "statines")]
    public void A_question_about_something_the_article_does_not_cover_is_not_answered(string question, string? named)
    {
        var answer = RealKnowledge.Answerer.Ask(question);

        Assert.NotEqual(AnswerOutcome.Answer, answer.Outcome);
        Assert.Null(answer.Entry);
        if (named is not null)
        {
            Assert.Equal(named, answer.NotCovered);
        }
    }

    [Theory]
    [InlineData("ik drink elke dag koffie, is dat slecht voor b12", "koffie")]
    [InlineData("drink je veel thee, daalt je b12 dan", "thee")]
    [InlineData("ik rook, heeft dat invloed op b12", null)]
    public void A_verb_beside_its_subject_is_not_what_the_question_is_about(string question, string? uncovered)
    {
        var plan = RealKnowledge.Answerer.Evaluate(question).Plan!;

        Assert.True(plan.UncoveredVerbs >= 1);
        Assert.Equal(uncovered is null ? [] : [uncovered], plan.Uncovered);
    }

    [Fact]
    public void Drinking_a_lot_beside_its_subject_is_about_alcohol()
    {
        var answer = RealKnowledge.Answerer.Ask("ik drink veel in het weekend, kan dat mijn b12 verlagen");

        Assert.Equal("waarom-het-ertoe-doet", answer.Entry?.Id);
    }

    [Theory]
    [InlineData("wat zijn de symptonen van een b12 tekord")]
    [InlineData("welke voedingsmiddelen zijn rijk aan b12")]
    [InlineData("wat houdt pernicieuze anemie precies in")]
    public void A_question_the_article_answers_names_nothing_as_uncovered(string question)
    {
        var trace = RealKnowledge.Answerer.Evaluate(question);

        Assert.Equal(AnswerOutcome.Answer, trace.Answer.Outcome);
        Assert.Empty(trace.Plan!.Uncovered);
        Assert.Null(trace.Answer.NotCovered);
    }

    [Theory]
    [InlineData("What causes low vitamin B12?", true)]
    [InlineData("can you take too much b12", true)]
    [InlineData("Is pernicious anemia een auto-immuunziekte?", false)]
    [InlineData("is het gevaarlijk als je te veel b12 neemt", false)]
    [InlineData("test b12 bloed", false)]
    public void A_question_in_English_is_marked_and_still_answered_from_the_article(string question, bool english)
    {
        var answer = RealKnowledge.Answerer.Ask(question);

        Assert.Equal(english, answer.InEnglish);
    }

    [Fact]
    public void The_learned_decision_gives_each_found_entry_a_probability()
    {
        var trace = RealKnowledge.Answerer.Evaluate("helpt b12 tegen migraine");

        Assert.NotNull(trace.Features);
        Assert.InRange(trace.Probability, 0f, 1f);
        Assert.Equal("decision", trace.Reason);
    }

    [Theory]
    [InlineData("helpt b12 tegen migraine", 1, 1)]
    [InlineData("Ik heb vaak last van migraine. Mijn zus slikt vitamines. Kan B12 helpen?", 1, 0)]
    public void Where_an_uncovered_word_stands_is_read_from_the_question(string question, int afterMarker, int inQuestion)
    {
        var plan = RealKnowledge.Answerer.Evaluate(question).Plan!;

        Assert.Equal(afterMarker, plan.UncoveredAfterMarker);
        Assert.Equal(inQuestion, plan.UncoveredInQuestion);
    }

    [Fact]
    public void The_words_naming_a_questions_object_are_prepositions_and_conjunctions_of_the_stop_list()
    {
        var stopWords = B12Bot.Knowledge.Analysis.DutchStopWords.Words.ToHashSet(StringComparer.Ordinal);

        Assert.All(B12Bot.Knowledge.Search.QueryPlanner.FocusMarkers, marker => Assert.Contains(marker, stopWords));
    }

    [Theory]
    [InlineData("shop", true)]
    [InlineData("service", true)]
    [InlineData("no-domain-word", true)]
    [InlineData(B12Bot.Knowledge.Search.QueryPlan.NotCoveredAmount, false)]
    [InlineData(B12Bot.Knowledge.Search.QueryPlan.NotCoveredAlways, false)]
    [InlineData(B12Bot.Knowledge.Search.QueryPlan.NotCoveredSubject, false)]
    public void What_the_article_never_covers_stays_a_final_verdict_and_the_rest_is_learned(string reason, bool learned)
    {
        var verdicts = RealKnowledge.Base.Lexicon.Verdicts.Where(v => v.Reason == reason).ToList();

        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal(learned, v.Learned));
        Assert.Equal(learned, B12Bot.Knowledge.Decision.DecisionFeatures.LearnedReasons(RealKnowledge.Base.Lexicon).Contains(reason));
    }
}
