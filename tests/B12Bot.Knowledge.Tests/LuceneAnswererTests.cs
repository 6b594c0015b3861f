using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests;

/// <summary>The answerer as the bot uses it: a question in, an answer, a clarification or nothing out.</summary>
public sealed class LuceneAnswererTests
{
    private static LuceneAnswerer Answerer => RealKnowledge.Answerer;

    [Theory]
    [InlineData("Wat is pernicieuze anemie?", "pernicieuze-anemie")]
    [InlineData("ik eet geen vlees, moet ik me zorgen maken?", "faq-02")]
    [InlineData("gastric bipass b12", "maagoperaties")]
    [InlineData("tintelende vingers", "faq-04")]
    [InlineData("omeprazol en b12", "waarom-het-ertoe-doet")]
    [InlineData("teveel b12 schadelijk?", "faq-10")]
    [InlineData("mijn moeder is 80, heeft ze extra b12 nodig", "faq-08")]
    [InlineData("mijn moeder is 90, moet ze b12 slikken", "faq-08")]
    [InlineData("zijn die spuitjes nodig of kan ik pillekes nemen", "faq-05")]
    [InlineData("coeliakie", "malabsorptie")]
    [InlineData("Kan ik een lintworm krijgen van sushi?", "parasieten")]
    [InlineData("hoe vaak moet ik mijn b12 laten checken", "faq-06")]
    [InlineData("injecties of tabletten bij een tekort", "faq-05")]
    [InlineData("ziekte van chron", "malabsorptie")]
    [InlineData("hoe is een b12 tekort vast te stellen", "faq-03")]
    [InlineData("metformine", "waarom-het-ertoe-doet")]
    [InlineData("metformine en een tekort", "waarom-het-ertoe-doet")]
    [InlineData("bij de apotheek b12 pillekes gehaald, helpen die", "faq-05")]
    [InlineData("kan je psychotisch worden door een b12 tekort", "pernicieuze-anemie")]
    [InlineData("What causes a low B12 level?", "faq-01")]
    [InlineData("b12 deficiency in vegans", "faq-02")]
    [InlineData("can b12 deficiency be permanent", "waarom-het-ertoe-doet")]
    [InlineData("na mijn gastric sleeve ben ik futloos", "maagoperaties")]
    [InlineData("wat gebeurt er als een b12 tekort niet wordt behandeld", "waarom-het-ertoe-doet")]
    public void A_question_is_answered_from_the_entry_that_answers_it(string question, string entry)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerOutcome.Answer, answer.Outcome);
        Assert.Equal(entry, answer.Entry?.Id);
        Assert.NotEmpty(answer.Passage);
        Assert.True(answer.Score > 0);
    }

    [Theory]
    [InlineData("Wat kost verzending?")]
    [InlineData("wat kost vitamine D bij jullie?")]
    [InlineData("Helpt vitamine C tegen verkoudheid?")]
    [InlineData("Wat is het beste middel tegen hoofdpijn?")]
    [InlineData("Hoe laat gaat de apotheek dicht?")]
    [InlineData("Wie is de koning van Nederland?")]
    [InlineData("qwerty")]
    [InlineData("vitamine")]
    [InlineData("tekort")]
    [InlineData("apotheek")]
    [InlineData("kosten")]
    [InlineData("Wat kost een B12 injectie?")]
    [InlineData("ijzertekort")]
    [InlineData("welke supplementen raadt u aan")]
    [InlineData("operatie aan de knie")]
    [InlineData("zijn b12 tabletten duur")]
    [InlineData("heb ik een recept nodig voor vitamine b12")]
    [InlineData("vergoedt mijn verzekering b12 injecties")]
    [InlineData("kan de apotheker mijn b12 waarde meten")]
    [InlineData("kun je duizelig worden van pantoprazol")]
    [InlineData("metformine vergeten in te nemen")]
    [InlineData("what are your opening hours")]
    [InlineData("symptoms of vitamin d deficiency")]
    [InlineData("tired since my hip surgery")]
    [InlineData("wat zijn de gevolgen van een onbehandelde blaasontsteking")]
    // an amount is no age: a price of 90 tablets is not a question about older people
    [InlineData("Hoeveel euro betaal ik voor 90 tabletjes B12 bij jullie?")]
    [InlineData("prijs b12 1000 mcg 60 tabletten")]
    public void An_off_topic_question_is_not_answered(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerOutcome.NoMatch, answer.Outcome);
        Assert.Null(answer.Entry);
        Assert.Empty(answer.Passage);
    }

    [Fact]
    public void Every_entry_button_question_comes_back_to_its_entry()
    {
        foreach (var entry in RealKnowledge.Base.Entries)
        {
            var answer = Answerer.Ask(entry.Question);
            Assert.Equal(AnswerOutcome.Answer, answer.Outcome);
            Assert.Equal(entry.Id, answer.Entry?.Id);

            var shouted = Answerer.Ask("  " + entry.Question.ToUpperInvariant() + "  ");
            Assert.Equal(entry.Id, shouted.Entry?.Id);
        }
    }

    [Theory]
    [InlineData("AND (")]
    [InlineData("b12?")]
    [InlineData("\"")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("?b12")]
    [InlineData("b12~2 AND OR NOT (\"tekort\" [x TO y] {a} ^3 \\ / : !")]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData(null)]
    [InlineData("😀 🥦 b12 😀")]
    [InlineData("\0\u0001\u200b")]
    public void Search_syntax_and_odd_input_never_throw(string? question)
    {
        var answer = Answerer.Ask(question);
        Assert.True(Enum.IsDefined(answer.Outcome));
    }

    [Fact]
    public void A_one_megabyte_question_is_handled()
    {
        var question = string.Concat(Enumerable.Repeat("b12 tekort vegan AND ( ", 1024 * 1024 / 23));

        var answer = Answerer.Ask(question);

        Assert.True(Enum.IsDefined(answer.Outcome));
    }

    [Fact]
    public void A_section_answer_shows_its_best_matching_paragraphs_in_article_order_not_the_whole_section()
    {
        var answer = Answerer.Ask("hoe snel na een maagoperatie krijg je een b12 tekort, na 6 maanden?");
        var entry = Assert.IsType<KnowledgeEntry>(answer.Entry);

        Assert.Equal("maagoperaties", entry.Id);
        Assert.InRange(answer.Passage.Count, 1, 2);
        Assert.True(answer.Passage.Count < entry.Paragraphs.Count);
        var positions = answer.Passage.Select(p => entry.Paragraphs.ToList().IndexOf(p)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, "a passage paragraph is not verbatim from the entry"));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains(answer.Passage, p => p.Contains("6–12 maanden", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bulleted_section_asked_for_as_a_whole_shows_all_its_bullets()
    {
        var answer = Answerer.Ask("Wat zijn de belangrijkste aandachtspunten over B12-tekort?");

        Assert.Equal("aandachtspunten", answer.Entry?.Id);
        Assert.Equal(answer.Entry!.Paragraphs, answer.Passage);
    }

    [Fact]
    public void An_faq_answer_is_its_answer_paragraph()
    {
        var answer = Answerer.Ask("Kan een veganistisch dieet leiden tot B12-tekort?");

        Assert.Equal("faq-02", answer.Entry?.Id);
        Assert.Equal(answer.Entry!.Paragraphs, answer.Passage);
    }

    [Fact]
    public void An_answer_offers_at_most_three_related_entries_from_the_knowledge_links()
    {
        var answer = Answerer.Ask("ziekte van Biermer");

        Assert.Equal("pernicieuze-anemie", answer.Entry?.Id);
        Assert.InRange(answer.Related.Count, 1, 3);
        Assert.Equal(answer.Entry!.Related.Take(3), answer.Related.Select(r => r.Id));
    }

    [Fact]
    public void Two_unrelated_entries_that_fit_equally_well_are_offered_as_a_choice()
    {
        using var answerer = new LuceneAnswerer(RealKnowledge.Base, new AnswererOptions { SureThreshold = 1f });

        var answer = answerer.Ask("parasieten crohn");

        Assert.Equal(AnswerOutcome.Clarify, answer.Outcome);
        Assert.InRange(answer.Alternatives.Count, 2, 3);
        Assert.Equal(["malabsorptie", "parasieten"], answer.Alternatives.Select(a => a.Id).Order());
        Assert.Null(answer.Entry);
    }

    [Fact]
    public void Without_a_learned_decision_the_thresholds_decide_the_outcome()
    {
        var real = RealKnowledge.Base;
        var handRules = new KnowledgeBase(real.Article, real.Entries, real.Keywords)
        {
            Lexicon = real.Lexicon,
            Vocabulary = real.Vocabulary,
            EnglishWords = real.EnglishWords,
        };
        using var strict = new LuceneAnswerer(handRules, new AnswererOptions { AnswerThreshold = 5f, TopicOnlyThreshold = 5f });

        Assert.Equal(AnswerOutcome.NoMatch, strict.Ask("na mijn sleeve operatie is mijn b12 te laag").Outcome);
        Assert.Equal(AnswerOutcome.Answer, Answerer.Ask("na mijn sleeve operatie is mijn b12 te laag").Outcome);
        Assert.Equal(AnswerOutcome.Answer, strict.Ask(RealKnowledge.Base["faq-03"].Question).Outcome);
    }

    [Fact]
    public void The_learned_decisions_threshold_decides_the_outcome()
    {
        var model = RealKnowledge.Base.Decision!;
        var never = new B12Bot.Knowledge.Decision.DecisionModel
        {
            Features = model.Features,
            Trees = model.Trees,
            Bias = model.Bias,
            Slope = model.Slope,
            Offset = model.Offset,
            AnswerFrom = 1.01f,
        };
        const string question = "na mijn sleeve operatie is mijn b12 te laag";

        Assert.Equal(AnswerOutcome.Answer, Answerer.Evaluate(question, model).Answer.Outcome);
        Assert.Equal(AnswerOutcome.NoMatch, Answerer.Evaluate(question, never).Answer.Outcome);
        Assert.Equal(AnswerOutcome.Answer, Answerer.Evaluate(RealKnowledge.Base["faq-03"].Question, never).Answer.Outcome);
    }

    [Fact]
    public void Many_threads_share_one_answerer_and_get_the_same_answers()
    {
        var questions = RealKnowledge.Base.Entries.SelectMany(e => e.Variants.Take(5)).ToList();
        var expected = questions.Select(q => Describe(Answerer.Ask(q))).ToList();

        var actual = new string[questions.Count * 8];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = Describe(Answerer.Ask(questions[i % questions.Count])));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % questions.Count], actual[i]);
        }
    }

    private static string Describe(Answer answer) =>
        $"{answer.Outcome} {answer.Entry?.Id} {string.Join('|', answer.Passage)} {string.Join(',', answer.Alternatives.Select(a => a.Id))}";
}
