using B12Bot.Editors;

namespace B12Bot.Tests.Editors;

/// <summary>What an editor may never see of a question: each kind of personal data, replaced by its marker.</summary>
public sealed class PersonalDataScrubberTests
{
    public static TheoryData<string, string, string> PersonalData => new()
    {
        // text, what must be gone, the marker in its place
        { "Mail mij op jan.devries@example.nl over mijn B12", "jan.devries@example.nl", PersonalDataScrubber.Email },
        { "bel me op 06-12345678 aub", "12345678", PersonalDataScrubber.Phone },
        { "mijn nummer is 0612345678", "0612345678", PersonalDataScrubber.Phone },
        { "bereikbaar via +31 6 1234 5678", "1234 5678", PersonalDataScrubber.Phone },
        { "ons nummer in Gent is 09 123 45 67", "123 45 67", PersonalDataScrubber.Phone },
        { "ik woon op 3511 AB in Utrecht", "3511 AB", PersonalDataScrubber.Postcode },
        { "postcode 1234ab, is er een apotheek?", "1234ab", PersonalDataScrubber.Postcode },
        { "mijn bsn is 123456782", "123456782", PersonalDataScrubber.CitizenNumber },
        { "BSN 1234.56.782 staat op mijn pas", "1234.56.782", PersonalDataScrubber.CitizenNumber },
        { "rijksregisternummer 85.07.30-033.28", "85.07.30-033.28", PersonalDataScrubber.CitizenNumber },
        { "ik ben geboren op 12-03-1956, is dat oud?", "12-03-1956", PersonalDataScrubber.Date },
        { "geboren 3 april 1948 en laag B12", "3 april 1948", PersonalDataScrubber.Date },
        { "ik ben geboren in 1950, moet ik slikken?", "1950", PersonalDataScrubber.Date },
        { "mijn zoon Bram heeft een laag B12", "Bram", PersonalDataScrubber.Name },
        { "mijn dochter sanne eet veganistisch", "sanne", PersonalDataScrubber.Name },
        { "Ik heet Els Jansen en ik ben moe", "Els Jansen", PersonalDataScrubber.Name },
        { "dokter Pietersen zegt dat het laag is", "Pietersen", PersonalDataScrubber.Name },
        { "zie https://example.nl/mijn-uitslag?id=42", "example.nl", PersonalDataScrubber.Link },
    };

    [Theory]
    [MemberData(nameof(PersonalData))]
    public void Personal_data_is_replaced_by_its_marker(string text, string personal, string marker)
    {
        var scrubbed = PersonalDataScrubber.Scrub(text);

        Assert.DoesNotContain(personal, scrubbed, StringComparison.Ordinal);
        Assert.Contains(marker, scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Hoeveel microgram B12 heb ik per dag nodig?")]
    [InlineData("mijn zoon heeft de ziekte van Crohn, kan dat B12 verlagen?")]
    [InlineData("Is 1000 mcg per dag te veel?")]
    [InlineData("Wat kost een B12-injectie bij de apotheek?")]
    [InlineData("mijn moeder is 84 jaar, moet zij B12 slikken?")]
    public void A_question_without_personal_data_is_kept_as_it_is(string text)
    {
        Assert.Equal(text, PersonalDataScrubber.Scrub(text));
    }
}
