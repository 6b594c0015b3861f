using B12Bot.Knowledge.Decision;
using B12Bot.Knowledge.Search;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Decision;

/// <summary>
/// The learned ranking of the best entries (trees over one candidate at a time) as the bot applies it, and how much
/// of a question each candidate covers: the features it and the answer decision read.
/// </summary>
public sealed class RankingTests
{
    private const string Question = "na mijn sleeve operatie is mijn b12 te laag";

    private static IReadOnlyList<string> Names => DecisionFeatures.Names(RealKnowledge.Base.Lexicon);

    private static IReadOnlyList<string> CandidateNames => DecisionFeatures.CandidateNames(Names);

    private static int Index(IReadOnlyList<string> names, string name) => names.ToList().IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException(name);

    /// <summary>One tree on the candidate's rank: the first gets <paramref name="first"/>, the others <paramref name="others"/>.</summary>
    private static DecisionModel RankOnly(float first, float others, float answerFrom = 0.5f) => new()
    {
        Features = CandidateNames,
        Trees = [new DecisionTree { Feature = [Index(CandidateNames, "candidate:rank")], Threshold = [0.5f], Left = [~0], Right = [~1], Leaves = [first, others] }],
        Slope = -1f,
        AnswerFrom = answerFrom,
    };

    private static DecisionModel With(DecisionModel? ranker, bool rankerDecides, float answerFrom = 0f) =>
        RealKnowledge.Base.Decision! with { AnswerFrom = answerFrom, Ranker = ranker, RankerDecides = rankerDecides };

    [Theory]
    [InlineData(5f, -5f, 0)]
    [InlineData(-5f, 5f, 1)]
    public void The_candidate_the_ranking_rates_highest_is_the_one_answered(float first, float others, int expectedRank)
    {
        var trace = RealKnowledge.Answerer.Evaluate(Question, With(RankOnly(first, others), rankerDecides: false));

        Assert.True(trace.Top.Count >= 2);
        Assert.Equal(trace.Top[expectedRank].Id, trace.Candidate);
        Assert.Equal(trace.Top[expectedRank].Id, trace.Answer.Entry?.Id ?? trace.Answer.Alternatives[0].Id);
    }

    [Theory]
    [InlineData(true, -5f, AnswerOutcome.NoMatch)]
    [InlineData(true, 5f, AnswerOutcome.Answer)]
    [InlineData(false, -5f, AnswerOutcome.Answer)]
    public void When_the_ranking_decides_its_own_probability_answers_or_abstains(bool rankerDecides, float score, AnswerOutcome expected)
    {
        var trace = RealKnowledge.Answerer.Evaluate(Question, With(RankOnly(score, score), rankerDecides));

        Assert.Equal(expected, trace.Answer.Outcome);
    }

    [Fact]
    public void A_ranking_trained_on_other_features_is_refused_when_read()
    {
        var path = Path.Combine(Path.GetTempPath(), $"decision-{Guid.NewGuid():N}.json");
        try
        {
            var wrong = new DecisionModel { Features = ["candidate:rank"], Trees = [] };
            With(wrong, rankerDecides: false).Save(path);

            Assert.Throws<InvalidDataException>(() => DecisionModel.Load(path, Names));

            With(RankOnly(1f, -1f), rankerDecides: true).Save(path);
            var read = DecisionModel.Load(path, Names);
            Assert.NotNull(read.Ranker);
            Assert.True(read.RankerDecides);
            Assert.Equal(CandidateNames, read.Ranker.Features);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Each_candidate_says_how_much_of_the_question_it_covers()
    {
        // Only the entry on parasites names praziquantel; the entry on supplements names injections.
        var trace = RealKnowledge.Answerer.Evaluate("praziquantel of injecties", null, training: true);
        var covered = Index(CandidateNames, "candidate:covered");
        var missing = Index(CandidateNames, "candidate:missing");
        var overFirst = Index(CandidateNames, "candidate:coveredOverFirst");

        Assert.NotNull(trace.Candidates);
        Assert.Equal(trace.Top.Count, trace.Candidates.Length);
        Assert.Equal("parasieten", trace.Top[0].Id);
        var supplements = trace.Candidates[trace.Top.ToList().FindIndex(t => t.Id == "faq-05")];
        Assert.InRange(trace.Candidates[0][covered], 0.5f, 1f);
        Assert.InRange(supplements[covered], 0.01f, 0.49f);
        Assert.True(supplements[missing] >= 1f);
        Assert.Equal(supplements[covered] - trace.Candidates[0][covered], supplements[overFirst], 5);

        // The answer decision reads the same of the best entry.
        Assert.Equal(trace.Candidates[0][covered], trace.Features![Index(Names, "bestCovered")]);
        Assert.Equal(trace.Candidates[0][missing], trace.Features[Index(Names, "bestMissing")]);
    }

    [Fact]
    public void A_candidates_features_are_its_own_then_the_questions()
    {
        var question = Enumerable.Range(0, Names.Count).Select(i => (float)i).ToArray();

        var features = DecisionFeatures.Candidate(question, 2, 0.3f, 0.6f, UnitKind.Text, EntryKind.Faq, 7, aloneBest: true, relatedToFirst: false, (0.5f, 1), 1f);

        Assert.Equal(CandidateNames.Count, features.Length);
        Assert.Equal([2f, 0.3f, 0.5f, 0.3f, (float)UnitKind.Text, 1f, 7f, 1f, 0f, 0.5f, 1f, -0.5f], features[..DecisionFeatures.CandidateFixed.Count]);
        Assert.Equal(question, features[DecisionFeatures.CandidateFixed.Count..]);
    }
}
