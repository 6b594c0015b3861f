using System.Globalization;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Analysis;
using B12Bot.Knowledge.Decision;
using B12Bot.Knowledge.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

/// <summary>
/// Trains the learned answer decision with ML.NET's FastTree (binary: is answering the best entry right?) on the
/// project's own labelled questions, tests/questions/*.jsonl except the never-trained heldout-8, heldout-10 … heldout-19 and tuning-13, and exports the trees
/// to knowledge/decision-model.json, which the bot reads without ML.NET. Seeded and single-threaded, so the same
/// questions and features give the same model. Cross-validation: k folds by question, each fold answered by a model
/// trained on the others, scored as ask.py scores (correct / wrong / abstained); the answer threshold is the one that
/// leaves the most room to the three goals in the pooled cross-validation (95% correct, at most 2% wrong, 95% of
/// off-topic questions unanswered) while wrong answers of the earlier kinds (questions without a kind) stay at most 1%. The same
/// cross-validation tries a learned ranking of the best five entries (a second tree ensemble, "is answering this
/// candidate right?") with the question's decision and deciding by itself; it is written with the model only when it
/// is the best of the three. heldout-9 was never trained on until its misses were used for tuning; it is training
/// data now; heldout-10 … heldout-19 are the sets never trained on (heldout-15 … heldout-18 have since been read for the lexicon and the analysis; heldout-19 is the one never tuned on). tuning-13 was written as training data,
/// measured once on the shipped model before any use, and a round of tuning on it was not kept (it lowered the
/// never-trained sets): it stays out of training, another set of questions the model has not seen.
/// </summary>
internal static class Training
{
    public const int Seed = 20261204;
    public const int Folds = 5;
    private const double MaxWrong = 0.01;
    private const double Goal = 0.95;

    /// <summary>The goal for wrong answers over all kinds of question.</summary>
    private const double MaxWrongAll = 0.02;

    /// <summary>How much more room to the goals a learned ranking must leave to be kept (half a point: some ten questions).</summary>
    private const double RankingMustGain = 0.005;

    /// <summary>Sets never trained on (heldout-19 never tuned on either): the estimate for unseen questions.</summary>
    public static readonly string[] NeverTrained = ["heldout-8.jsonl", "heldout-10.jsonl", "heldout-11.jsonl", "heldout-12.jsonl", "heldout-13.jsonl", "heldout-14.jsonl", "heldout-15.jsonl", "heldout-16.jsonl", "heldout-17.jsonl", "heldout-18.jsonl", "heldout-19.jsonl", "tuning-13.jsonl"];

    /// <summary>The features of the knowledge being trained on (its term categories and verdicts are some of them).</summary>
    private static IReadOnlyList<string> featureNames = [];

    private static readonly float[] Thresholds = [.. Enumerable.Range(6, 17).Select(i => i * 0.05f)];

    public static string KnowledgeFolder() => Path.Combine(RepoRoot(), "knowledge");

    public static int WriteVocabulary(string source, string target)
    {
        var words = new List<string>();
        foreach (var line in File.ReadLines(source))
        {
            var tokens = SurfaceAnalyzer.Tokens(line.Trim());
            if (tokens.Count == 1 && tokens[0].Length is >= 2 and <= 40 && tokens[0].All(char.IsAsciiLetterLower))
            {
                words.Add(tokens[0]);
            }
        }

        Vocabulary.Write(target, words);
        Console.WriteLine($"{words.Distinct(StringComparer.Ordinal).Count()} words from {source} → {target}");
        return 0;
    }

