using B12Bot.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/B12Bot.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/B12Bot.Benchmarks -- scale-profile KNOWLEDGE_FOLDER QUESTIONS_FILE [SECONDS]
if (args.Length > 0 && args[0] == "scale-profile")
{
    return ScaleProfile.Run(args[1..]);
}

// dotnet run -c Release --project bench/B12Bot.Benchmarks -- turn-profile [SECONDS] [ROUNDS] [--Key=value for B12Bot]
if (args.Length > 0 && args[0] == "turn-profile")
{
    return TurnProfile.Run(args[1..]);
}

// dotnet run -c Release --project bench/B12Bot.Benchmarks -- answer-dump KNOWLEDGE_FOLDER OUTPUT_FILE QUESTIONS_FILE...
if (args.Length > 0 && args[0] == "answer-dump")
{
    return AnswerDump.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(AnswererBenchmarks).Assembly).Run(args);
return 0;
