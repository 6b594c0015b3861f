using B12Bot.Knowledge.Safety;
using BenchmarkDotNet.Attributes;

namespace B12Bot.Benchmarks;

/// <summary>The red-flag check every message gets, over the whole question mix (almost none of it a red flag).</summary>
[MemoryDiagnoser]
public class RedFlagBenchmarks
{
    private RedFlagDetector detector = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.GetDirectoryName(Knowledge.KnowledgeLoader.DefaultPath(AppContext.BaseDirectory))!;
        detector = RedFlagDetector.Load(Path.Combine(folder, "redflags.json"));
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int Detect()
    {
        var found = 0;
        foreach (var question in Questions.Mix)
        {
            found += detector.Detect(question) is null ? 0 : 1;
        }

        return found;
    }
}
