using B12Bot.Load;

// B12Bot.Load compare | scale | soak [options]: see bench/README.md.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine("""
        B12Bot.Load compare [--connections 16] [--duration 15] [--warmup 30] [--rounds 2] [--storage sqlite|memory] [--bot-args "--Key=value ..."] [--bot B12Bot.dll] [--echo EchoBot.dll]
            B12Bot and the echo bot, each its own Release process: throughput ratio, p50/p99, cold start, peak memory.
        B12Bot.Load scale [--entries 10000] [--grow entries|variants] [same options]
            B12Bot with its own knowledge and with a knowledge base grown to --entries entries (or variants).
        B12Bot.Load soak [--conversations 200] [--minutes 3] [--questions 3] [--think-ms 0] [--storage sqlite|memory]
                         [--directline http://127.0.0.1:A,http://127.0.0.1:B  (over Direct Line, alternating instances)] [--ramp-seconds 0]
                         [--url http://127.0.0.1:PORT | --bot B12Bot.dll] [--bot-args "--Key=value ..."]
            Many conversations at once, each a walkthrough (choosing offered buttons) and questions.
        B12Bot.Load measure --url http://127.0.0.1:PORT [--connections 16] [--duration 15] [--warmup 30] [--rounds 2]
            One bot that is already running (for comparing with another load generator such as wrk).
        B12Bot.Load coldstart [--runs 5] [--bot B12Bot.dll] [--echo EchoBot.dll] [--bot-args "--Key=value ..."]
            Starts the echo bot and B12Bot in turn, each to its first answered question: median cold start of each and the ratio.
        B12Bot.Load grow --to FOLDER [--entries 10000] [--grow entries|variants] [--bot B12Bot.dll]
            Writes the grown knowledge folder the scale run uses, for in-process measures (bench/B12Bot.Benchmarks scale-profile).
        Only 127.0.0.1 is ever loaded.
        """);
    return 0;
}

try
{
    var options = new Options(args.Skip(1).ToList());
    return args[0] switch
    {
        "compare" => await Modes.CompareAsync(options),
        "scale" => await Modes.ScaleAsync(options),
        "soak" => await Soak.RunAsync(options),
        "measure" => await Modes.MeasureAsync(options),
        "grow" => Modes.Grow(options),
        "coldstart" => await Modes.ColdStartAsync(options),
        _ => throw new ArgumentException($"unknown mode '{args[0]}' (compare, scale, soak, measure)"),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("B12Bot.Load: " + e.Message);
    return 64;
}
