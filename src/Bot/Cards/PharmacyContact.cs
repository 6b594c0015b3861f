using System.Text;

namespace B12Bot.Cards;

/// <summary>The <c>Pharmacy</c> configuration section: how people reach the pharmacy itself.</summary>
public sealed class PharmacyOptions
{
    public const string SectionName = "Pharmacy";

    public string? Name { get; set; }

    public string? Phone { get; set; }

    public string? Url { get; set; }

    public string? OpeningHours { get; set; }
}

/// <summary>
/// One sentence saying how to reach the pharmacy, added to the "not in my information" reply, the red-flag advice
/// and the walkthrough's result. Nothing is added when neither a phone number nor an address is configured.
/// </summary>
public sealed class PharmacyContact
{
    public PharmacyContact(PharmacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Line = Compose(options);
    }

    /// <summary>The sentence, or null when no way to reach the pharmacy is configured.</summary>
    public string? Line { get; }

    /// <summary><paramref name="text"/> with the contact sentence as its last paragraph (unchanged when not configured).</summary>
    public string AppendTo(string text) => Line is null ? text : text + "\n\n" + Line;

    private static string? Compose(PharmacyOptions options)
    {
        var phone = options.Phone?.Trim();
        var url = options.Url?.Trim();
        if (string.IsNullOrEmpty(phone) && string.IsNullOrEmpty(url))
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(options.Name) ? "de apotheek" : options.Name.Trim();
        var line = new StringBuilder("Wilt u iemand van ").Append(name).Append(" spreken? ");
        if (!string.IsNullOrEmpty(phone))
        {
            line.Append("Bel ").Append(phone);
            if (!string.IsNullOrWhiteSpace(options.OpeningHours))
            {
                line.Append(" (").Append(options.OpeningHours.Trim()).Append(')');
            }

            line.Append(string.IsNullOrEmpty(url) ? "." : " of kijk op " + url + ".");
        }
        else
        {
            line.Append("Kijk op ").Append(url);
            if (!string.IsNullOrWhiteSpace(options.OpeningHours))
            {
                line.Append(" (open ").Append(options.OpeningHours.Trim()).Append(')');
            }

            line.Append('.');
        }

        return line.ToString();
    }
}
