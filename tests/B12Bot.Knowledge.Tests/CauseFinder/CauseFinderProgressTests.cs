using System.Text.Json;
using B12Bot.Knowledge.CauseFinder;

namespace B12Bot.Knowledge.Tests.CauseFinder;

public sealed class CauseFinderProgressTests
{
    private static CauseFinderRules Rules => CauseFinderFiles.Rules;

    [Fact]
    public void Questions_come_in_file_order_until_all_are_answered()
    {
        var progress = new CauseFinderProgress();
        var asked = new List<string>();

        for (var next = progress.Next(Rules); next is not null; next = progress.Next(Rules))
        {
            asked.Add(next.Question.Id);
            Assert.False(next.IsFollowUp);
            progress.Record(next.Question.Id, [next.Offered[^1].Id]);
        }

        Assert.Equal(Rules.Questions.Select(q => q.Id), asked);
    }

    /// <summary>
    /// Answers given to a question that allows more than one (";" between turns) → what is offered next: a follow-up
    /// offers only the answers left that would add a cause (metformine adds nothing to a maagzuurremmer: both are
    /// "bijwerking van medicijnen"; lupus and MS add nothing to diabetes type 1).
    /// </summary>
    [Theory]
    [InlineData("medicijnen", "maagzuurremmer", "alcohol")]
    [InlineData("medicijnen", "metformine", "alcohol")]
    [InlineData("medicijnen", "geen", "alcohol")]
    [InlineData("medicijnen", "weet-niet", "alcohol")]
    [InlineData("auto-immuun", "pernicieuze-anemie", "follow-up: auto-immuun-gastritis diabetes-type-1 lupus ms klaar weet-niet")]
    [InlineData("auto-immuun", "pernicieuze-anemie;diabetes-type-1", "follow-up: auto-immuun-gastritis klaar weet-niet")]
    [InlineData("auto-immuun", "pernicieuze-anemie diabetes-type-1", "follow-up: auto-immuun-gastritis klaar weet-niet")]
    [InlineData("auto-immuun", "pernicieuze-anemie;klaar", "medicijnen")]
    [InlineData("auto-immuun", "pernicieuze-anemie;weet-niet", "medicijnen")]
    [InlineData("auto-immuun", "pernicieuze-anemie auto-immuun-gastritis lupus", "medicijnen")]
    [InlineData("operatie", "gastric-bypass", "follow-up: darmoperatie klaar weet-niet")]
    [InlineData("operatie", "sleeve darmoperatie", "darmziekte")]
    [InlineData("darmziekte", "crohn", "auto-immuun")]
    public void A_question_with_more_answers_asks_a_follow_up_only_for_what_could_change_the_result(string questionId, string turns, string expected)
    {
        var progress = UpTo(questionId);
        foreach (var turn in turns.Split(';'))
        {
            progress.Record(questionId, turn.Split(' '));
        }

        var next = progress.Next(Rules)!;

        var shown = next.IsFollowUp ? "follow-up: " + string.Join(' ', next.Offered.Select(o => o.Id)) : next.Question.Id;
        Assert.Equal(expected, shown);
        if (next.IsFollowUp)
        {
            Assert.Equal(Rules.FindQuestion(questionId)!.FollowUp, next.Text);
        }
    }

    [Fact]
    public void The_symptoms_follow_up_offers_only_the_urgent_ones_and_none_once_one_was_chosen()
    {
        var progress = UpTo("klachten");
        progress.Record("klachten", ["vermoeidheid"]);
        Assert.Equal(["lopen", "verward", "plotseling", "klaar", "weet-niet"], progress.Next(Rules)!.Offered.Select(o => o.Id));

        progress.Record("klachten", ["verward"]);
        Assert.Null(progress.Next(Rules));
    }

    [Fact]
    public void A_question_answered_in_passing_is_skipped_and_a_correction_replaces_its_answer()
    {
        var progress = new CauseFinderProgress();
        progress.Record("leeftijd", ["65-plus"]);
        progress.Record("medicijnen", ["maagzuurremmer"]);
        progress.Record("dieet", ["veganistisch"]);

        Assert.Equal("operatie", progress.Next(Rules)!.Question.Id);

        progress.Replace("dieet", ["vegetarisch"]);
        Assert.Equal(["vegetarisch"], progress.Answers(Rules)["dieet"]);

        Assert.True(progress.Forget("leeftijd"));
        Assert.Equal("leeftijd", progress.Next(Rules)!.Question.Id);
    }

