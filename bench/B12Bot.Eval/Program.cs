using System.Globalization;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Analysis;
using B12Bot.Knowledge.Evaluation;

// The in-process evaluation: runs question sets (ask.py format) through the same LuceneAnswerer the bot uses and
// prints the misses and ask.py's summary line. See bench/B12Bot.Eval/README.md.
var arguments = new List<string>(args);
var show = TakeOption(arguments, "--show") ?? "miss";
var explain = TakeFlag(arguments, "--explain");
var minCorrect = TakeNumber(arguments, "--min-correct", 0.0);
var maxWrong = TakeNumber(arguments, "--max-wrong", 1.0);
var minAbstain = TakeNumber(arguments, "--min-abstain", 0.0);
var tokens = TakeFlag(arguments, "--tokens");
var ask = TakeFlag(arguments, "--ask");
var sweep = TakeFlag(arguments, "--sweep");
var profile = TakeFlag(arguments, "--profile");
var vocabularySource = TakeOption(arguments, "--vocabulary");
var train = TakeFlag(arguments, "--train");
var crossValidate = TakeFlag(arguments, "--cv");
var handRules = TakeFlag(arguments, "--hand");
var focus = TakeFlag(arguments, "--focus");

if (vocabularySource is not null)
{
    return Training.WriteVocabulary(vocabularySource, Path.Combine(Training.KnowledgeFolder(), B12Bot.Knowledge.Analysis.Vocabulary.FileName));
}

if (train || crossValidate)
{
    return Training.Run(train);
}

if (arguments.Count == 0)
{
    Console.Error.WriteLine("usage: B12Bot.Eval SET.jsonl [SET.jsonl …] [--show all|miss|none] [--explain]");
    Console.Error.WriteLine("                   [--min-correct 0.95] [--max-wrong 0.02] [--min-abstain 0.95]");
    Console.Error.WriteLine("       B12Bot.Eval --ask \"question\" …     (how one question is answered)");
    Console.Error.WriteLine("       B12Bot.Eval --tokens \"text\" …      (what the analysis makes of a text)");
    Console.Error.WriteLine("       B12Bot.Eval --sweep SET.jsonl …   (thresholds over a grid, for tuning)");
    Console.Error.WriteLine("       B12Bot.Eval --train [--cv]        (trains the answer decision on tests/questions, writes knowledge/decision-model.json)");
    Console.Error.WriteLine("       B12Bot.Eval --cv                  (k-fold cross-validation of the answer decision only)");
    Console.Error.WriteLine("       B12Bot.Eval --vocabulary /usr/share/dict/dutch   (writes knowledge/vocabulary-nl.txt.gz)");
    return 2;
}

var loadStarted = System.Diagnostics.Stopwatch.GetTimestamp();
var knowledge = KnowledgeLoader.Load(KnowledgeLoader.DefaultPath(AppContext.BaseDirectory));
var loadTime = System.Diagnostics.Stopwatch.GetElapsedTime(loadStarted);

if (tokens)
{
    using var answerer = new LuceneAnswerer(knowledge);
    foreach (var text in arguments)
    {
        Console.WriteLine($"{text} → {answerer.DescribeAnalysis(text)}");
    }

    return 0;
}

if (ask)
{
    using var answerer = new LuceneAnswerer(knowledge);
    foreach (var text in arguments)
    {
        Console.WriteLine(Explain(answerer, text));
    }

    return 0;
}

