using System.Text.Json;
using System.Text.Json.Serialization;

namespace B12Bot.Knowledge.CauseFinder;

/// <summary>
/// Reads <c>causefinder.json</c> and validates all of it at once: empty texts, duplicate ids, rules naming
/// an unknown cause, question or option, unknown knowledge entry ids, causes no rule reaches. Every
/// problem is reported in one <see cref="CauseFinderDataException"/> naming the file and the item.
/// </summary>
public static partial class CauseFinderLoader
{
    /// <summary>The file's name under the bot's <c>knowledge/</c> folder.</summary>
    public const string FileName = "causefinder.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = CauseFinderJsonContext.Default,
    };

    /// <summary>Loads and validates the file, checking cited entries against the knowledge.</summary>
    public static CauseFinderRules Load(string path, KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        return Load(path, knowledge.Entries.Select(e => e.Id));
    }

    /// <summary>Loads and validates the file.</summary>
    /// <param name="path">The file, usually <c>knowledge/causefinder.json</c> next to the binary.</param>
    /// <param name="knownEntryIds">The valid knowledge entry ids; null skips that one check.</param>
    public static CauseFinderRules Load(string path, IEnumerable<string>? knownEntryIds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new CauseFinderDataException(name, [$"cannot be read ({e.GetType().Name})"], e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CauseFinderDataException(name, ["cannot be read (access denied)"], e);
        }

        return Parse(json, name, knownEntryIds);
    }

    /// <summary>Parses and validates JSON text; <paramref name="sourceName"/> names it in problems.</summary>
    public static CauseFinderRules Parse(string json, string sourceName, IEnumerable<string>? knownEntryIds)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);

        FileDto? file;
        try
        {
            file = JsonSerializer.Deserialize<FileDto>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? "the file" : e.Path;
            throw new CauseFinderDataException(sourceName, [$"{where}: not valid cause-finder JSON ({FirstLine(e.Message)})"], e);
        }

        if (file is null)
        {
            throw new CauseFinderDataException(sourceName, ["the file is empty (null)"]);
        }

        var known = knownEntryIds is null ? null : new HashSet<string>(knownEntryIds, StringComparer.Ordinal);
        var validator = new Validator(known);
        var rules = validator.Build(file);
        if (validator.Problems.Count > 0 || rules is null)
        {
            throw new CauseFinderDataException(sourceName, validator.Problems);
        }

        return rules;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    /// <summary>Builds the model while collecting every problem.</summary>
    private sealed class Validator(HashSet<string>? knownEntryIds)
    {
        public List<string> Problems { get; } = [];

        public CauseFinderRules? Build(FileDto file)
        {
            if (file.Version != 1)
            {
                Problems.Add($"version: expected 1, found {file.Version}");
            }

            var intro = Text(file.Intro, "intro");
            var dontKnow = Option(file.DontKnow, "dontKnow", isDontKnow: true);
            var done = Option(file.Done, "done", isDontKnow: false);
            var questions = Questions(file.Questions, dontKnow, done);
            var causes = Causes(file.Causes);
            var rules = Rules(file.Rules, questions, causes);
            var ending = Ending(file.Ending, questions);

            foreach (var cause in causes.Where(c => !rules.Any(r => string.Equals(r.Cause, c.Id, StringComparison.Ordinal))))
            {
                Problems.Add($"cause '{cause.Id}': no rule leads to it");
            }

            if (Problems.Count > 0 || dontKnow is null || done is null || ending is null)
            {
                return null;
            }

            return new CauseFinderRules(intro, dontKnow, done, questions, causes, rules, ending);
        }

        private List<Question> Questions(List<QuestionDto?>? items, AnswerOption? dontKnow, AnswerOption? done)
        {
            var questions = new List<Question>();
            if (items is null || items.Count == 0)
            {
                Problems.Add("questions: there are none");
                return questions;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var where = item?.Id is { Length: > 0 } qid ? $"question '{qid}'" : $"questions[{i}]";
                if (item is null)
                {
                    Problems.Add($"{where}: is null");
                    continue;
                }

                var id = Id(item.Id, where, seen);
                var text = Text(item.Text, $"{where}: text");
                var help = Text(item.Help, $"{where}: help");
                string? followUp = null;
                if (item.Multiple)
                {
                    followUp = Text(item.FollowUp, $"{where}: followUp (needed when multiple is true)");
                }
                else if (item.FollowUp is not null)
                {
                    Problems.Add($"{where}: followUp is only for questions with multiple true");
                }

                var options = new List<AnswerOption>();
                var optionIds = new HashSet<string>(StringComparer.Ordinal);
                if (item.Options is null || item.Options.Count == 0)
                {
                    Problems.Add($"{where}: has no options");
                }
                else
                {
                    for (var j = 0; j < item.Options.Count; j++)
                    {
                        var dto = item.Options[j];
                        var optionWhere = dto?.Id is { Length: > 0 } oid ? $"{where}, option '{oid}'" : $"{where}, options[{j}]";
                        var option = Option(dto, optionWhere, isDontKnow: false);
                        if (option is null)
                        {
                            continue;
                        }

                        if (!optionIds.Add(option.Id))
                        {
                            Problems.Add($"{optionWhere}: duplicate option id");
                        }

                        if (dontKnow is not null && string.Equals(option.Id, dontKnow.Id, StringComparison.Ordinal))
                        {
                            Problems.Add($"{optionWhere}: id '{option.Id}' is reserved for 'weet ik niet'");
                        }

                        if (done is not null && string.Equals(option.Id, done.Id, StringComparison.Ordinal))
                        {
                            Problems.Add($"{optionWhere}: id '{option.Id}' is reserved for the follow-up's 'verder niets'");
                        }

                        options.Add(option);
                    }

                    if (!options.Any(o => !o.Exclusive))
                    {
                        Problems.Add($"{where}: every option is exclusive; at least one must not be");
                    }
                }

                if (dontKnow is not null)
                {
                    options.Add(dontKnow);
                }

                var label = item.Label is null ? text : Text(item.Label, $"{where}: label");
                var topic = new List<string>();
                foreach (var word in item.Topic ?? [])
                {
                    if (string.IsNullOrWhiteSpace(word))
                    {
                        Problems.Add($"{where}: topic has an empty word");
                        continue;
                    }

                    topic.Add(word.Trim());
                }

                questions.Add(new Question(id, text, help, item.Multiple, followUp, options) { Label = label, Topic = topic });
            }

            return questions;
        }

        private AnswerOption? Option(OptionDto? dto, string where, bool isDontKnow)
        {
            if (dto is null)
            {
                Problems.Add($"{where}: is missing");
                return null;
            }

            var id = Text(dto.Id, $"{where}: id");
            var synonyms = new List<string>();
            foreach (var synonym in dto.Synonyms ?? [])
            {
                if (string.IsNullOrWhiteSpace(synonym) || TextTokens.Of(synonym).Count == 0)
                {
                    Problems.Add($"{where}: empty synonym");
                    continue;
                }

                synonyms.Add(synonym.Trim());
            }

            if (dto.Ages is { } ages && (ages.Min < 0 || ages.Max < ages.Min))
            {
                Problems.Add($"{where}: ages must have 0 <= min <= max");
            }

            return new AnswerOption
            {
                Id = id,
                Title = Text(dto.Title, $"{where}: title"),
                Synonyms = synonyms,
                Phrase = Text(dto.Phrase, $"{where}: phrase"),
                Exclusive = dto.Exclusive || isDontKnow,
                Urgent = dto.Urgent,
                Ages = dto.Ages is { } range ? new AgeRange(range.Min, range.Max) : null,
                IsDontKnow = isDontKnow,
            };
        }

        private List<Cause> Causes(List<CauseDto?>? items)
        {
            var causes = new List<Cause>();
            if (items is null || items.Count == 0)
            {
                Problems.Add("causes: there are none");
                return causes;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var where = item?.Id is { Length: > 0 } cid ? $"cause '{cid}'" : $"causes[{i}]";
                if (item is null)
                {
                    Problems.Add($"{where}: is null");
                    continue;
                }

                var why = Text(item.Why, $"{where}: why");
                if (why.Length > 0 && !why.Contains(CauseFinderRules.AnswersPlaceholder, StringComparison.Ordinal))
                {
                    Problems.Add($"{where}: why must contain {CauseFinderRules.AnswersPlaceholder}");
                }

                if (item.Weight <= 0)
                {
                    Problems.Add($"{where}: weight must be above 0");
                }

                causes.Add(new Cause
                {
                    Id = Id(item.Id, where, seen),
                    Title = Text(item.Title, $"{where}: title"),
                    Entry = Entry(item.Entry, where),
                    Why = why,
                    Weight = item.Weight,
                });
            }

            return causes;
        }

        private List<Rule> Rules(List<RuleDto?>? items, List<Question> questions, List<Cause> causes)
        {
            var rules = new List<Rule>();
            if (items is null || items.Count == 0)
            {
                Problems.Add("rules: there are none");
                return rules;
            }

            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var where = $"rules[{i}]";
                if (item is null)
                {
                    Problems.Add($"{where}: is null");
                    continue;
                }

                var cause = Text(item.Cause, $"{where}: cause");
                if (cause.Length > 0 && !causes.Any(c => string.Equals(c.Id, cause, StringComparison.Ordinal)))
                {
                    Problems.Add($"{where}: unknown cause '{cause}'");
                }

                if (item.Weight is <= 0)
                {
                    Problems.Add($"{where}: weight must be above 0");
                }

                var conditions = new List<Condition>();
                if (item.When is null || item.When.Count == 0)
                {
                    Problems.Add($"{where}: 'when' has no conditions");
                }
                else
                {
                    foreach (var condition in item.When)
                    {
                        var built = ConditionOf(condition, where, questions);
                        if (built is not null)
                        {
                            conditions.Add(built);
                        }
                    }
                }

                rules.Add(new Rule { Cause = cause, When = conditions, Weight = item.Weight });
            }

            return rules;
        }

        private Condition? ConditionOf(ConditionDto? dto, string where, List<Question> questions)
        {
            if (dto is null)
            {
                Problems.Add($"{where}: a condition is null");
                return null;
            }

            var questionId = Text(dto.Question, $"{where}: condition question");
            var question = questions.FirstOrDefault(q => string.Equals(q.Id, questionId, StringComparison.Ordinal));
            if (questionId.Length > 0 && question is null)
            {
                Problems.Add($"{where}: unknown question '{questionId}'");
            }

            if (dto.AnyOf is null || dto.AnyOf.Count == 0)
            {
                Problems.Add($"{where}: condition on '{questionId}' has no options in anyOf");
                return null;
            }

            foreach (var optionId in dto.AnyOf)
            {
                if (question is not null && question.FindOption(optionId) is null)
                {
                    Problems.Add($"{where}: unknown option '{optionId}' of question '{questionId}'");
                }
            }

            return new Condition { Question = questionId, AnyOf = dto.AnyOf.Where(o => o is not null).ToList() };
        }

        private Ending? Ending(EndingDto? dto, List<Question> questions)
        {
            if (dto is null)
            {
                Problems.Add("ending: is missing");
                return null;
            }

            var symptoms = Cited(dto.Symptoms, "ending.symptoms");
            if (symptoms is not null && !symptoms.Text.Contains(CauseFinderRules.AnswersPlaceholder, StringComparison.Ordinal))
            {
                Problems.Add($"ending.symptoms: text must contain {CauseFinderRules.AnswersPlaceholder}");
            }

            var symptomsQuestion = Text(dto.SymptomsQuestion, "ending.symptomsQuestion");
            if (symptomsQuestion.Length > 0 && !questions.Any(q => string.Equals(q.Id, symptomsQuestion, StringComparison.Ordinal)))
            {
                Problems.Add($"ending.symptomsQuestion: unknown question '{symptomsQuestion}'");
            }

            var tests = Cited(dto.Tests, "ending.tests");
            var treatments = Cited(dto.Treatments, "ending.treatments");
            var nothingFits = Cited(dto.NothingFits, "ending.nothingFits");
            var resultIntro = Text(dto.ResultIntro, "ending.resultIntro");
            var gpReminder = Text(dto.GpReminder, "ending.gpReminder");
            if (symptoms is null || tests is null || treatments is null || nothingFits is null)
            {
                return null;
            }

            return new Ending
            {
                ResultIntro = resultIntro,
                Symptoms = symptoms,
                SymptomsQuestion = symptomsQuestion,
                Tests = tests,
                Treatments = treatments,
                GpReminder = gpReminder,
                NothingFits = nothingFits,
            };
        }

        private CitedText? Cited(CitedTextDto? dto, string where)
        {
            if (dto is null)
            {
                Problems.Add($"{where}: is missing");
                return null;
            }

            var seeAlso = (dto.SeeAlso ?? []).Select(id => Entry(id, $"{where}: seeAlso")).Where(id => id.Length > 0).ToList();
            return new CitedText { Text = Text(dto.Text, $"{where}: text"), Entry = Entry(dto.Entry, where), SeeAlso = seeAlso };
        }

        private string Id(string? id, string where, HashSet<string> seen)
        {
            var value = Text(id, $"{where}: id");
            if (value.Length > 0 && !seen.Add(value))
            {
                Problems.Add($"{where}: duplicate id '{value}'");
            }

            return value;
        }

        private string Entry(string? entry, string where)
        {
            var value = Text(entry, $"{where}: entry");
            if (value.Length > 0 && knownEntryIds is not null && !knownEntryIds.Contains(value))
            {
                Problems.Add($"{where}: unknown knowledge entry '{value}'");
            }

            return value;
        }

        private string Text(string? value, string where)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Problems.Add($"{where}: empty text");
                return string.Empty;
            }

            return value.Trim();
        }
    }

    /// <summary>The file's shapes, read by code generated at build time (no reflection at start-up); the options above.</summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
    [JsonSerializable(typeof(FileDto))]
    private sealed partial class CauseFinderJsonContext : JsonSerializerContext;

