using System.Text.Json;
using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Decision;

/// <summary>
/// The learned answer decision: a boosted tree ensemble (trained with ML.NET's FastTree by <c>B12Bot.Eval --train</c>)
/// whose summed leaf values, through a Platt calibration, give the probability that answering with the best entry is
/// right. The bot only reads the exported trees (knowledge/decision-model.json): no ML.NET at run time, a few hundred
/// comparisons per question. Immutable; thread-safe.
/// </summary>
internal sealed record DecisionModel
{
    /// <summary>The file beside faq.json.</summary>
    public const string FileName = "decision-model.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = DecisionJsonContext.Default,
    };

    public required IReadOnlyList<string> Features { get; init; }

    public required IReadOnlyList<DecisionTree> Trees { get; init; }

    public float Bias { get; init; }

    /// <summary>Platt calibration: p = 1 / (1 + exp(Slope · score + Offset)).</summary>
    public float Slope { get; init; } = -1f;

    public float Offset { get; init; }

    /// <summary>The probability from which the best entry is answered (chosen on cross-validation).</summary>
    public float AnswerFrom { get; init; } = 0.5f;

    /// <summary>The question sets it was trained on (file names in tests/questions).</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>
    /// The sum of every feature of every training question (<see cref="DecisionFeatures.Checksum"/>): a build whose
    /// analysis, lexicon, index or features changed computes another, and a test then asks for training again.
    /// </summary>
    public double FeatureChecksum { get; init; }

    /// <summary>How it was trained (command, seed, sets, cross-validation figures), for people.</summary>
    public string? Trained { get; init; }

    /// <summary>
    /// The learned ranking, when there is one: the same kind of trees over one of the best entries at a time (the
    /// question's features and the candidate's own, <see cref="DecisionFeatures.CandidateNames"/>), giving the
    /// probability that answering that candidate is right. The candidate it rates highest is the one answered.
    /// </summary>
    public DecisionModel? Ranker { get; init; }

    /// <summary>
    /// Whether the ranking's probability of the candidate it chose also decides whether to answer (from its own
    /// <see cref="AnswerFrom"/>); otherwise this model's probability of the question decides.
    /// </summary>
    public bool RankerDecides { get; init; }

    public static DecisionModel Load(string path, IReadOnlyList<string> features)
    {
        var model = JsonSerializer.Deserialize<DecisionModel>(File.ReadAllText(path), JsonOptions)
            ?? throw new InvalidDataException($"{Path.GetFileName(path)} holds null");
        model.Check(features);
        model.Ranker?.Check(DecisionFeatures.CandidateNames(features));
        return model;
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions) + "\n");

    /// <summary>The raw ensemble output.</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        foreach (var tree in Trees)
        {
            sum += tree.Weight * tree.Leaf(features);
        }

        return sum;
    }

    public float Probability(ReadOnlySpan<float> features) => 1f / (1f + MathF.Exp((Slope * Score(features)) + Offset));

    /// <summary>The model must read the features this build computes (<paramref name="features"/>), in this order.</summary>
    public void Check(IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (!Features.SequenceEqual(features))
        {
            throw new InvalidDataException(
                $"{FileName} was trained on other features ({string.Join(',', Features)}); train it again with B12Bot.Eval --train");
        }

        foreach (var tree in Trees)
        {
            tree.Check(Features.Count);
        }
    }
}

/// <summary>
/// One regression tree as ML.NET exports it: node i sends a value ≤ Threshold[i] of feature Feature[i] to Left[i], the
/// rest to Right[i]; a negative child ~k is leaf k.
/// </summary>
internal sealed class DecisionTree
{
    public float Weight { get; init; } = 1f;

    public required int[] Feature { get; init; }

    public required float[] Threshold { get; init; }

    public required int[] Left { get; init; }

    public required int[] Right { get; init; }

    public required float[] Leaves { get; init; }

    public float Leaf(ReadOnlySpan<float> features)
    {
        if (Feature.Length == 0)
        {
            return Leaves[0];
        }

        var node = 0;
        while (node >= 0)
        {
            node = features[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return Leaves[~node];
    }

    public void Check(int featureCount)
    {
        var nodes = Feature.Length;
        if (Threshold.Length != nodes || Left.Length != nodes || Right.Length != nodes || Leaves.Length != nodes + 1)
        {
            throw new InvalidDataException("a tree's arrays do not match");
        }

        for (var i = 0; i < nodes; i++)
        {
            if (Feature[i] < 0 || Feature[i] >= featureCount || !Valid(Left[i], i, nodes) || !Valid(Right[i], i, nodes))
            {
                throw new InvalidDataException("a tree points outside itself");
            }
        }
    }

    // Children come after their parent, so a walk always ends.
    private static bool Valid(int child, int parent, int nodes) => child < 0 ? ~child <= nodes : child > parent && child < nodes;
}
