using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace B12Bot.Tests.Deploy;

/// <summary>
/// Checks on deploy/azure beside the compiler's (BicepCompilerTests): the parameters file and the
/// template agree, and the template keeps the choices the deployment relies on.
/// </summary>
public sealed partial class AzureTemplateTests
{
    private static string Bicep() => File.ReadAllText(DeployFiles.Existing(Path.Combine(DeployFiles.Azure, "main.bicep")));

    private static Dictionary<string, string> DeclaredParameters() =>
        ParamLine().Matches(Bicep()).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value, StringComparer.Ordinal);

    /// <summary>The values of the <c>@allowed([...])</c> decorator right above <c>param name</c>.</summary>
    private static List<string> AllowedValues(string parameter)
    {
        var match = Regex.Match(Bicep(), @"@allowed\(\[(?<values>[^\]]*)\]\)\s*\n(?:@[^\n]*\n)*param " + parameter + @"\b", RegexOptions.None, TimeSpan.FromSeconds(5));
        Assert.True(match.Success, $"No @allowed list for {parameter}.");
        return QuotedValue().Matches(match.Groups["values"].Value).Select(m => m.Groups[1].Value).ToList();
    }

    [Fact]
    public void The_parameters_file_sets_only_declared_parameters_with_matching_types_and_allowed_values()
    {
        var declared = DeclaredParameters();
        var file = JsonNode.Parse(File.ReadAllText(DeployFiles.Existing(Path.Combine(DeployFiles.Azure, "main.parameters.json"))))!;

        Assert.Equal("1.0.0.0", (string?)file["contentVersion"]);
        var parameters = file["parameters"]!.AsObject();
        Assert.NotEmpty(parameters);
        foreach (var (name, wrapper) in parameters)
        {
            Assert.True(declared.TryGetValue(name, out var type), $"main.parameters.json sets '{name}', which main.bicep does not declare.");
            var value = wrapper!["value"]!;
            var expected = type switch
            {
                "string" => System.Text.Json.JsonValueKind.String,
                "int" => System.Text.Json.JsonValueKind.Number,
                "array" => System.Text.Json.JsonValueKind.Array,
                "object" => System.Text.Json.JsonValueKind.Object,
                _ => value.GetValueKind(),
            };
            if (type == "bool")
            {
                Assert.Contains(value.GetValueKind(), new[] { System.Text.Json.JsonValueKind.True, System.Text.Json.JsonValueKind.False });
            }
            else
            {
                Assert.True(expected == value.GetValueKind(), $"'{name}' is a {type} in main.bicep.");
            }
        }

        foreach (var name in new[] { "microsoftAppType", "botSku", "appServiceSku" })
        {
            Assert.Contains((string)parameters[name]!["value"]!, AllowedValues(name));
        }
    }

    [Fact]
    public void The_bot_is_SingleTenant_or_UserAssignedMSI_because_new_multi_tenant_bots_are_not_allowed()
    {
        Assert.Equal(new[] { "SingleTenant", "UserAssignedMSI" }, AllowedValues("microsoftAppType").Order(StringComparer.Ordinal));
        Assert.Equal("string", DeclaredParameters()["microsoftAppPassword"]);
        Assert.Matches(@"@secure\(\)\s*\nparam microsoftAppPassword ", Bicep());
    }

    [Fact]
    public void The_web_app_gets_the_settings_the_bot_reads_and_no_plain_secret()
    {
        var bicep = Bicep();

        foreach (var setting in new[] { "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "MicrosoftAppPassword", "Storage__Kind", "Storage__AzureBlobs__ContainerName", "Storage__AzureBlobs__ConnectionString" })
        {
            Assert.Contains($"name: '{setting}'", bicep, StringComparison.Ordinal);
        }

        // Secrets reach the app as Key Vault references only.
        foreach (var secret in new[] { "MicrosoftAppPassword", "Storage__AzureBlobs__ConnectionString", "DirectLine__Secret", "DirectLine__TokenSigningKey" })
        {
            var value = Regex.Match(bicep, $@"name: '{secret}'\s*\n\s*value: (?<value>[^\n]+)", RegexOptions.None, TimeSpan.FromSeconds(5));
            Assert.True(value.Success, $"No app setting {secret}.");
            Assert.StartsWith("keyVaultReference(", value.Groups["value"].Value, StringComparison.Ordinal);
        }

        Assert.Contains("linuxFxVersion: 'DOTNETCORE|10.0'", bicep, StringComparison.Ordinal);
        Assert.Contains("healthCheckPath: '/healthz'", bicep, StringComparison.Ordinal);
        Assert.Contains("httpsOnly: true", bicep, StringComparison.Ordinal);
        Assert.Contains("allowBlobPublicAccess: false", bicep, StringComparison.Ordinal);
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", bicep, StringComparison.Ordinal);
        Assert.Contains("daysAfterModificationGreaterThan: stateRetentionDays", bicep, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^param (?<name>\w+) (?<type>\w+)", RegexOptions.Multiline)]
    private static partial Regex ParamLine();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedValue();
}
