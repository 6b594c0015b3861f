using B12Bot.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/B12Bot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AnswererBenchmarks).Assembly).Run(args);
