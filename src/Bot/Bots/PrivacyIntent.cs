using System.Text.RegularExpressions;

namespace B12Bot.Bots;

/// <summary>Recognises a request to forget the person: "vergeet mij", "verwijder mijn gegevens", "wis ons gesprek" …</summary>
public static partial class PrivacyIntent
{
    public static bool IsForgetMe(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= 120 && ForgetMe().IsMatch(SmallTalk.Normalize(text));

    [GeneratedRegex(
        @"^(?:(?:wil|kun|kan) (?:je|jij|u) |kunt u |graag |alsjeblieft |aub |a u b |ik wil dat je |ik wil dat u )?" +
        @"(?:vergeet|verwijder|wis|delete)(?: nu)?" +
        @" (?:mij|me|mijn (?:gegevens|data|antwoorden|gesprek|geschiedenis|account|info|informatie)|al mijn (?:gegevens|data|antwoorden)" +
        @"|alles(?: over mij| van mij| wat ik (?:heb )?(?:gezegd|verteld))?|dit gesprek|ons gesprek|het gesprek)" +
        @"(?: (?:alsjeblieft|aub|a u b|graag|maar))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ForgetMe();
}
