using B12Bot.Knowledge.Safety;
using System.Text;

namespace B12Bot.Bots;

/// <summary>What a short social message is.</summary>
public enum SmallTalkKind
{
    Greeting,
    Thanks,
    WhoAreYou,
    WhatCanYouDo,
    Help,
    Goodbye,
}

/// <summary>
/// Recognises messages that are only small talk ("hoi", "bedankt!", "wie ben jij?"). A message that also asks
/// something ("hallo, wat is pernicieuze anemie?") is not small talk: it goes to the answerer.
/// </summary>
public static class SmallTalk
{
    private static readonly (SmallTalkKind Kind, string[] Phrases)[] Table =
    [
        (SmallTalkKind.Greeting, ["hallo", "hoi", "hey", "hee", "hi", "hello", "dag", "goedemorgen", "goedemiddag", "goedenavond", "goeiedag", "goeiemorgen", "goedendag", "hallo daar", "hoi daar", "yo", "hallo b12bot", "hoi b12bot"]),
        (SmallTalkKind.Thanks, ["bedankt", "dank je", "dank je wel", "dankjewel", "dank u", "dank u wel", "dankuwel", "merci", "thanks", "top bedankt", "super bedankt", "heel erg bedankt", "hartelijk dank", "fijn dank je", "ok bedankt", "oke bedankt", "duidelijk bedankt", "top", "fijn", "prima", "ok", "oke", "okay", "duidelijk", "helder"]),
        (SmallTalkKind.WhoAreYou, ["wie ben jij", "wie ben je", "wie bent u", "wat ben jij", "wat ben je", "wat bent u", "ben jij een robot", "ben je een robot", "ben jij een mens", "ben je een mens", "ben jij een bot", "ben je een bot", "met wie praat ik"]),
        (SmallTalkKind.WhatCanYouDo, ["wat kun je", "wat kan je", "wat kunt u", "wat kun jij", "wat kan jij", "wat kun je doen", "wat kan je doen", "wat kunt u doen", "wat weet je", "wat weet jij", "waar kan je mee helpen", "waar kun je mee helpen", "waarmee kun je helpen", "waarmee kunt u helpen", "wat kan ik vragen", "wat kan ik je vragen", "welke vragen kan ik stellen", "onderwerpen"]),
        (SmallTalkKind.Help, ["help", "hulp", "help me", "helpen", "ik heb hulp nodig", "menu", "?", "info", "informatie"]),
        (SmallTalkKind.Goodbye, ["doei", "dag dag", "tot ziens", "tot later", "bye", "doeg", "fijne dag", "fijne dag nog", "houdoe", "salu", "ciao"]),
    ];

    private static readonly Dictionary<string, SmallTalkKind> Phrases = BuildPhrases();

    public static SmallTalkKind? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 60)
        {
            return null;
        }

        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return text.Trim() == "?" ? SmallTalkKind.Help : null;
        }

        return Phrases.TryGetValue(normalized, out var kind) ? kind : null;
    }

    /// <summary>Lower case, accents and punctuation removed, white space folded.</summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in UserText.Fold(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    private static Dictionary<string, SmallTalkKind> BuildPhrases()
    {
        var phrases = new Dictionary<string, SmallTalkKind>(StringComparer.Ordinal);
        foreach (var (kind, list) in Table)
        {
            foreach (var phrase in list)
            {
                var key = Normalize(phrase);
                if (key.Length > 0)
                {
                    phrases[key] = kind;
                }
            }
        }

        return phrases;
    }
}
