using B12Bot.Knowledge;
using BenchmarkDotNet.Attributes;

namespace B12Bot.Benchmarks;

/// <summary>One question through the whole answerer: analysis, query, search, decision, passage.</summary>
[MemoryDiagnoser]
[MedianColumn]
[MaxColumn]
public class AnswererBenchmarks
{
    private LuceneAnswerer answerer = null!;

    [ParamsSource(nameof(AllQuestions))]
    public string Question { get; set; } = string.Empty;

    public static IEnumerable<string> AllQuestions() => Questions.Mix;

    [GlobalSetup]
    public void Setup()
    {
        answerer = new LuceneAnswerer(KnowledgeLoader.Load(KnowledgeLoader.DefaultPath(AppContext.BaseDirectory)));
    }

    [GlobalCleanup]
    public void Cleanup() => answerer.Dispose();

    [Benchmark]
    public Answer Ask() => answerer.Ask(Question);
}
