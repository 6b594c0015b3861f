using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// What the query planner makes of the shape of a question (knowledge/synonyms.json, the categories its rules read): which rule it
/// applies, what a concept then weighs, and whether the question is ours at all.
/// </summary>
public sealed class QueryPlannerTests
{
    private static QueryPlan Plan(string question) =>
        RealKnowledge.Answerer.Evaluate(question).Plan ?? throw new InvalidOperationException($"no plan for '{question}'");

    private static float WeightOf(QueryPlan plan, string term) =>
        plan.Concepts.Where(c => c.Terms.Any(t => t.Term == term)).Sum(c => c.Weight);

    [Theory]
    [InlineData("sinds mijn maagverkleining tintelingen in mijn vingers", "tintelingen", "tintel")]
    [InlineData("ik gebruik esomeprazol en ben doodop", "doodop", "vermoeid")]
    [InlineData("ik heb coeliakie en ben vergeetachtig", "vergeetachtig", "geheugenproblem")]
    [InlineData("after my gastric bypass I feel tired", "tired", "vermoeid")]
    public void A_complaint_beside_a_named_cause_weighs_less_than_on_its_own(string question, string complaint, string term)
    {
        var plan = Plan(question);
        var alone = Plan(complaint);

        Assert.Contains(QueryPlan.SymptomBesideCauseRule, plan.Rules);
        Assert.Empty(alone.Rules);
        Assert.True(WeightOf(plan, term) < WeightOf(alone, term) / 2, $"{WeightOf(plan, term)} vs {WeightOf(alone, term)}");
    }

    [Theory]
    [InlineData("sinds mijn maagverkleining tintelingen in mijn vingers", "maagoperaties")]
    [InlineData("ik gebruik esomeprazol en ben doodop", "waarom-het-ertoe-doet")]
    [InlineData("ik heb coeliakie en ben vergeetachtig", "malabsorptie")]
    [InlineData("lintworm en een doof gevoel in mijn tenen", "parasieten")]
    public void A_complaint_beside_a_named_cause_is_answered_from_the_cause(string question, string entry)
    {
        var answer = RealKnowledge.Answerer.Ask(question);

        Assert.Equal(AnswerOutcome.Answer, answer.Outcome);
        Assert.Equal(entry, answer.Entry?.Id);
    }

    [Theory]
    [InlineData("Ik eet al lang veganistisch. Zijn tintelende vingers een teken van een tekort?", "tintel")]
    [InlineData("Na mijn gastric bypass ben ik vaak moe. Welke klachten geeft een b12 tekort?", "vermoeid")]
    public void A_story_whose_question_asks_about_complaints_keeps_them_whole_beside_a_cause_in_its_setting(string question, string term)
    {
        var plan = Plan(question);
        var complaintInSetting = Plan(question.Replace("?", "", StringComparison.Ordinal) + ". Wat nu?");

        Assert.DoesNotContain(QueryPlan.SymptomBesideCauseRule, plan.Rules);
        Assert.True(WeightOf(plan, term) > 0, $"no {term} in '{question}'");
        Assert.Contains(QueryPlan.SymptomBesideCauseRule, complaintInSetting.Rules);
    }

    [Theory]
    [InlineData("Mijn opa is 81. Kan vergeetachtigheid een symptoom van te weinig b12 zijn?", "geheugenproblem")]
    [InlineData("mijn opa is 81 en vergeetachtig. kan dat van te weinig b12 zijn", "geheugenproblem")]
    [InlineData("mijn grootmoeder van 88 heeft tintelingen in haar voeten, komt dat door b12", "tintel")]
    [InlineData("mijne pepe is zo moe de laatste tijd, kan da van zijn b12 zijn", "vermoeid")]
    public void A_grandparent_or_an_age_beside_a_complaint_says_who_has_it_not_that_old_age_is_the_cause(string question, string term)
    {
        var plan = Plan(question);

        Assert.Contains(QueryPlan.PersonBesideQuestionRule, plan.Rules);
        Assert.DoesNotContain(QueryPlan.SymptomBesideCauseRule, plan.Rules);
        Assert.True(WeightOf(plan, term) > WeightOf(plan, "leeftijd"), $"{WeightOf(plan, term)} vs {WeightOf(plan, "leeftijd")}");
    }

