namespace B12Bot.Benchmarks;

/// <summary>A mix of questions as people type them: formal, colloquial, typos, one word, syntax, off-topic.</summary>
internal static class Questions
{
    public static readonly string[] Mix =
    [
        "Wat is de belangrijkste oorzaak van vitamine B12-tekort?",
        "ik eet geen vlees, moet ik me zorgen maken?",
        "gastric bipass b12",
        "tintelende vingers",
        "omeprazol en b12",
        "teveel b12 schadelijk?",
        "Hoe vaak moet ik mijn B12 laten controleren?",
        "ziekte van Biermer",
        "coeliakie",
        "b12 (tekort) AND vegan*",
        "wat kost vitamine D bij jullie?",
        "Hoe laat gaat de apotheek dicht?",
        "qwerty",
        "mijn moeder is 80, moet ze b12 slikken",
        "zijn die spuitjes nodig of kan ik pillekes nemen",
        "Welke voedingsmiddelen zijn rijk aan vitamine B12?",
    ];
}