if (profile)
{
    var vocabularyStarted = System.Diagnostics.Stopwatch.GetTimestamp();
    var vocabulary = B12Bot.Knowledge.Analysis.Vocabulary.ReadFile(Path.Combine(Path.GetDirectoryName(KnowledgeLoader.DefaultPath(AppContext.BaseDirectory))!, B12Bot.Knowledge.Analysis.Vocabulary.FileName));
    Console.WriteLine($"knowledge loaded in {loadTime.TotalMilliseconds:0} ms (first load, with JIT); the vocabulary again: {vocabulary.Count} words in {System.Diagnostics.Stopwatch.GetElapsedTime(vocabularyStarted).TotalMilliseconds:0} ms");
    using var answerer = new LuceneAnswerer(knowledge);
    var cases = arguments.SelectMany(QuestionSet.Read).ToList();
    for (var round = 0; round < 30; round++)
    {
        QuestionSet.Run(answerer, cases);
    }

    var times = cases.Select(c =>
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 200; i++)
        {
            answerer.Ask(c.Question);
        }

        return (c.Question, Micro: System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 200);
    }).OrderByDescending(t => t.Micro).ToList();
    foreach (var (question, micro) in times.Take(15))
    {
        Console.WriteLine($"{micro,8:0.0} µs  {question}");
    }

    Console.WriteLine($"median {times[times.Count / 2].Micro:0.0} µs, mean {times.Average(t => t.Micro):0.0} µs");
    // The same questions without the vocabulary and the learned decision (the hand-set thresholds): what they cost.
    var plain = new KnowledgeBase(knowledge.Article, knowledge.Entries, knowledge.Keywords) { Lexicon = knowledge.Lexicon };
    using (var handAnswerer = new LuceneAnswerer(plain))
    {
        QuestionSet.Run(handAnswerer, cases);
        var plainTimes = cases.Select(c =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < 200; i++)
            {
                handAnswerer.Ask(c.Question);
            }

            return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 200;
        }).Order().ToList();
        var withTimes = times.Select(t => t.Micro).Order().ToList();
        Console.WriteLine($"with the vocabulary and the learned decision: median {withTimes[withTimes.Count / 2]:0.0} µs, p99 {withTimes[(int)(withTimes.Count * 0.99)]:0.0} µs; "
            + $"without (hand thresholds): median {plainTimes[plainTimes.Count / 2]:0.0} µs, p99 {plainTimes[(int)(plainTimes.Count * 0.99)]:0.0} µs");
    }

    var analysis = cases.Select(c =>
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 200; i++)
        {
            answerer.DescribeAnalysis(c.Question);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / 200;
    }).Order().ToList();
    Console.WriteLine($"analysis only: median {analysis[analysis.Count / 2]:0.0} µs, max {analysis[^1]:0.0} µs");
    return 0;
}

if (focus)
{
    // Which words the analysis reads as concepts the knowledge does not cover, in questions it should answer and in
    // questions it should not: a word often "uncovered" in answerable questions belongs in the lexicon.
    using var answerer = new LuceneAnswerer(knowledge);
    var cases = arguments.SelectMany(QuestionSet.Read).ToList();
    var counts = new Dictionary<string, (int Inside, int Outside)>(StringComparer.Ordinal);
    foreach (var c in cases)
    {
        foreach (var word in answerer.Evaluate(c.Question).Plan?.Uncovered ?? [])
        {
            var key = word.ToLowerInvariant();
            var (inside, outside) = counts.GetValueOrDefault(key);
            counts[key] = c.Expect.Count > 0 ? (inside + 1, outside) : (inside, outside + 1);
        }
    }

    foreach (var (word, (inside, outside)) in counts.OrderByDescending(p => p.Value.Inside).ThenBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"{inside,4} {outside,4}  {word}");
    }

    return 0;
}

if (sweep)
{
    var cases = arguments.SelectMany(QuestionSet.Read).ToList();
    Sweep.Run(knowledge, cases);
    return 0;
}

