using System.Globalization;

namespace B12Bot.Load;

/// <summary>Command-line options: <c>--name value</c> or <c>--name=value</c>; flags without a value are "true".</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public Options(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                values[name[..equals]] = name[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[name] = args[++i];
            }
            else
            {
                values[name] = "true";
            }
        }
    }

    public string? String(string name)
    {
        read.Add(name);
        return values.TryGetValue(name, out var value) ? value : null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a whole number from {min} to {max}");
        }

        return value;
    }

    public double Double(string name, double fallback, double min, double max)
    {
        var text = String(name);
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a number from {min} to {max}");
        }

        return value;
    }

    public bool Flag(string name) => String(name) is "true" or "1" or "yes";

    /// <summary>Fails on options nobody asked for, so a typo does not silently run the defaults.</summary>
    public void ThrowOnUnknown()
    {
        var unknown = values.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("unknown option(s): " + string.Join(", ", unknown.Select(u => "--" + u)));
        }
    }
}
