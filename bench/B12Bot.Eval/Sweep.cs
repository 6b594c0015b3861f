using System.Globalization;
using B12Bot.Knowledge;
using B12Bot.Knowledge.Evaluation;

/// <summary>
/// Measures the decision thresholds instead of guessing them: ranks every question once per scoring setting, then
/// replays the three-outcome decision for each threshold combination and lists the best ones that keep wrong
/// answers at most 2% and abstentions at least 95%.
/// </summary>
internal static class Sweep
{
    public static void Run(KnowledgeBase knowledge, IReadOnlyList<QuestionCase> cases)
    {
        var rows = new List<(double Score, string Text)>();
        foreach (var unknown in new[] { 2f, 2.5f, 3f })
        {
            foreach (var textBoost in new[] { 0.6f, 0.7f })
            {
                var scoring = new AnswererOptions { UnknownWeight = unknown, TextBoost = textBoost, AnswerThreshold = 0f, TopicOnlyThreshold = 0f, ClarifyRatio = 2f };
                using var answerer = new LuceneAnswerer(knowledge, scoring);
                var ranked = cases.Select(c => (Case: c, Trace: answerer.Evaluate(c.Question))).ToList();
                for (var threshold = 0.3f; threshold <= 0.601f; threshold += 0.025f)
                {
                    for (var topicOnly = threshold; topicOnly <= 0.801f; topicOnly += 0.05f)
                    {
                    foreach (var ratio in new[] { 0.9f, 0.95f, 0.97f, 2f })
                    {
                        foreach (var sure in new[] { 0.7f, 0.8f, 0.9f })
                        {
                            var (correct, wrong, inside, abstained, outside) = Replay(ranked, threshold, topicOnly, ratio, sure);
                            var correctRate = (double)correct / Math.Max(1, inside);
                            var wrongRate = (double)wrong / Math.Max(1, inside);
                            var abstainRate = (double)abstained / Math.Max(1, outside);
                            var ok = wrongRate <= 0.02 && abstainRate >= 0.95;
                            var score = correctRate - (ok ? 0 : 1) - (2 * wrongRate) + (0.5 * abstainRate);
                            rows.Add((score, string.Create(CultureInfo.InvariantCulture,
                                $"unknown {unknown:0.0} text {textBoost:0.0} threshold {threshold:0.000} topic-only {topicOnly:0.00} ratio {ratio:0.00} sure {sure:0.0}: correct {correctRate:P1} wrong {wrongRate:P1} abstain {abstainRate:P1}{(ok ? string.Empty : "  (fails)")}")));
                        }
                    }
                    }
                }
            }
        }

        foreach (var row in rows.OrderByDescending(r => r.Score).Take(25))
        {
            Console.WriteLine(row.Text);
        }
    }

    private static (int Correct, int Wrong, int Inside, int Abstained, int Outside) Replay(
        List<(QuestionCase Case, AnswerTrace Trace)> ranked, float threshold, float topicOnly, float ratio, float sure)
    {
        int correct = 0, wrong = 0, inside = 0, abstained = 0, outside = 0;
        foreach (var (questionCase, trace) in ranked)
        {
            string? cited = null;
            if (trace.Reason == "exact question")
            {
                cited = trace.Answer.Entry?.Id;
            }
            else if (trace.Top.Count > 0 && trace.Top[0].Score >= (trace.Plan?.HasCore == true ? threshold : topicOnly))
            {
                var best = trace.Top[0].Score;
                var close = trace.Top.Count(t => t.Score >= best * ratio);
                cited = close >= 2 && best < sure ? null : trace.Top[0].Id;
            }

            if (questionCase.Expect.Count == 0)
            {
                outside++;
                abstained += cited is null ? 1 : 0;
            }
            else
            {
                inside++;
                correct += cited is not null && questionCase.Expect.Contains(cited) ? 1 : 0;
                wrong += cited is not null && !questionCase.Expect.Contains(cited) ? 1 : 0;
            }
        }

        return (correct, wrong, inside, abstained, outside);
    }
}
