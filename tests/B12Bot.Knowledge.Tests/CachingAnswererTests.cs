using B12Bot.Knowledge;

namespace B12Bot.Knowledge.Tests;

public sealed class CachingAnswererTests
{
    [Fact]
    public void A_question_asked_again_gets_the_same_answer_without_a_second_search()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 16);

        var first = cache.Ask("omeprazol en b12");
        var second = cache.Ask("omeprazol en b12");

        Assert.Same(first, second);
        Assert.Equal(1, inner.Calls("omeprazol en b12"));
    }

    [Fact]
    public void Texts_that_differ_in_any_character_are_answered_separately()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 16);

        cache.Ask("Omeprazol en B12");
        cache.Ask("omeprazol en b12");
        cache.Ask("omeprazol en b12 ");

        Assert.Equal(3, inner.TotalCalls);
    }

    [Fact]
    public void With_capacity_zero_every_question_is_searched()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 0);

        cache.Ask("tintelende vingers");
        cache.Ask("tintelende vingers");

        Assert.Equal(2, inner.Calls("tintelende vingers"));
    }

    [Fact]
    public void Long_texts_and_null_are_not_kept()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 16);
        var longText = new string('b', CachingAnswerer.MaxQuestionLength + 1);

        cache.Ask(longText);
        cache.Ask(longText);
        cache.Ask(null);
        cache.Ask(null);

        Assert.Equal(2, inner.Calls(longText));
        Assert.Equal(2, inner.Calls(string.Empty));
    }

    [Fact]
    public void The_cache_forgets_old_questions_when_it_is_full_but_keeps_the_ones_still_asked()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 8);

        cache.Ask("vraag blijft");
        cache.Ask("vraag weg");
        for (var i = 0; i < 20; i++)
        {
            cache.Ask($"vulling {i}");
            cache.Ask("vraag blijft");
        }

        cache.Ask("vraag weg");

        Assert.Equal(1, inner.Calls("vraag blijft"));
        Assert.Equal(2, inner.Calls("vraag weg"));
    }

    [Fact]
    public void Many_threads_asking_at_once_all_get_the_inner_answer()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 64);
        var questions = Enumerable.Range(0, 200).Select(i => $"vraag {i % 50}").ToArray();

        var answers = questions.AsParallel().WithDegreeOfParallelism(8).Select(q => (q, a: cache.Ask(q))).ToList();

        Assert.All(answers, pair => Assert.Equal(pair.q, pair.a.Passage.Single()));
    }

    [Fact]
    public void Disposing_the_cache_disposes_the_answerer_it_wraps()
    {
        var inner = new CountingAnswerer();
        var cache = new CachingAnswerer(inner, capacity: 4);

        cache.Dispose();

        Assert.True(inner.Disposed);
    }

    /// <summary>Answers with the question as the passage and counts how often each text was searched.</summary>
    private sealed class CountingAnswerer : IAnswerer, IDisposable
    {
        private readonly Dictionary<string, int> calls = new(StringComparer.Ordinal);

        public int TotalCalls { get; private set; }

        public bool Disposed { get; private set; }

        public Answer Ask(string? question)
        {
            lock (calls)
            {
                var key = question ?? string.Empty;
                calls[key] = calls.GetValueOrDefault(key) + 1;
                TotalCalls++;
            }

            return new Answer { Outcome = AnswerOutcome.NoMatch, Passage = [question ?? string.Empty] };
        }

        public int Calls(string question)
        {
            lock (calls)
            {
                return calls.GetValueOrDefault(question);
            }
        }

        public void Dispose() => Disposed = true;
    }
}