    public static int Run(bool write)
    {
        var root = RepoRoot();
        var knowledge = KnowledgeLoader.Load(Path.Combine(root, "knowledge", "faq.json"), allowAdditionalEntries: false, readDecision: false);
        var sets = Directory.GetFiles(Path.Combine(root, "tests", "questions"), "*.jsonl")
            .Where(p => !NeverTrained.Contains(Path.GetFileName(p)))
            .Order(StringComparer.Ordinal)
            .ToList();
        var cases = sets.SelectMany(QuestionSet.Read).ToList();
        using var answerer = new LuceneAnswerer(knowledge);
        featureNames = DecisionFeatures.Names(knowledge.Lexicon);

        // Each question once through the analysis and search, without a decision: its features and best entry.
        var rows = cases.Select(c => (Case: c, Trace: answerer.Evaluate(c.Question, null, training: true))).ToList();
        var trainable = rows.Count(r => r.Trace.Features is not null);
        Console.WriteLine($"{cases.Count} questions from {sets.Count} sets, {trainable} reach the decision");

        // Where the right entry stands among the best five of in-topic questions that reach the decision.
        var ranks = rows.Where(r => r.Trace.Features is not null && r.Case.Expect.Count > 0)
            .Select(r => r.Trace.Top.Select((t, i) => (t.Id, Rank: i)).FirstOrDefault(t => r.Case.Expect.Contains(t.Id), (Id: string.Empty, Rank: -1)).Rank)
            .GroupBy(r => r).OrderBy(g => g.Key).Select(g => $"{(g.Key < 0 ? "none" : (g.Key + 1).ToString(CultureInfo.InvariantCulture))}: {g.Count()}");
        Console.WriteLine($"rank of the right entry among the best five (in-topic): {string.Join(", ", ranks)}");
        var fold = rows.Select((_, i) => Fold(i)).ToArray();
        var models = new DecisionModel?[Folds];
        var rankers = new DecisionModel?[Folds];
        for (var k = 0; k < Folds; k++)
        {
            var k1 = k;
            var training = rows.Where((_, i) => fold[i] != k1).ToList();
            models[k] = Train(DecisionExamples(training), featureNames, 0.5f);
            rankers[k] = Train(RankingExamples(training), DecisionFeatures.CandidateNames(featureNames), 0.5f);
        }

        // Pooled cross-validated outcome per threshold, for each way of ranking: the retrieval's order with the
        // question's decision, the learned ranking with the question's decision, and the learned ranking deciding.
        var best = (Ranking: Ranking.Retrieval, Threshold: 0.5f, Cost: double.MaxValue, Line: string.Empty);
        Console.WriteLine($"{Folds}-fold cross-validation (seed {Seed}), pooled over the folds:");
        foreach (var ranking in RankingsTried())
        {
            Console.WriteLine($" {Describe(ranking)}:");
            foreach (var threshold in Thresholds)
            {
                var results = new List<QuestionResult>();
                for (var k = 0; k < Folds; k++)
                {
                    var model = With(models[k]!, rankers[k]!, ranking, threshold);
                    results.AddRange(rows.Where((_, i) => fold[i] == k).Select(r => new QuestionResult(r.Case, answerer.Evaluate(r.Case.Question, model).Answer, 0)));
                }

                var summary = new QuestionSetSummary(results);
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"  answer from p ≥ {threshold:0.00}: correct {summary.Correct}/{summary.Inside} ({summary.CorrectRate:P1}), wrong {summary.Wrong} ({summary.WrongRate:P1}), off-topic abstained {summary.Abstained}/{summary.Outside} ({summary.AbstainRate:P1})");
                // The most room to the three goals (95% correct, at most 2% wrong, 95% of off-topic unanswered) while
                // wrong answers stay at most 1% on the earlier kinds of question (no kind given), their goal. The kinds of
                // the second dev sample (chat, stories, formal …) are reported apart: bounding them (or all pooled) at 1%
                // would pick 0.80, which costs the earlier kinds more correct answers than their goal of 98% allows.
                var room = Math.Min(Math.Min(summary.CorrectRate - Goal, summary.AbstainRate - Goal), MaxWrongAll - summary.WrongRate);
                var earlier = new QuestionSetSummary([.. results.Where(r => r.Case.Kind is null)]);
                var newKinds = new QuestionSetSummary([.. results.Where(r => r.Case.Kind is not null)]);
                var cost = (earlier.WrongRate <= MaxWrong ? -room : double.MaxValue / 2) + (ranking == Ranking.Retrieval ? 0 : RankingMustGain);
                line += string.Create(CultureInfo.InvariantCulture, $"; wrong {earlier.WrongRate:P1} of the earlier kinds, {newKinds.WrongRate:P1} of the new");
                Console.WriteLine(line);
                if (cost < best.Cost && (FixedThreshold is not { } fixedAt || Math.Abs(threshold - fixedAt) < 0.001))
                {
                    best = (ranking, threshold, cost, $"{Describe(ranking)}, {line.Trim()}");
                }
            }
        }

