using B12Bot.Knowledge.Tests.TestSupport;

namespace B12Bot.Knowledge.Tests.Search;

/// <summary>
/// The answerer reuses its collectors and search arrays from question to question and across threads: a question
/// must get exactly the same decision whatever was asked before it and whatever is asked at the same time.
/// </summary>
public sealed class AnswererReuseTests
{
    [Fact]
    public void A_question_is_decided_the_same_whatever_came_before_or_runs_alongside()
    {
        using var answerer = new LuceneAnswerer(RealKnowledge.Base);
        var questions = Questions();
        Assert.True(questions.Count > 100);

        var forward = questions.Select(q => Describe(answerer.Evaluate(q))).ToList();
        var backward = questions.AsEnumerable().Reverse().Select(q => Describe(answerer.Evaluate(q))).Reverse().ToList();
        var parallel = new string[questions.Count];
        Parallel.For(0, questions.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Describe(answerer.Evaluate(questions[i])));

        Assert.Equal(forward, backward);
        Assert.Equal(forward, parallel);

        // The questions reach every outcome, so the collectors were left in every state.
        Assert.Contains(forward, d => d.StartsWith("Answer", StringComparison.Ordinal));
        Assert.Contains(forward, d => d.StartsWith("NoMatch", StringComparison.Ordinal));
    }

    /// <summary>
    /// The knowledge's own phrasings, cut short or joined two by two (so none is an exact question and many are
    /// searched as a story), and words of no entry.
    /// </summary>
    private static List<string> Questions()
    {
        var phrasings = RealKnowledge.Base.Entries.SelectMany(e => e.Variants.Take(3).Prepend(e.Question)).ToList();
        var questions = new List<string>();
        for (var i = 0; i < phrasings.Count; i++)
        {
            var words = phrasings[i].Split(' ');
            questions.Add(string.Join(' ', words.Skip(1)));
            questions.Add($"{phrasings[i]} Ik vraag het omdat {phrasings[(i * 7) % phrasings.Count].ToLowerInvariant()}");
        }

        questions.Add("hoe laat vertrekt de trein naar utrecht");
        questions.Add("wat kost een fiets");
        return questions;
    }

    private static string Describe(AnswerTrace trace) =>
        string.Join(
            " | ",
            trace.Answer.Outcome,
            trace.Answer.Entry?.Id,
            BitConverter.DoubleToInt64Bits(trace.Answer.Score),
            trace.Reason,
            string.Join(",", trace.Answer.Passage.Select(p => p.Length)),
            string.Join(",", trace.Answer.Alternatives.Select(a => a.Id)),
            string.Join(",", trace.Top.Select(t => $"{t.Id}={BitConverter.SingleToInt32Bits(t.Score)}")),
            trace.Features is null ? "-" : string.Join(",", trace.Features.Select(BitConverter.SingleToInt32Bits)));
}

/// <summary>
/// The exact questions are kept by their hash: every question, title and variant must still lead to the first entry
/// that has it, and text that only shares a hash with none of them must be searched.
/// </summary>
public sealed class ExactQuestionTests
{
    [Fact]
    public void Every_phrasing_is_answered_by_the_first_entry_that_has_it()
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in RealKnowledge.Base.Entries)
        {
            foreach (var phrasing in entry.Variants.Prepend(entry.Title).Prepend(entry.Question))
            {
                first.TryAdd(B12Bot.Knowledge.Text.TextNormalizer.ForComparison(phrasing), entry.Id);
            }
        }

        Assert.True(first.Count > 100);
        foreach (var entry in RealKnowledge.Base.Entries)
        {
            foreach (var phrasing in entry.Variants.Prepend(entry.Title).Prepend(entry.Question))
            {
                var trace = RealKnowledge.Answerer.Evaluate(phrasing.ToUpperInvariant() + " ");
                Assert.Equal("exact question", trace.Reason);
                Assert.Equal(first[B12Bot.Knowledge.Text.TextNormalizer.ForComparison(phrasing)], trace.Answer.Entry?.Id);
            }
        }

        Assert.NotEqual("exact question", RealKnowledge.Answerer.Evaluate(RealKnowledge.Base.Entries[0].Question + " of niet").Reason);
    }
}
