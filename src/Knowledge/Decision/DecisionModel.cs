using System.Text.Json;
using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Decision;

/// <summary>
/// The learned answer decision: boosted tree ensembles (trained with ML.NET's FastTree by <c>B12Bot.Eval --train</c>, four
/// bags averaged into one list of weighted trees) whose summed leaf values, through a Platt calibration, give the
/// probability that answering with the best entry is right. The bot only reads the exported trees
/// (knowledge/decision-model.json): no ML.NET at run time, a couple of thousand comparisons per question over the trees
/// packed in one array. Immutable once read (the packed form is made at first use); thread-safe.
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

    /// <summary>The raw ensemble output: the bias and each tree's weighted leaf, summed in the trees' order.</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        var packed = packedTrees;
        if (packed is null || !ReferenceEquals(packed.Source, Trees))
        {
            packedTrees = packed = PackedTrees.Of(Trees);
        }

        return packed.Score(features, Bias);
    }

    // The trees as read, packed into one array of nodes at first use (a model copied with other trees packs its own).
    private PackedTrees? packedTrees;

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

/// <summary>
/// An ensemble's trees in one array of nodes (feature, threshold and both children together) and one of weighted
/// leaves, so a question walks one block of memory: the same products summed in the same order as tree by tree.
/// </summary>
internal sealed class PackedTrees
{
    private readonly Node[] nodes;
    private readonly float[] leaves;
    private readonly int[] roots;

    private PackedTrees(IReadOnlyList<DecisionTree> source, Node[] nodes, float[] leaves, int[] roots)
    {
        Source = source;
        this.nodes = nodes;
        this.leaves = leaves;
        this.roots = roots;
    }

    /// <summary>The trees packed.</summary>
    public IReadOnlyList<DecisionTree> Source { get; }

    public static PackedTrees Of(IReadOnlyList<DecisionTree> trees)
    {
        var nodes = new Node[trees.Sum(t => t.Feature.Length)];
        var leaves = new float[trees.Sum(t => t.Leaves.Length)];
        var roots = new int[trees.Count];
        int nodeBase = 0, leafBase = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            for (var k = 0; k < tree.Leaves.Length; k++)
            {
                leaves[leafBase + k] = tree.Weight * tree.Leaves[k];
            }

            // A tree without nodes is its one leaf; a child below zero is a leaf (~k), moved past the leaves before it.
            roots[t] = tree.Feature.Length == 0 ? ~leafBase : nodeBase;
            for (var i = 0; i < tree.Feature.Length; i++)
            {
                nodes[nodeBase + i] = new Node(
                    tree.Feature[i],
                    tree.Threshold[i],
                    tree.Left[i] < 0 ? ~(leafBase + ~tree.Left[i]) : nodeBase + tree.Left[i],
                    tree.Right[i] < 0 ? ~(leafBase + ~tree.Right[i]) : nodeBase + tree.Right[i]);
            }

            nodeBase += tree.Feature.Length;
            leafBase += tree.Leaves.Length;
        }

        return new PackedTrees(trees, nodes, leaves, roots);
    }

    public float Score(ReadOnlySpan<float> features, float bias)
    {
        var sum = bias;
        foreach (var root in roots)
        {
            var node = root;
            while (node >= 0)
            {
                ref readonly var here = ref nodes[node];
                node = features[here.Feature] <= here.Threshold ? here.Left : here.Right;
            }

            sum += leaves[~node];
        }

        return sum;
    }

    private readonly record struct Node(int Feature, float Threshold, int Left, int Right);
}