        Console.WriteLine($"chosen: {best.Line}");
        if (Environment.GetEnvironmentVariable("B12BOT_CV_MISSES") == "1")
        {
            for (var k = 0; k < Folds; k++)
            {
                var model = With(models[k]!, rankers[k]!, best.Ranking, best.Threshold);
                foreach (var r in rows.Where((_, i) => fold[i] == k))
                {
                    var result = new QuestionResult(r.Case, answerer.Evaluate(r.Case.Question, model).Answer, 0);
                    if (result.Verdict != "ok")
                    {
                        Console.WriteLine($"  {result.Verdict,-6} {r.Case.Question} expect=[{string.Join(',', r.Case.Expect)}] got={result.Cited}");
                    }
                }
            }
        }
        if (Environment.GetEnvironmentVariable("B12BOT_CV_FEATURES") == "1")
        {
            MissedFeatures(rows, fold, models, best.Threshold);
        }

        if (!write)
        {
            return 0;
        }

        var final = Train(DecisionExamples(rows), featureNames, best.Threshold);
        var finalRanker = best.Ranking == Ranking.Retrieval ? null : Train(RankingExamples(rows), DecisionFeatures.CandidateNames(featureNames), best.Threshold);
        var trained = string.Create(CultureInfo.InvariantCulture,
            $"dotnet run -c Release --project bench/B12Bot.Eval -- --train; FastTree seed {Seed}; {trainable} questions of {string.Join(' ', sets.Select(Path.GetFileName))}; {Folds}-fold cross-validation: {best.Line}");
        final = final with
        {
            AnswerFrom = best.Threshold,
            Trained = trained,
            Sets = [.. sets.Select(p => Path.GetFileName(p))],
            FeatureChecksum = DecisionFeatures.Checksum(rows.Where(r => r.Trace.Features is not null).Select(r => r.Trace.Features!)),
            Ranker = finalRanker,
            RankerDecides = best.Ranking == Ranking.Decides,
        };
        var path = Path.Combine(root, "knowledge", DecisionModel.FileName);
        final.Save(path);
        Console.WriteLine($"{final.Trees.Count} trees → {path}");
        return 0;
    }

    /// <summary>
    /// Which features set the in-topic questions of the new kinds whose best entry is right but left unanswered (p below
    /// the threshold, in cross-validation) apart from those answered: the features whose means differ most, in
    /// standard deviations.
    /// </summary>
    private static void MissedFeatures(List<(QuestionCase Case, AnswerTrace Trace)> rows, int[] fold, DecisionModel?[] models, float threshold)
    {
        var rightFirst = rows.Select((r, i) => (r, i))
            .Where(x => x.r.Case.Kind is not null && x.r.Trace.Features is not null && x.r.Case.Expect.Contains(x.r.Trace.Candidate ?? string.Empty))
            .Select(x => (x.r.Trace.Features!, Answered: models[fold[x.i]]!.Probability(x.r.Trace.Features!) >= threshold))
            .ToList();
        var inTopic = rows.Where(r => r.Case.Kind is not null && r.Case.Expect.Count > 0).ToList();
        var before = inTopic.Where(r => r.Trace.Features is null).GroupBy(r => r.Trace.Reason).Select(g => $"{g.Key} {g.Count()}");
        Console.WriteLine($"new kinds in topic: {inTopic.Count}; decided before the learned decision: {string.Join(", ", before)}; "
            + $"right entry first {rightFirst.Count}, another entry first {inTopic.Count(r => r.Trace.Features is not null && !r.Case.Expect.Contains(r.Trace.Candidate ?? string.Empty))}");
        var missed = rightFirst.Where(x => !x.Answered).Select(x => x.Item1).ToList();
        var answered = rightFirst.Where(x => x.Answered).Select(x => x.Item1).ToList();
        Console.WriteLine($"new kinds, right entry first: {answered.Count} answered, {missed.Count} left unanswered; the features that differ most:");
        var differences = featureNames.Select((name, f) =>
        {
            var all = rightFirst.Select(x => (double)x.Item1[f]).ToList();
            var mean = all.Average();
            var deviation = Math.Sqrt(all.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, all.Count - 1));
            var gap = missed.Count == 0 || answered.Count == 0 ? 0 : missed.Average(v => v[f]) - answered.Average(v => v[f]);
            return (name, Missed: missed.Count == 0 ? 0 : missed.Average(v => v[f]), Answered: answered.Count == 0 ? 0 : answered.Average(v => v[f]), Score: deviation > 0 ? gap / deviation : 0);
        });
        foreach (var d in differences.OrderByDescending(d => Math.Abs(d.Score)).Take(15))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.name,-32} unanswered {d.Missed,7:0.00}  answered {d.Answered,7:0.00}  ({d.Score:+0.00;-0.00} sd)"));
        }
    }

    private static int Fold(int index) => (int)((uint)(index * 2654435761u) % Folds);

    /// <summary>How the answered entry is chosen.</summary>
    private enum Ranking
    {
        /// <summary>The retrieval's best, answered when the question's decision says so.</summary>
        Retrieval,

        /// <summary>The learned ranking's best, answered when the question's decision says so.</summary>
        Learned,

        /// <summary>The learned ranking's best, answered when its own probability says so.</summary>
        Decides,
    }

    /// <summary>The ways of ranking cross-validated (B12BOT_RANKING=retrieval|learned|decides: only that one).</summary>
    private static Ranking[] RankingsTried() =>
        Enum.TryParse<Ranking>(Environment.GetEnvironmentVariable("B12BOT_RANKING"), ignoreCase: true, out var only) ? [only] : Enum.GetValues<Ranking>();

    private static string Describe(Ranking ranking) => ranking switch
    {
        Ranking.Retrieval => "the retrieval's order",
        Ranking.Learned => "the learned ranking, the question's decision",
        _ => "the learned ranking deciding",
    };

    private static DecisionModel With(DecisionModel model, DecisionModel ranker, Ranking ranking, float threshold) => model with
    {
        AnswerFrom = threshold,
        Ranker = ranking == Ranking.Retrieval ? null : ranker with { AnswerFrom = threshold },
        RankerDecides = ranking == Ranking.Decides,
    };

    /// <summary>The question's decision: is answering the retrieval's best entry right?</summary>
    private static List<Example> DecisionExamples(IEnumerable<(QuestionCase Case, AnswerTrace Trace)> rows) =>
        [.. rows.Where(r => r.Trace.Features is not null)
            .Select(r => new Example { Features = r.Trace.Features!, Label = r.Case.Expect.Contains(r.Trace.Candidate ?? string.Empty) })];

    /// <summary>The ranking: for each of the best entries, is answering it right?</summary>
    private static List<Example> RankingExamples(IEnumerable<(QuestionCase Case, AnswerTrace Trace)> rows) =>
        [.. rows.Where(r => r.Trace.Candidates is not null)
            .SelectMany(r => r.Trace.Candidates!.Select((c, k) => new Example { Features = c, Label = r.Case.Expect.Contains(r.Trace.Top[k].Id) }))];

    /// <summary>
    /// The ensemble's settings. B12BOT_TREES, B12BOT_LEAVES, B12BOT_MIN_LEAF, B12BOT_RATE, B12BOT_FEATURES and
    /// B12BOT_BAGS override them for experiments only; what is committed is trained with the defaults.
    /// </summary>
    private static readonly (int Trees, int Leaves, int MinLeaf, double Rate, double FeatureFraction, int Bags) Settings = (
        Setting("B12BOT_TREES", 120), Setting("B12BOT_LEAVES", 8), Setting("B12BOT_MIN_LEAF", 8),
        Setting("B12BOT_RATE", 0.1), Setting("B12BOT_FEATURES", 1.0), Setting("B12BOT_BAGS", 4));

    /// <summary>
    /// B12BOT_EXAMPLES: each tree learns from this share of the examples, drawn anew. With four bags (four ensembles
    /// over seeds, averaged) a small change of the lexicon moves fewer answers of unrelated questions than one ensemble
    /// on all the examples does, and the never-trained sets gain.
    /// </summary>
    private static readonly double ExampleFraction = Setting("B12BOT_EXAMPLES", 0.7);

    /// <summary>B12BOT_ANSWER_FROM fixes the answer threshold instead of choosing it (experiments only).</summary>
    private static readonly float? FixedThreshold =
        Environment.GetEnvironmentVariable("B12BOT_ANSWER_FROM") is { Length: > 0 } at ? float.Parse(at, CultureInfo.InvariantCulture) : null;

    private static T Setting<T>(string name, T fallback) where T : IParsable<T> =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? T.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// One ensemble, or with several bags the average of ensembles trained with other seeds (their trees' weights,
    /// bias and calibration divided among them): a decision that leans less on any one split.
    /// </summary>
    private static DecisionModel Train(List<Example> data, IReadOnlyList<string> names, float threshold)
    {
        if (Environment.GetEnvironmentVariable("B12BOT_TRAINER") == "gam")
        {
            return TrainGam(data, names, threshold, Seed);
        }

        if (Settings.Bags <= 1)
        {
            return TrainOne(data, names, threshold, Seed);
        }

        var members = Enumerable.Range(0, Settings.Bags).Select(b => TrainOne(data, names, threshold, Seed + b)).ToList();
        var share = 1f / members.Count;
        var model = members[0] with
        {
            Trees = [.. members.SelectMany(m => m.Trees.Select(t => new DecisionTree
            {
                Weight = t.Weight * share,
                Feature = t.Feature,
                Threshold = t.Threshold,
                Left = t.Left,
                Right = t.Right,
                Leaves = t.Leaves,
            }))],
            Bias = members.Sum(m => m.Bias) * share,
            Slope = members.Sum(m => m.Slope) * share,
            Offset = members.Sum(m => m.Offset) * share,
        };
        model.Check(names);
        return model;
    }

    private static DecisionModel TrainOne(List<Example> data, IReadOnlyList<string> names, float threshold, int seed)
    {
        var ml = new MLContext(seed);
        var view = ml.Data.LoadFromEnumerable(data, SchemaFor(names.Count));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = Settings.Trees,
            NumberOfLeaves = Settings.Leaves,
            MinimumExampleCountPerLeaf = Settings.MinLeaf,
            LearningRate = Settings.Rate,
            FeatureFraction = Settings.FeatureFraction,
            BaggingSize = ExampleFraction < 1 ? 1 : 0,
            BaggingExampleFraction = ExampleFraction,
            NumberOfThreads = 1,
            Seed = seed,
            FeatureColumnName = nameof(Example.Features),
            LabelColumnName = nameof(Example.Label),
        });
        var fitted = trainer.Fit(view);
        var calibrated = fitted.Model;
        var ensemble = calibrated.SubModel.TrainedTreeEnsemble;
        var trees = ensemble.Trees.Select((tree, t) => new DecisionTree
        {
            Weight = (float)ensemble.TreeWeights[t],
            Feature = [.. tree.NumericalSplitFeatureIndexes],
            Threshold = [.. tree.NumericalSplitThresholds],
            Left = [.. tree.LeftChild],
            Right = [.. tree.RightChild],
            Leaves = [.. tree.LeafValues.Select(v => (float)v)],
        }).ToList();
        var model = new DecisionModel
        {
            Features = names,
            Trees = trees,
            Bias = (float)ensemble.Bias,
            Slope = (float)calibrated.Calibrator.Slope,
            Offset = (float)calibrated.Calibrator.Offset,
            AnswerFrom = threshold,
        };
        model.Check(names);

        return CheckedAgainst(model, fitted.Transform(view), data);
    }

    /// <summary>The exported model must give what ML.NET gives, on every training example.</summary>
    private static DecisionModel CheckedAgainst(DecisionModel model, IDataView predictions, List<Example> data)
    {
        var probabilities = predictions.GetColumn<float>("Probability").ToList();
        for (var i = 0; i < data.Count; i++)
        {
            var mine = model.Probability(data[i].Features);
            if (Math.Abs(mine - probabilities[i]) > 1e-4)
            {
                throw new InvalidOperationException($"the exported model gives {mine} where ML.NET gives {probabilities[i]}");
            }
        }

        return model;
    }

    /// <summary>
    /// A generalised additive model (ML.NET's GAM: one shape function per feature, no interactions), exported as one
    /// tree per feature that looks up the feature's bin: a decision in which a feature added for a few questions
    /// changes little of the rest.
    /// </summary>
    private static DecisionModel TrainGam(List<Example> data, IReadOnlyList<string> names, float threshold, int seed)
    {
        var ml = new MLContext(seed);
        var view = ml.Data.LoadFromEnumerable(data, SchemaFor(names.Count));
        var trainer = ml.BinaryClassification.Trainers.Gam(new GamBinaryTrainer.Options
        {
            NumberOfIterations = Setting("B12BOT_GAM_ITERATIONS", 9500),
            LearningRate = Setting("B12BOT_GAM_RATE", 0.002),
            MaximumBinCountPerFeature = Setting("B12BOT_GAM_BINS", 255),
            MinimumExampleCountPerLeaf = Setting("B12BOT_MIN_LEAF", 10),
            NumberOfThreads = 1,
            FeatureColumnName = nameof(Example.Features),
            LabelColumnName = nameof(Example.Label),
        });
        var fitted = trainer.Fit(view);
        var gam = fitted.Model.SubModel;
        var trees = new List<DecisionTree>();

        // ML.NET keeps a shape function only for a feature with more than one bin. Its public look-up by feature
        // refuses features numbered past the count of shape functions, so the arrays are read as the model holds them.
        var fields = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        var shapeToInput = (int[])typeof(GamModelParametersBase).GetField("_shapeToInputMap", fields)!.GetValue(gam)!;
        var allBounds = (double[][])typeof(GamModelParametersBase).GetField("_binUpperBounds", fields)!.GetValue(gam)!;
        var allEffects = (double[][])typeof(GamModelParametersBase).GetField("_binEffects", fields)!.GetValue(gam)!;
        for (var shape = 0; shape < shapeToInput.Length; shape++)
        {
            var f = shapeToInput[shape];
            var bounds = allBounds[shape];
            var effects = allEffects[shape];
            if (effects.Length == 0)
            {
                continue;
            }

            var feature = new List<int>();
            var split = new List<float>();
            var left = new List<int>();
            var right = new List<int>();
            var leaves = new List<float>();
            Build(0, effects.Length - 1);
            trees.Add(new DecisionTree { Feature = [.. feature], Threshold = [.. split], Left = [.. left], Right = [.. right], Leaves = [.. leaves] });

            // Bins lo..hi as a balanced search: a node sends x <= the upper bound of its middle bin to the left.
            int Build(int lo, int hi)
            {
                if (lo == hi)
                {
                    leaves.Add((float)effects[lo]);
                    return ~(leaves.Count - 1);
                }

                var node = feature.Count;
                var mid = (lo + hi) / 2;
                feature.Add(f);
                // The largest float not above the bound: a float feature is at most one exactly when it is at most the other.
                var bound = (float)bounds[mid];
                split.Add(bound > bounds[mid] ? MathF.BitDecrement(bound) : bound);
                left.Add(0);
                right.Add(0);
                left[node] = Build(lo, mid);
                right[node] = Build(mid + 1, hi);
                return node;
            }
        }

        var model = new DecisionModel
        {
            Features = names,
            Trees = trees,
            Bias = (float)gam.Bias,
            Slope = (float)fitted.Model.Calibrator.Slope,
            Offset = (float)fitted.Model.Calibrator.Offset,
            AnswerFrom = threshold,
        };
        model.Check(names);
        return CheckedAgainst(model, fitted.Transform(view), data);
    }

    private static SchemaDefinition SchemaFor(int features)
    {
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "B12Bot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("run from inside the repository (B12Bot.sln not found)");
    }

    private sealed class Example
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}

/// <summary>The answerer with a given decision (null: the hand-set thresholds).</summary>
internal sealed class DecidedAnswerer(LuceneAnswerer answerer, DecisionModel? decision) : IAnswerer
{
    public Answer Ask(string? question) => answerer.Evaluate(question, decision).Answer;
}
