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
/// project's own labelled questions, tests/questions/*.jsonl except the never-trained heldout-8, heldout-9 and heldout-10, and exports the trees
/// to knowledge/decision-model.json, which the bot reads without ML.NET. Seeded and single-threaded, so the same
/// questions and features give the same model. Cross-validation: k folds by question, each fold answered by a model
/// trained on the others, scored as ask.py scores (correct / wrong / abstained); the answer threshold is the one that
/// leaves the most room to both goals in the pooled cross-validation (95% correct, 95% of off-topic questions
/// unanswered) while wrong answers stay at most 1%.
/// </summary>
internal static class Training
{
    public const int Seed = 20261204;
    public const int Folds = 5;
    private const double MaxWrong = 0.01;
    private const double Goal = 0.95;

    /// <summary>Sets never trained or tuned on: the current estimate for unseen questions.</summary>
    public static readonly string[] NeverTrained = ["heldout-8.jsonl", "heldout-9.jsonl", "heldout-10.jsonl"];

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

        var fold = rows.Select((_, i) => Fold(i)).ToArray();
        var models = new DecisionModel?[Folds];
        for (var k = 0; k < Folds; k++)
        {
            var k1 = k;
            models[k] = Train(rows.Where((_, i) => fold[i] != k1).Select(r => r.Trace).Zip(rows.Where((_, i) => fold[i] != k1).Select(r => r.Case)), 0.5f);
        }

        // Pooled cross-validated outcome per threshold.
        var best = (Threshold: 0.5f, Cost: double.MaxValue, Line: string.Empty);
        Console.WriteLine($"{Folds}-fold cross-validation (seed {Seed}), pooled over the folds:");
        foreach (var threshold in Thresholds)
        {
            var results = new List<QuestionResult>();
            for (var k = 0; k < Folds; k++)
            {
                var model = WithThreshold(models[k]!, threshold);
                results.AddRange(rows.Where((_, i) => fold[i] == k).Select(r => new QuestionResult(r.Case, answerer.Evaluate(r.Case.Question, model).Answer, 0)));
            }

            var summary = new QuestionSetSummary(results);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  answer from p ≥ {threshold:0.00}: correct {summary.Correct}/{summary.Inside} ({summary.CorrectRate:P1}), wrong {summary.Wrong} ({summary.WrongRate:P1}), off-topic abstained {summary.Abstained}/{summary.Outside} ({summary.AbstainRate:P1})");
            Console.WriteLine(line);

            // The most room to both goals (95% correct, 95% of off-topic unanswered) while wrong answers stay at most 1%.
            var room = Math.Min(summary.CorrectRate - Goal, summary.AbstainRate - Goal);
            var cost = summary.WrongRate <= MaxWrong ? -room : double.MaxValue / 2;
            if (cost < best.Cost)
            {
                best = (threshold, cost, line.Trim());
            }
        }

        Console.WriteLine($"chosen: {best.Line}");
        if (Environment.GetEnvironmentVariable("B12BOT_CV_MISSES") == "1")
        {
            for (var k = 0; k < Folds; k++)
            {
                var model = WithThreshold(models[k]!, best.Threshold);
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
        if (!write)
        {
            return 0;
        }

        var final = Train(rows.Select(r => r.Trace).Zip(rows.Select(r => r.Case)), best.Threshold);
        var trained = string.Create(CultureInfo.InvariantCulture,
            $"dotnet run -c Release --project bench/B12Bot.Eval -- --train; FastTree seed {Seed}; {trainable} questions of {string.Join(' ', sets.Select(Path.GetFileName))}; {Folds}-fold cross-validation: {best.Line}");
        final = new DecisionModel
        {
            Features = final.Features,
            Trees = final.Trees,
            Bias = final.Bias,
            Slope = final.Slope,
            Offset = final.Offset,
            AnswerFrom = best.Threshold,
            Trained = trained,
            Sets = [.. sets.Select(p => Path.GetFileName(p))],
            FeatureChecksum = DecisionFeatures.Checksum(rows.Where(r => r.Trace.Features is not null).Select(r => r.Trace.Features!)),
        };
        var path = Path.Combine(root, "knowledge", DecisionModel.FileName);
        final.Save(path);
        Console.WriteLine($"{final.Trees.Count} trees → {path}");
        return 0;
    }

    private static int Fold(int index) => (int)((uint)(index * 2654435761u) % Folds);

    private static DecisionModel WithThreshold(DecisionModel model, float threshold) => new()
    {
        Features = model.Features,
        Trees = model.Trees,
        Bias = model.Bias,
        Slope = model.Slope,
        Offset = model.Offset,
        AnswerFrom = threshold,
    };

    private static DecisionModel Train(IEnumerable<(AnswerTrace Trace, QuestionCase Case)> examples, float threshold)
    {
        var data = examples
            .Where(e => e.Trace.Features is not null)
            .Select(e => new Example { Features = e.Trace.Features!, Label = e.Case.Expect.Contains(e.Trace.Candidate ?? string.Empty) })
            .ToList();
        var ml = new MLContext(Seed);
        var view = ml.Data.LoadFromEnumerable(data, SchemaFor(ml));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 120,
            NumberOfLeaves = 8,
            MinimumExampleCountPerLeaf = 8,
            LearningRate = 0.1,
            NumberOfThreads = 1,
            Seed = Seed,
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
            Features = featureNames,
            Trees = trees,
            Bias = (float)ensemble.Bias,
            Slope = (float)calibrated.Calibrator.Slope,
            Offset = (float)calibrated.Calibrator.Offset,
            AnswerFrom = threshold,
        };
        model.Check(featureNames);

        // The exported trees must give what ML.NET gives.
        var predictions = fitted.Transform(view);
        var probabilities = predictions.GetColumn<float>("Probability").ToList();
        for (var i = 0; i < data.Count; i++)
        {
            var mine = model.Probability(data[i].Features);
            if (Math.Abs(mine - probabilities[i]) > 1e-4)
            {
                throw new InvalidOperationException($"the exported trees give {mine} where ML.NET gives {probabilities[i]}");
            }
        }

        return model;
    }

    private static SchemaDefinition SchemaFor(MLContext ml)
    {
        _ = ml;
        var schema = SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureNames.Count);
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