    [Theory]
    [InlineData("mijn oma heeft een maagverkleining gehad, kan haar b12 daardoor zakken", "maagoperatie")]
    [InlineData("mijn opa van 79 slikt al jaren omeprazol, is dat slecht voor zijn b12", "protonpompremmer")]
    public void A_grandparent_or_an_age_beside_a_named_cause_weighs_less_than_the_cause(string question, string term)
    {
        var plan = Plan(question);

        Assert.Contains(QueryPlan.PersonBesideQuestionRule, plan.Rules);
        Assert.True(WeightOf(plan, term) > WeightOf(plan, "leeftijd"), $"{WeightOf(plan, term)} vs {WeightOf(plan, "leeftijd")}");
    }

    [Theory]
    [InlineData("mijn oma is 84, moet zij b12 slikken")]
    [InlineData("mijn opa is vergeetachtig, komt dat door zijn leeftijd of door b12")]
    [InlineData("hebben ouderen met tintelingen vaker een b12 tekort")]
    public void Old_age_stays_the_cause_when_the_question_asks_about_age_or_nothing_else(string question)
    {
        var plan = Plan(question);

        Assert.DoesNotContain(QueryPlan.PersonBesideQuestionRule, plan.Rules);
        Assert.True(WeightOf(plan, "ouder") > 0, $"no age in '{question}'");
    }

    [Theory]
    [InlineData("ik ben moe na mijn operatie aan mijn heup")]
    [InlineData("tintelende handen sinds mijn nieuwe medicijnen")]
    [InlineData("doodop sinds de bevalling")]
    public void A_complaint_after_a_cause_the_article_does_not_name_is_not_ours(string question)
    {
        var plan = Plan(question);

        Assert.Contains(QueryPlan.ComplaintAfterUnnamedCauseRule, plan.Rules);
        Assert.Equal("no-domain-word", plan.OffTopicReason);
    }

    [Fact]
    public void A_complaint_after_an_operation_with_a_b12_word_stays_ours()
    {
        var plan = Plan("moe na een operatie, kan dat door b12 komen");

        Assert.DoesNotContain(QueryPlan.ComplaintAfterUnnamedCauseRule, plan.Rules);
        Assert.Null(plan.OffTopicReason);
    }

    [Theory]
    [InlineData("komt een laag b12 door mijn voeding of door een aandoening", "voeding", "voeding")]
    [InlineData("is een b12 tekort meestal een kwestie van eten of is er iets anders", "eten", "eten")]
    [InlineData("is my low b12 due to my diet or something else", "diet", "dieet")]
    [InlineData("is mijn tekort door de pil of door mijn voeding", "voeding", "voeding")]
    public void Food_offered_against_another_cause_asks_for_the_cause(string question, string food, string term)
    {
        var plan = Plan(question);
        var alone = Plan(food);

        Assert.Contains(QueryPlan.DietOrOtherCauseRule, plan.Rules);
        Assert.True(WeightOf(plan, term) < WeightOf(alone, term) / 2, $"{WeightOf(plan, term)} vs {WeightOf(alone, term)}");
        Assert.True(WeightOf(plan, "oorzak") > WeightOf(plan, term));
        Assert.Contains(RealKnowledge.Answerer.Ask(question).Entry?.Id, new[] { "faq-01", "samenvatting", "inleiding", "aandachtspunten" });
    }

    [Theory]
    [InlineData("is vlees of vis een betere bron van b12")]
    [InlineData("welke voeding helpt tegen een b12 tekort")]
    [InlineData("eet ik genoeg b12 of moet ik pillen nemen")]
    [InlineData("moet ik bij een tekort pillen slikken of meer vlees eten")]
    public void Food_without_another_cause_offered_stays_food(string question)
    {
        Assert.DoesNotContain(QueryPlan.DietOrOtherCauseRule, Plan(question).Rules);
    }

    [Theory]
    [InlineData("is een b12 tekort gevaarlijk")]
    [InlineData("hoe schadelijk is een laag b12")]
    [InlineData("is low b12 dangerous")]
    public void Harm_beside_a_tekort_asks_for_its_complications(string question)
    {
        var plan = Plan(question);

        Assert.Contains(QueryPlan.HarmOfDeficiencyRule, plan.Rules);
        Assert.True(WeightOf(plan, "complicaties") > 0);
        Assert.Equal(0f, WeightOf(plan, "toxiciteit"));
        Assert.Equal("waarom-het-ertoe-doet", RealKnowledge.Answerer.Ask(question).Entry?.Id);
    }

