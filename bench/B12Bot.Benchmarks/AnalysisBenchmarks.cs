using B12Bot.Knowledge;
using B12Bot.Knowledge.Analysis;
using BenchmarkDotNet.Attributes;
using Lucene.Net.Analysis.TokenAttributes;

namespace B12Bot.Benchmarks;

/// <summary>The Dutch analysis chain alone, over the whole question mix (index chain, and question chain with typo tolerance).</summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private DutchKnowledgeAnalyzer indexChain = null!;
    private LuceneAnswerer answerer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var knowledge = KnowledgeLoader.Load(KnowledgeLoader.DefaultPath(AppContext.BaseDirectory));
        indexChain = new DutchKnowledgeAnalyzer(AnalysisResources.Build(knowledge.Lexicon));
        answerer = new LuceneAnswerer(knowledge);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        indexChain.Dispose();
        answerer.Dispose();
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int IndexChain()
    {
        var tokens = 0;
        foreach (var question in Questions.Mix)
        {
            using var stream = indexChain.GetTokenStream(string.Empty, question);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                tokens += term.Length;
            }

            stream.End();
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int QuestionChain()
    {
        var length = 0;
        foreach (var question in Questions.Mix)
        {
            length += answerer.DescribeAnalysis(question).Length;
        }

        return length;
    }
}