var allHold = true;
using (var lucene = new LuceneAnswerer(knowledge))
{
    IAnswerer answerer = handRules ? new DecidedAnswerer(lucene, null) : lucene;
    foreach (var path in arguments)
    {
        var cases = QuestionSet.Read(path);
        QuestionSet.Run(answerer, cases); // warm-up: the first pass pays for JIT
        var summary = QuestionSet.Run(answerer, cases);
        foreach (var result in summary.Results)
        {
            if (show == "all" || (show == "miss" && result.Verdict != "ok"))
            {
                var got = result.Cited is null ? "[]" : $"['{result.Cited}']";
                var outcome = result.Answer.Outcome == AnswerOutcome.Clarify
                    ? " clarify: " + string.Join(", ", result.Answer.Alternatives.Select(a => a.Id))
                    : string.Empty;
                Console.WriteLine($"{result.Verdict,-7} '{result.Case.Question}' expect=[{string.Join(", ", result.Case.Expect)}] got={got}{outcome}");
                if (explain && result.Verdict != "ok")
                {
                    Console.WriteLine("        " + Explain(lucene, result.Case.Question).Replace("\n", "\n        ", StringComparison.Ordinal));
                }
            }
        }

        if (arguments.Count > 1)
        {
            Console.WriteLine(path);
        }

        Console.WriteLine(summary.Line());
        foreach (var line in summary.KindLines())
        {
            Console.WriteLine(line);
        }

        allHold &= summary.Holds(minCorrect, maxWrong, minAbstain);
    }
}

return allHold ? 0 : 1;

static string Explain(LuceneAnswerer answerer, string text)
{
    var trace = answerer.Evaluate(text);
    var lines = new List<string> { $"'{text}' → {trace.Answer.Outcome} {trace.Answer.Entry?.Id} ({trace.Reason}, {trace.Answer.Score:0.000}; candidate {trace.Candidate} p={trace.Probability:0.000})" };
    if (trace.Answer.NotCovered is { } notCovered || trace.Answer.InEnglish)
    {
        lines.Add(trace.Answer.InEnglish ? "in English" : $"not covered: {trace.Answer.NotCovered}");
    }

    if (trace.Plan is { } focus)
    {
        lines.Add($"uncovered: [{string.Join(", ", focus.Uncovered)}] non-words {focus.NonWords} corrected {focus.Corrected} words {focus.Words} english {focus.EnglishWords}");
    }
    if (trace.Plan is { } plan)
    {
        var concepts = plan.Concepts.Select(c => c.Terms.Count == 0
            ? $"?{c.Word}:{c.Weight:0.00}"
            : $"{string.Join('/', c.Terms.Select(t => t.Boost < 1 ? $"{t.Term}*{t.Boost:0.00}" : t.Term))}:{c.Weight:0.00}");
        lines.Add($"analysis: {answerer.DescribeAnalysis(text)}");
        lines.Add($"concepts: {string.Join("  ", concepts)}  total {plan.Weight:0.00}; core={plan.HasCore} topic={plan.HasTopic}"
            + $"; categories={string.Join(',', answerer.Knowledge.Lexicon.Categories.Where((_, i) => (plan.Categories & (1UL << i)) != 0).Select(c => c.Name))}"
            + (plan.OffTopicReason is { } reason ? $"; verdict={reason}" : string.Empty)
            + (plan.Rules.Count > 0 ? $"; rules={string.Join(',', plan.Rules)}" : string.Empty));
    }

    if (trace.Top.Count > 0)
    {
        lines.AddRange(trace.Top.Take(3).Select(t => $"  {t.Id} {t.Score:0.000} {t.Unit.Kind}: {Shorten(t.Unit.Text)}"));
    }

    return string.Join('\n', lines);
}

static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "...";

static bool TakeFlag(List<string> arguments, string name) => arguments.Remove(name);

static string? TakeOption(List<string> arguments, string name)
{
    var at = arguments.IndexOf(name);
    if (at < 0 || at + 1 >= arguments.Count)
    {
        return null;
    }

    var value = arguments[at + 1];
    arguments.RemoveRange(at, 2);
    return value;
}

static double TakeNumber(List<string> arguments, string name, double fallback) =>
    TakeOption(arguments, name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