    [Theory]
    [InlineData("is het gevaarlijk om te veel b12 te slikken")]
    [InlineData("is b12 schadelijk")]
    [InlineData("zijn hoog gedoseerde b12 supplementen gevaarlijk bij een tekort")]
    public void Harm_of_too_much_or_of_taking_b12_keeps_its_meaning(string question)
    {
        var plan = Plan(question);

        Assert.DoesNotContain(QueryPlan.HarmOfDeficiencyRule, plan.Rules);
        Assert.True(WeightOf(plan, "toxiciteit") > 0);
    }

    [Fact]
    public void An_untreated_tekort_that_is_also_called_harmful_says_complications_once()
    {
        var plan = Plan("kan een onbehandeld b12 tekort kwaad");

        Assert.Single(plan.Concepts, c => c.Terms.Any(t => t.Term == "complicaties"));
    }

    [Theory]
    [InlineData("gevolgen van een onbehandelde depressie", "other-consequence")]
    [InlineData("kan een hernia blijvende zenuwschade geven", "other-consequence")]
    [InlineData("wanneer neem ik mijn maagzuurremmer in", "medicine")]
    [InlineData("gevolgen van een onbehandeld vitamine d tekort", "other-nutrient")]
    public void Consequences_of_something_else_and_a_medicine_by_its_parts_are_not_ours(string question, string reason)
    {
        Assert.Equal(reason, Plan(question).OffTopicReason);
    }

    [Theory]
    [InlineData("wat als je een b12 tekort niet behandelt")]
    [InlineData("kan een laag b12 blijvende schade geven")]
    public void Consequences_of_a_low_b12_are_ours(string question)
    {
        Assert.Null(Plan(question).OffTopicReason);
        Assert.Contains(RealKnowledge.Answerer.Ask(question).Entry?.Id, new[] { "waarom-het-ertoe-doet", "aandachtspunten" });
    }

    [Theory]
    [InlineData("hoeveel microgram b12 per dag voor een volwassene", QueryPlan.NotCoveredAmount)]
    [InlineData("wat is de dagelijkse behoefte aan b12", QueryPlan.NotCoveredAmount)]
    [InlineData("mag mijn hond b12 tabletten", QueryPlan.NotCoveredAlways)]
    [InlineData("b12 slikken tijdens de zwangerschap", QueryPlan.NotCoveredSubject)]
    [InlineData("helpt b12 bij afvallen", QueryPlan.NotCoveredSubject)]
    [InlineData("werkt de pil nog met b12", QueryPlan.NotCoveredSubject)]
    [InlineData("is een b12 injectie pijnlijk", QueryPlan.NotCoveredPain)]
    public void What_the_article_does_not_cover_is_not_answered_beside_b12(string question, string reason)
    {
        var plan = Plan(question);

        Assert.Equal(reason, plan.NotCovered);
        Assert.Equal(reason, plan.OffTopicReason);
        Assert.Equal(AnswerOutcome.NoMatch, RealKnowledge.Answerer.Ask(question).Outcome);
    }

    [Theory]
    [InlineData("ik slik 1000 microgram per dag, is dat te veel", "faq-10")]
    [InlineData("maximale dosis b12 per dag", "faq-10")]
    [InlineData("ik ben zwanger en veganist, krijg ik een b12 tekort", "faq-02")]
    [InlineData("afgevallen na mijn maagverkleining, moet ik op b12 letten", "maagoperaties")]
    [InlineData("zenuwpijn en tintelingen door een b12 tekort", "faq-04")]
    public void An_amount_asked_as_too_much_or_a_subject_beside_a_named_cause_is_still_answered(string question, string entry)
    {
        var plan = Plan(question);

        Assert.Null(plan.NotCovered);
        Assert.Equal(entry, RealKnowledge.Answerer.Ask(question).Entry?.Id);
    }

    [Fact]
    public void Another_vitamin_beside_b12_is_not_answered()
    {
        Assert.Equal("other-nutrient", Plan("wat is het verschil tussen vitamine b6 en b12").OffTopicReason);
    }

