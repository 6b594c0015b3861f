using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.Evaluation;

/// <summary>One line of a question set (the format of ask.py): the question and the entry ids that count as right; none for off-topic.</summary>
internal sealed record QuestionCase
{
    [JsonPropertyName("q")]
    public required string Question { get; init; }

    [JsonPropertyName("expect")]
    public required IReadOnlyList<string> Expect { get; init; }

    /// <summary>The kind of question (colloquial, story, typo, formal, syntax, short, offtopic), when the set says.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; }
}

/// <summary>How one question went, judged as ask.py judges a reply: by the entry the answer cites.</summary>
internal sealed record QuestionResult(QuestionCase Case, Answer Answer, double Milliseconds)
{
    /// <summary>The cited entry id; clarifications and no-match cite nothing.</summary>
    public string? Cited => Answer.Outcome == AnswerOutcome.Answer ? Answer.Entry?.Id : null;

    /// <summary>"ok", "wrong" or "none" (in-domain, nothing cited).</summary>
    public string Verdict => Case.Expect.Count == 0
        ? (Cited is null ? "ok" : "wrong")
        : Cited is null ? "none" : Case.Expect.Contains(Cited) ? "ok" : "wrong";
}

/// <summary>The figures of a run, in the shape of ask.py's summary line.</summary>
internal sealed record QuestionSetSummary(IReadOnlyList<QuestionResult> Results)
{
    public int Inside => Results.Count(r => r.Case.Expect.Count > 0);

    public int Correct => Results.Count(r => r.Case.Expect.Count > 0 && r.Verdict == "ok");

    public int Wrong => Results.Count(r => r.Case.Expect.Count > 0 && r.Verdict == "wrong");

    public int Outside => Results.Count(r => r.Case.Expect.Count == 0);

    public int Abstained => Results.Count(r => r.Case.Expect.Count == 0 && r.Verdict == "ok");

    public double CorrectRate => Rate(Correct, Inside);

    public double WrongRate => Rate(Wrong, Inside);

    public double AbstainRate => Rate(Abstained, Outside);

    public bool Holds(double minCorrect, double maxWrong, double minAbstain) =>
        CorrectRate >= minCorrect && WrongRate <= maxWrong && AbstainRate >= minAbstain;

    public string Line()
    {
        var latencies = Results.Select(r => r.Milliseconds).Order().ToList();
        var p50 = latencies.Count == 0 ? double.NaN : Median(latencies);
        var p99 = latencies.Count == 0 ? double.NaN : latencies[Math.Max(0, (int)(latencies.Count * 0.99) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"in-domain correct {Correct}/{Inside} ({CorrectRate:P1}), wrong {Wrong} ({WrongRate:P1}); "
            + $"out-of-domain abstained {Abstained}/{Outside} ({AbstainRate:P1}); errors 0; "
            + $"latency p50 {p50:0.000} ms p99 {p99:0.000} ms").Replace(" %", "%", StringComparison.Ordinal);
    }

    /// <summary>One line per kind of question, as ask.py prints them, when the set names kinds.</summary>
    public IEnumerable<string> KindLines() =>
        Results.Where(r => r.Case.Kind is not null)
            .GroupBy(r => r.Case.Kind!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture,
                $"  {g.Key,-11} {g.Count(r => r.Verdict == "ok")}/{g.Count()} ok, {g.Count(r => r.Verdict == "wrong")} wrong, {g.Count(r => r.Verdict == "none")} without answer"));

    private static double Rate(int n, int d) => d == 0 ? 1.0 : (double)n / d;

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

/// <summary>Reads question sets and runs them through an answerer.</summary>
internal static class QuestionSet
{
    public static IReadOnlyList<QuestionCase> Read(string path)
    {
        var cases = new List<QuestionCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                cases.Add(JsonSerializer.Deserialize<QuestionCase>(line) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNumber}: not a question line ({e.Message})", e);
            }
        }

        return cases;
    }

    public static QuestionSetSummary Run(IAnswerer answerer, IEnumerable<QuestionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(answerer);
        var results = new List<QuestionResult>();
        foreach (var questionCase in cases)
        {
            var started = Stopwatch.GetTimestamp();
            var answer = answerer.Ask(questionCase.Question);
            results.Add(new QuestionResult(questionCase, answer, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }

        return new QuestionSetSummary(results);
    }
}