    [Fact]
    public void Back_forgets_only_the_last_answer()
    {
        var progress = UpTo("auto-immuun");
        progress.Record("auto-immuun", ["pernicieuze-anemie"]);
        progress.Record("auto-immuun", ["lupus"]);

        Assert.True(progress.Back());
        Assert.True(progress.Next(Rules)!.IsFollowUp);
        Assert.True(progress.Back());
        Assert.Equal("auto-immuun", progress.Next(Rules)!.Question.Id);
        Assert.True(progress.Back());
        Assert.Equal("darmziekte", progress.Next(Rules)!.Question.Id);
        Assert.Equal(["dieet", "leeftijd", "operatie"], progress.Answers(Rules).Keys);
    }

    /// <summary>
    /// Every follow-up offers exactly the options left whose choice would change the causes that fit (or their weight,
    /// or the urgent advice), checked against the full evaluation for every question and first answer.
    /// </summary>
    [Fact]
    public void A_follow_up_offers_exactly_the_answers_that_change_the_evaluation()
    {
        foreach (var question in Rules.Questions.Where(q => q.Multiple))
        {
            foreach (var first in question.OwnOptions.Where(o => !o.Exclusive))
            {
                var progress = UpTo(question.Id);
                progress.Record(question.Id, [first.Id]);
                var answers = progress.Answers(Rules);
                var before = Shown(CauseFinderEvaluator.Evaluate(Rules, answers));
                var expected = question.OwnOptions
                    .Where(o => !o.Exclusive && o.Id != first.Id)
                    .Where(o => Shown(CauseFinderEvaluator.Evaluate(Rules, With(answers, question.Id, first.Id, o.Id))) != before)
                    .Select(o => o.Id)
                    .ToList();

                var next = progress.Next(Rules);
                var offered = next is { IsFollowUp: true } && next.Question == question
                    ? next.Offered.Select(o => o.Id).Where(id => id != Rules.Done.Id && id != Rules.DontKnow.Id).ToList()
                    : [];
                Assert.True(expected.SequenceEqual(offered), $"{question.Id} after {first.Id}: expected [{string.Join(' ', expected)}], offered [{string.Join(' ', offered)}]");
            }
        }
    }

    private static string Shown(CauseFinderOutcome outcome) =>
        string.Join('|', outcome.Causes.Select(c => c.Cause.Id + ":" + c.Weight)) + (outcome.Urgent ? "!" : string.Empty);

    private static Dictionary<string, IReadOnlyCollection<string>> With(
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers, string questionId, params string[] optionIds) =>
        new(answers, StringComparer.Ordinal) { [questionId] = optionIds };

    [Fact]
    public void Back_at_the_start_does_nothing()
    {
        var progress = new CauseFinderProgress();

        Assert.False(progress.Back());
        Assert.Equal("dieet", progress.Next(Rules)!.Question.Id);
    }

    [Fact]
    public void Answers_gather_every_step_of_a_question_without_the_follow_ups_end()
    {
        var progress = UpTo("medicijnen");
        progress.Record("medicijnen", ["metformine"]);
        progress.Record("medicijnen", ["klaar"]);

        Assert.Equal(["metformine"], progress.Answers(Rules)["medicijnen"]);
    }

    [Fact]
    public void Progress_round_trips_through_plain_json()
    {
        var progress = UpTo("auto-immuun");
        progress.IntroShown = true;
        progress.Record("auto-immuun", ["pernicieuze-anemie"]);

        var copy = JsonSerializer.Deserialize<CauseFinderProgress>(JsonSerializer.Serialize(progress))!;

        Assert.True(copy.IntroShown);
        Assert.Equal(progress.Steps.Count, copy.Steps.Count);
        var expected = progress.Next(Rules)!;
        var actual = copy.Next(Rules)!;
        Assert.Equal(expected.Question.Id, actual.Question.Id);
        Assert.True(actual.IsFollowUp);
        Assert.Equal(expected.Offered.Select(o => o.Id), actual.Offered.Select(o => o.Id));
    }

    /// <summary>Progress with "nee"/"alles"-like answers to every question before <paramref name="questionId"/>.</summary>
    private static CauseFinderProgress UpTo(string questionId)
    {
        var progress = new CauseFinderProgress();
        foreach (var question in Rules.Questions.TakeWhile(q => q.Id != questionId))
        {
            progress.Record(question.Id, [question.OwnOptions.First(o => o.Exclusive).Id]);
        }

        return progress;
    }
}
