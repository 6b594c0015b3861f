using B12Bot.Dialogs;
using B12Bot.Knowledge.CauseFinder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace B12Bot.Tests.Dialogs;

/// <summary>The walkthrough's progress read straight from stored JSON gives what the serialiser gives, or leaves the read to it.</summary>
public sealed class CauseFinderStateReadTests
{
    [Theory]
    [InlineData("""{"IntroShown":true,"UrgentShown":false,"Steps":[],"Reviewed":false}""")]
    [InlineData("""{"IntroShown":true,"UrgentShown":true,"Steps":[{"Question":"operatie","Options":["sleeve"]},{"Question":"dieet","Options":["veganistisch","weet-niet"]}],"Reviewed":true}""")]
    [InlineData("""{"Steps":[{"Question":"leeftijd","Options":[]}]}""")]
    [InlineData("""{}""")]
    public void A_stored_progress_reads_as_the_serialiser_reads_it(string json)
    {
        var loaded = JObject.Parse(json);

        var plain = CauseFinderDialog.ReadPlainProgress(loaded);
        var serialiser = StateValue.To<CauseFinderProgress>(JObject.Parse(json));

        Assert.NotNull(plain);
        Assert.Equal(JsonConvert.SerializeObject(serialiser), JsonConvert.SerializeObject(plain));
    }

    [Fact]
    public void A_progress_written_and_read_back_is_the_same()
    {
        var progress = new CauseFinderProgress { IntroShown = true, UrgentShown = true, Reviewed = false };
        progress.Steps.Add(new AnsweredStep { Question = "dieet", Options = ["vegetarisch"] });
        progress.Steps.Add(new AnsweredStep { Question = "medicijnen", Options = ["metformine", "maagzuurremmers"] });
        var stored = JObject.FromObject(progress);

        var read = CauseFinderDialog.ReadPlainProgress(stored);

        Assert.Equal(stored.ToString(Formatting.None), JObject.FromObject(read!).ToString(Formatting.None));
    }

    [Theory]
    [InlineData("""{"introShown":true}""")] // another spelling: the serialiser matches it, so it reads it
    [InlineData("""{"IntroShown":"ja"}""")]
    [InlineData("""{"IntroShown":true,"Extra":1}""")]
    [InlineData("""{"Steps":null}""")]
    [InlineData("""{"Steps":[{"Question":"dieet"}]}""")]
    [InlineData("""{"Steps":[{"Question":"dieet","Options":[1]}]}""")]
    [InlineData("""{"Steps":[{"Question":null,"Options":[]}]}""")]
    [InlineData("""{"Steps":[{"Question":"dieet","Options":[],"When":"gisteren"}]}""")]
    [InlineData("""{"Steps":["dieet"]}""")]
    public void Any_other_shape_is_left_to_the_serialiser(string json)
    {
        Assert.Null(CauseFinderDialog.ReadPlainProgress(JObject.Parse(json)));
    }
}

/// <summary>The offer of the walkthrough's question read straight from stored JSON gives what the serialiser gives, or leaves the read to it.</summary>
public sealed class CauseFinderOfferReadTests
{
    [Theory]
    [InlineData("""{"Question":"dieet","FollowUp":false,"Options":["veganistisch","vegetarisch","alles","weet-niet"]}""")]
    [InlineData("""{"Question":"medicijnen","FollowUp":true,"Options":[]}""")]
    [InlineData("""{"Options":["klopt","wijzig:dieet"],"Question":"controle"}""")]
    [InlineData("""{}""")]
    public void A_stored_offer_reads_as_the_serialiser_reads_it(string json)
    {
        var plain = CauseFinderPrompt.ReadPlainOffered(JObject.Parse(json));
        var serialiser = StateValue.To<CauseFinderPrompt.Offered>(JObject.Parse(json));

        Assert.NotNull(plain);
        Assert.Equal(JsonConvert.SerializeObject(serialiser), JsonConvert.SerializeObject(plain));
    }

    [Theory]
    [InlineData("""{"question":"dieet"}""")]
    [InlineData("""{"Question":null}""")]
    [InlineData("""{"Question":"dieet","FollowUp":"nee"}""")]
    [InlineData("""{"Question":"dieet","Options":null}""")]
    [InlineData("""{"Question":"dieet","Options":[1]}""")]
    [InlineData("""{"Question":"dieet","Extra":true}""")]
    public void Any_other_shape_is_left_to_the_serialiser(string json)
    {
        Assert.Null(CauseFinderPrompt.ReadPlainOffered(JObject.Parse(json)));
    }
}