#pragma warning disable CA1812 // Instantiated by System.Text.Json.
    private sealed class FileDto
    {
        /// <summary>A note for editors; ignored.</summary>
        [JsonPropertyName("$comment")]
        public string? Comment { get; set; }

        public int Version { get; set; }

        public string? Intro { get; set; }

        public OptionDto? DontKnow { get; set; }

        public OptionDto? Done { get; set; }

        public List<QuestionDto?>? Questions { get; set; }

        public List<CauseDto?>? Causes { get; set; }

        public List<RuleDto?>? Rules { get; set; }

        public EndingDto? Ending { get; set; }
    }

    private sealed class QuestionDto
    {
        public string? Id { get; set; }

        public string? Text { get; set; }

        public string? Help { get; set; }

        public bool Multiple { get; set; }

        public string? FollowUp { get; set; }

        public string? Label { get; set; }

        public List<string?>? Topic { get; set; }

        public List<OptionDto?>? Options { get; set; }
    }

    private sealed class OptionDto
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public List<string?>? Synonyms { get; set; }

        public string? Phrase { get; set; }

        public bool Exclusive { get; set; }

        public bool Urgent { get; set; }

        public AgesDto? Ages { get; set; }
    }

    private sealed class AgesDto
    {
        public int Min { get; set; }

        public int Max { get; set; }
    }

    private sealed class CauseDto
    {
        public string? Id { get; set; }

        public string? Title { get; set; }

        public string? Entry { get; set; }

        public string? Why { get; set; }

        public int Weight { get; set; }
    }

    private sealed class RuleDto
    {
        public string? Cause { get; set; }

        public List<ConditionDto?>? When { get; set; }

        public int? Weight { get; set; }
    }

    private sealed class ConditionDto
    {
        public string? Question { get; set; }

        public List<string>? AnyOf { get; set; }
    }

    private sealed class EndingDto
    {
        public string? ResultIntro { get; set; }

        public CitedTextDto? Symptoms { get; set; }

        public string? SymptomsQuestion { get; set; }

        public CitedTextDto? Tests { get; set; }

        public CitedTextDto? Treatments { get; set; }

        public string? GpReminder { get; set; }

        public CitedTextDto? NothingFits { get; set; }
    }

    private sealed class CitedTextDto
    {
        public string? Text { get; set; }

        public string? Entry { get; set; }

        public List<string?>? SeeAlso { get; set; }
    }
#pragma warning restore CA1812
}
