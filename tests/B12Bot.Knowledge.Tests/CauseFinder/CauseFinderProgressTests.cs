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

    /// <summary>Answers given to the medicines question (";" between turns) → what is offered next.</summary>
    [Theory]
    [InlineData("maagzuurremmer", "follow-up: metformine klaar weet-niet")]
    [InlineData("maagzuurremmer;metformine", "alcohol")]
    [InlineData("maagzuurremmer metformine", "alcohol")]
    [InlineData("maagzuurremmer;klaar", "alcohol")]
    [InlineData("maagzuurremmer;weet-niet", "alcohol")]
    [InlineData("geen", "alcohol")]
    [InlineData("weet-niet", "alcohol")]
    public void A_question_with_more_answers_asks_a_follow_up_for_what_is_left(string turns, string expected)
    {
        var progress = UpTo("medicijnen");
        foreach (var turn in turns.Split(';'))
        {
            progress.Record("medicijnen", turn.Split(' '));
        }

        var next = progress.Next(Rules)!;

        var shown = next.IsFollowUp ? "follow-up: " + string.Join(' ', next.Offered.Select(o => o.Id)) : next.Question.Id;
        Assert.Equal(expected, shown);
        if (next.IsFollowUp)
        {
            Assert.Equal("Gebruikt u daarnaast nog een van deze medicijnen?", next.Text);
        }
    }

    [Fact]
    public void Back_forgets_only_the_last_answer()
    {
        var progress = UpTo("medicijnen");
        progress.Record("medicijnen", ["maagzuurremmer"]);
        progress.Record("medicijnen", ["metformine"]);

        Assert.True(progress.Back());
        Assert.True(progress.Next(Rules)!.IsFollowUp);
        Assert.True(progress.Back());
        Assert.Equal("medicijnen", progress.Next(Rules)!.Question.Id);
        Assert.True(progress.Back());
        Assert.Equal("auto-immuun", progress.Next(Rules)!.Question.Id);
        Assert.Equal(["dieet", "leeftijd", "operatie", "darmziekte"], progress.Answers(Rules).Keys);
    }

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
        var progress = UpTo("medicijnen");
        progress.IntroShown = true;
        progress.Record("medicijnen", ["maagzuurremmer"]);

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
