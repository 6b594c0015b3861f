using System.Globalization;
using System.Text;
using System.Text.Json;
using B12Bot.Knowledge;

namespace B12Bot.Benchmarks;

/// <summary>
/// Writes, for every question of the given files, everything the answerer decided — outcome, entry, passage,
/// alternatives, the five best entries with their scores, the decision's features and probability, with and without
/// the learned decision — with every float written exactly (its bits), so two builds can be compared with
/// <c>diff</c>: a change to the search that should not change any result must leave the file identical.
/// Question files: one question a line (<c>#</c> comments), or JSON lines with the question in <c>q</c>.
/// </summary>
internal static class AnswerDump
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 3)
        {
            Console.Error.WriteLine("answer-dump KNOWLEDGE_FOLDER OUTPUT_FILE QUESTIONS_FILE...");
            return 64;
        }

        var knowledge = KnowledgeLoader.Load(Path.Combine(args[0], "faq.json"), allowAdditionalEntries: true);
        using var answerer = new LuceneAnswerer(knowledge);
        var output = new StringBuilder();
        var count = 0;
        foreach (var question in args.Skip(2).SelectMany(Questions))
        {
            output.Append("Q ").AppendLine(question);
            Describe(output, "learned", answerer.Evaluate(question));
            Describe(output, "hand-set", answerer.Evaluate(question, decision: null));
            Describe(output, "training", answerer.Evaluate(question, knowledge.Decision, training: true));
            count++;
        }

        File.WriteAllText(args[1], output.ToString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} questions written to {args[1]}"));
        return 0;
    }

    private static IEnumerable<string> Questions(string file)
    {
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty("q", out var q) && q.GetString() is { } text)
                {
                    yield return text;
                }

                continue;
            }

            yield return line;
        }
    }

    private static void Describe(StringBuilder output, string how, AnswerTrace trace)
    {
        var answer = trace.Answer;
        output.Append(CultureInfo.InvariantCulture, $"  {how}: {answer.Outcome} {answer.Entry?.Id ?? "-"} score {Bits(answer.Score)} reason {trace.Reason}")
            .Append(CultureInfo.InvariantCulture, $" candidate {trace.Candidate ?? "-"} p {Bits(trace.Probability)} not-covered {answer.NotCovered ?? "-"} english {answer.InEnglish}")
            .AppendLine();
        output.Append("    passage ").AppendLine(string.Join(" | ", answer.Passage.Select(p => p.Length > 40 ? p[..40] : p)));
        output.Append("    alternatives ").AppendLine(string.Join(" ", answer.Alternatives.Select(a => a.Id)));
        output.Append("    related ").AppendLine(string.Join(" ", answer.Related.Select(a => a.Id)));
        output.Append("    top ").AppendLine(string.Join(" ", trace.Top.Select(t => $"{t.Id}={Bits(t.Score)}@{t.Unit.Kind}:{t.Unit.Paragraph}:{t.Unit.Text.Length}")));
        output.Append("    features ").AppendLine(trace.Features is null ? "-" : string.Join(" ", trace.Features.Select(f => Bits(f))));
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    private static string Bits(float value) => BitConverter.SingleToInt32Bits(value).ToString("x8", CultureInfo.InvariantCulture);
}