    [Theory]
    [InlineData("is veganisme gevaarlijk voor je b12")]
    [InlineData("is vegetarisch eten schadelijk voor je b12")]
    public void Harm_beside_a_diet_asks_whether_the_diet_leads_to_a_tekort(string question)
    {
        var plan = Plan(question);

        Assert.Contains(QueryPlan.HarmOfDietRule, plan.Rules);
        Assert.Equal(0f, WeightOf(plan, "toxiciteit"));
        Assert.Contains(RealKnowledge.Answerer.Ask(question).Entry?.Id, new[] { "faq-02", "waarom-het-ertoe-doet" });
    }

    [Fact]
    public void Groceries_beside_a_shop_word_ask_for_food_unless_they_name_supplements()
    {
        Assert.Null(Plan("wat moet ik kopen voor mijn boodschappen om meer b12 te krijgen").OffTopicReason);
        Assert.Equal("shop", Plan("b12 tabletten kopen in de supermarkt").OffTopicReason);
    }

    [Fact]
    public void In_a_long_message_the_unknown_words_weigh_less_and_the_named_cause_answers()
    {
        // Greetings and when it started ("vorig jaar", "sindsdien") are stop words; what the teller does and where is the
        // setting the rule weighs less.
        const string question = "goedendag, ik werk als kapper en ben vorig jaar in het ziekenhuis aan mijn maag geopereerd met een "
            + "gastric bypass en sindsdien heb ik last van tintelende voeten en ben ik heel vaak moe, mijn partner maakt zich zorgen, "
            + "kan dat door b12 komen";
        var plan = Plan(question);

        Assert.Contains(QueryPlan.StoryRule, plan.Rules);
        Assert.Contains(RealKnowledge.Answerer.Ask(question).Entry?.Id, new[] { "maagoperaties", "faq-07" });
    }

    [Theory]
    [InlineData("ik ben veganist, hoe vaak moet ik mijn b12 laten testen", "veganist", "faq-06")]
    [InlineData("als vegetarier, welke voedingsmiddelen zijn rijk aan b12", "vegetarier", "faq-09")]
    [InlineData("ik heb diabetes en slik metformine, kan mijn b12 dalen", "diabetes", "waarom-het-ertoe-doet")]
    public void An_entrys_own_topic_decides_over_who_asks(string question, string group, string entry)
    {
        var plan = Plan(question);
        var alone = Plan("ik ben " + group + " en mijn b12 is laag");

        Assert.Contains(QueryPlan.TopicBesideGroupRule, plan.Rules);
        Assert.DoesNotContain(QueryPlan.TopicBesideGroupRule, alone.Rules);
        Assert.True(WeightOf(plan, group) < WeightOf(alone, group) / 2, $"{WeightOf(plan, group)} vs {WeightOf(alone, group)}");
        Assert.Equal(entry, RealKnowledge.Answerer.Ask(question).Entry?.Id);
    }

    [Theory]
    [InlineData("lintworm bij mijn kat")]
    [InlineData("mijn b12 is 210, is dat normaal")]
    [InlineData("wat is de referentiewaarde van b12")]
    [InlineData("hoe snel werken b12 injecties na een maagverkleining")]
    [InlineData("maakt b12 je nagels sterker")]
    [InlineData("zit er b12 in een energiedrankje")]
    [InlineData("mijn cholesterol en b12 zijn te hoog")]
    public void What_the_article_never_covers_is_not_answered_even_beside_a_cause(string question)
    {
        var plan = Plan(question);

        Assert.Equal(QueryPlan.NotCoveredAlways, plan.NotCovered);
        Assert.Equal(AnswerOutcome.NoMatch, RealKnowledge.Answerer.Ask(question).Outcome);
    }

    [Theory]
    [InlineData("mijn vader is 83, heeft hij extra b12 nodig", "faq-08")]
    [InlineData("sinds 2019 veganist, heb ik een b12 tekort", "faq-02")]
    public void An_age_is_old_age_and_a_year_is_no_measured_value(string question, string entry)
    {
        var plan = Plan(question);

        Assert.Null(plan.NotCovered);
        Assert.Equal(entry, RealKnowledge.Answerer.Ask(question).Entry?.Id);
    }
}
