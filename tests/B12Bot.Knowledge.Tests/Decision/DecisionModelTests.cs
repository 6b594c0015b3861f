using B12Bot.Knowledge.Decision;
using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Decision;

/// <summary>The learned answer decision as the bot reads it: the exported trees, their checks and the shipped model.</summary>
public sealed class DecisionModelTests
{
    private static DecisionTree Stump(int feature, float threshold, float low, float high) => new()
    {
        Feature = [feature],
        Threshold = [threshold],
        Left = [~0],
        Right = [~1],
        Leaves = [low, high],
    };

    private static IReadOnlyList<string> Names => DecisionFeatures.Names(RealKnowledge.Base.Lexicon);

    private static DecisionModel Model(params DecisionTree[] trees) => new()
    {
        Features = Names,
        Trees = trees,
        Slope = -1f,
        Offset = 0f,
    };

    [Theory]
    [InlineData(0.2f, -2f)]
    [InlineData(0.5f, -2f)]
    [InlineData(0.51f, 3f)]
    public void A_tree_sends_a_value_up_to_its_threshold_left(float best, float expected)
    {
        var features = new float[Names.Count];
        features[0] = best;

        Assert.Equal(expected, Model(Stump(0, 0.5f, -2f, 3f)).Score(features));
    }

    [Fact]
    public void The_scores_of_the_trees_add_up_and_the_calibration_makes_a_probability()
    {
        var features = new float[Names.Count];
        features[0] = 1f;
        var model = Model(Stump(0, 0.5f, -1f, 1f), Stump(0, 0.5f, -1f, 1f));

        Assert.Equal(2f, model.Score(features));
        Assert.Equal(1f / (1f + MathF.Exp(-2f)), model.Probability(features), 5);
    }

    [Fact]
    public void The_packed_trees_give_the_shipped_model_exactly_the_score_of_its_trees_one_by_one()
    {
        var model = RealKnowledge.Base.Decision!;
        var random = new Random(20261205);
        for (var round = 0; round < 2000; round++)
        {
            // Features around the thresholds the trees test, and zeros (most counts of a question are zero).
            var features = new float[model.Features.Count];
            for (var f = 0; f < features.Length; f++)
            {
                features[f] = random.Next(3) == 0 ? 0f : (float)(random.NextDouble() * 4) - 1f;
            }

            var expected = model.Bias;
            foreach (var tree in model.Trees)
            {
                expected += tree.Weight * tree.Leaf(features);
            }

            Assert.Equal(expected, model.Score(features));
        }
    }

    [Fact]
    public void A_model_copied_with_other_trees_scores_with_its_own_trees()
    {
        var features = new float[Names.Count];
        features[0] = 1f;
        var model = Model(Stump(0, 0.5f, -1f, 1f));
        Assert.Equal(1f, model.Score(features));

        var copy = model with { Trees = [Stump(0, 0.5f, -1f, 5f)] };

        Assert.Equal(5f, copy.Score(features));
        Assert.Equal(1f, model.Score(features));
    }

    [Fact]
    public void A_model_trained_on_other_features_is_refused()
    {
        var model = new DecisionModel { Features = ["best"], Trees = [] };

        var error = Assert.Throws<InvalidDataException>(() => model.Check(Names));
        Assert.Contains("--train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tree_pointing_outside_itself_is_refused()
    {
        var broken = new DecisionTree { Feature = [0], Threshold = [0f], Left = [0], Right = [~1], Leaves = [0f, 1f] };

        Assert.Throws<InvalidDataException>(() => Model(broken).Check(Names));
    }

    [Fact]
    public void The_shipped_model_reads_this_builds_features_and_says_how_it_was_trained()
    {
        var model = RealKnowledge.Base.Decision;

        Assert.NotNull(model);
        Assert.Equal(Names, model.Features);
        Assert.True(model.Trees.Count >= 20);
        Assert.InRange(model.AnswerFrom, 0.05f, 0.95f);
        Assert.Contains("--train", model.Trained, StringComparison.Ordinal);
        Assert.DoesNotContain("heldout-8", model.Trained, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mijn moeder is 80. Ze is vaak moe. Moet ze B12 nemen?", 3, 1f)]
    [InlineData("Moet ik B12 nemen? Ik ben 80.", 2, 0f)]
    [InlineData("b12 tekort", 1, -1f)]
    [InlineData("wat is b12?", 1, 1f)]
    public void A_story_is_read_as_sentences_with_the_question_placed_among_them(string text, int sentences, float questionAt)
    {
        var (count, at) = DecisionFeatures.Sentences(text);

        Assert.Equal(sentences, count);
        Assert.Equal(questionAt, at);
    }

    [Theory]
    [InlineData("Ik ben veganist. Mijn moeder maakt zich zorgen. Moet ik B12 slikken?", "Moet ik B12 slikken?")]
    [InlineData("Moet ik B12 slikken? Ik ben veganist.", "Moet ik B12 slikken?")]
    [InlineData("Ik ben veganist. Ik eet geen zuivel", "Ik eet geen zuivel")]
    [InlineData("moet ik als veganist b12 slikken?", null)]
    public void The_question_of_a_story_is_its_last_sentence_that_asks(string text, string? question) =>
        Assert.Equal(question, DecisionFeatures.QuestionSentence(text));

    [Fact]
    public void The_shipped_model_was_trained_on_the_features_this_build_computes()
    {
        var model = RealKnowledge.Base.Decision!;
        var rows = model.Sets
            .SelectMany(set => B12Bot.Knowledge.Evaluation.QuestionSet.Read(RepoPaths.InRepo("tests", "questions", set)))
            .Select(c => RealKnowledge.Answerer.Evaluate(c.Question, null, training: true).Features)
            .OfType<float[]>();

        Assert.NotEmpty(model.Sets);
        Assert.DoesNotContain("heldout-8.jsonl", model.Sets);
        Assert.True(
            Math.Abs(DecisionFeatures.Checksum(rows) - model.FeatureChecksum) < 0.05,
            "the analysis, lexicon, index or features changed since the model was trained: dotnet run -c Release --project bench/B12Bot.Eval -- --train");
    }
}
