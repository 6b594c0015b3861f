using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using B12Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace B12Bot.Editors;

/// <summary>
/// The editors' page, <c>/editors</c>: the report of <see cref="EditorsReport"/> with a chart of answered,
/// unanswered and disliked questions per week. Behind <c>Editors:Key</c>: with no key configured it is refused to
/// everyone (403); without the right key a request gets 401 (the browser asks for it: any user name, the key as
/// password), or it is sent as <c>Authorization: Bearer &lt;key&gt;</c>.
/// </summary>
public static class EditorsEndpoints
{
    private const string Realm = "B12Bot redactie";

    public static WebApplication MapB12BotEditors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/editors", async (HttpContext http, EditorsRecorder recorder, KnowledgeBase knowledge, IAnswerer answerer, TimeProvider clock, IOptions<EditorsOptions> options) =>
        {
            if (Refuse(http, options.Value) is { } refused)
            {
                return refused;
            }

            var report = await BuildAsync(recorder, knowledge, answerer, clock, options.Value, http.RequestAborted).ConfigureAwait(false);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Robots-Tag"] = "noindex";
            return Results.Content(EditorsPage.Render(report), "text/html; charset=utf-8");
        });
        app.MapGet("/editors/report.json", async (HttpContext http, EditorsRecorder recorder, KnowledgeBase knowledge, IAnswerer answerer, TimeProvider clock, IOptions<EditorsOptions> options) =>
        {
            if (Refuse(http, options.Value) is { } refused)
            {
                return refused;
            }

            var report = await BuildAsync(recorder, knowledge, answerer, clock, options.Value, http.RequestAborted).ConfigureAwait(false);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Json(report, EditorsPage.Json);
        });
        return app;
    }

    public static async Task<EditorsReport> BuildAsync(EditorsRecorder recorder, KnowledgeBase knowledge, IAnswerer answerer, TimeProvider clock, EditorsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        var data = await recorder.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return EditorsReport.Build(data, knowledge, answerer, now - options.Retention, now, options.CollectUnanswered);
    }

    /// <summary>Null when the request carries the configured key; otherwise the refusal.</summary>
    private static IResult? Refuse(HttpContext http, EditorsOptions options)
    {
        if (string.IsNullOrEmpty(options.Key))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (PresentedKey(http.Request.Headers.Authorization.ToString()) is { } key && FixedTimeEquals(key, options.Key))
        {
            return null;
        }

        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return Results.StatusCode(StatusCodes.Status401Unauthorized);
    }

    private static string? PresentedKey(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim();
        }

        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? pair[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>The editors' page as HTML: every text encoded; the weekly totals as JSON for the chart script.</summary>
internal static class EditorsPage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Render(EditorsReport report)
    {
        var h = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="nl">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="robots" content="noindex">
              <title>B12Bot – rapport voor de redactie</title>
              <link rel="stylesheet" href="/css/site.css">
            </head>
            <body class="editors">
            <main class="wrap editors-content">
            <h1>Rapport voor de redactie</h1>
            """);
        html.Append("<p>Van ").Append(h.Encode(report.Since.ToString("d MMMM yyyy", Nl))).Append(" tot en met ").Append(h.Encode(report.Until.ToString("d MMMM yyyy", Nl))).Append(".</p>");
        if (!report.Collecting)
        {
            html.Append("<p class=\"notice\">Het bewaren van vragen staat uit (<code>Editors:CollectUnanswered</code>): hieronder alleen aantallen en beoordelingen.</p>");
        }

        html.Append("<section aria-labelledby=\"chart-title\"><h2 id=\"chart-title\">Per week</h2>");
        html.Append("<div class=\"editors-chart\"><canvas id=\"weekly-chart\" role=\"img\" aria-label=\"Grafiek: beantwoord, niet beantwoord en niet goed bevonden per week (dezelfde cijfers staan in de tabel eronder)\"></canvas></div>");
        html.Append("<table><caption>Aantallen per week</caption><thead><tr><th scope=\"col\">Week</th><th scope=\"col\">Beantwoord</th><th scope=\"col\">Niet beantwoord</th><th scope=\"col\">Niet goed bevonden (👎)</th></tr></thead><tbody>");
        foreach (var week in report.Weeks)
        {
            html.Append("<tr><th scope=\"row\">").Append(h.Encode(week.Week)).Append("</th><td>").Append(week.Answered).Append("</td><td>").Append(week.Unanswered).Append("</td><td>").Append(week.Disliked).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");

        html.Append("<section aria-labelledby=\"unanswered-title\"><h2 id=\"unanswered-title\">Vragen zonder antwoord of met &ldquo;Bedoelt u …?&rdquo;</h2>");
        if (report.Unanswered.Count == 0)
        {
            html.Append("<p>Geen.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">Aantal</th><th scope=\"col\">Vraag</th><th scope=\"col\">Ook gevraagd als</th></tr></thead><tbody>");
            foreach (var group in report.Unanswered)
            {
                html.Append("<tr><td>").Append(group.Count).Append("</td><td>").Append(h.Encode(group.Example)).Append("</td><td>")
                    .Append(string.Join("<br>", group.Others.Select(h.Encode))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section><section aria-labelledby=\"feedback-title\"><h2 id=\"feedback-title\">Beoordelingen per antwoord</h2>");
        if (report.Feedback.Count == 0)
        {
            html.Append("<p>Geen.</p>");
        }
        else
        {
            html.Append("<table><thead><tr><th scope=\"col\">Antwoord</th><th scope=\"col\">Goed (👍)</th><th scope=\"col\">Niet goed (👎)</th><th scope=\"col\">Redenen</th></tr></thead><tbody>");
            foreach (var entry in report.Feedback)
            {
                html.Append("<tr><td>").Append(h.Encode(entry.Title)).Append(" <code>").Append(h.Encode(entry.EntryId)).Append("</code></td><td>")
                    .Append(entry.Likes).Append("</td><td>").Append(entry.Dislikes).Append("</td><td>")
                    .Append(string.Join("<br>", entry.Reasons.Select(h.Encode))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section><section aria-labelledby=\"picked-title\"><h2 id=\"picked-title\">Gekozen na &ldquo;Bedoelt u …?&rdquo;</h2>");
        html.Append(report.Clarifications.Count == 0 ? "<p>Geen.</p>" : "<ul>");
        foreach (var pick in report.Clarifications)
        {
            html.Append("<li>").Append(pick.Count).Append("× ").Append(h.Encode(pick.Title)).Append(" <code>").Append(h.Encode(pick.EntryId)).Append("</code></li>");
        }

        html.Append(report.Clarifications.Count == 0 ? string.Empty : "</ul>");
        html.Append("</section><section aria-labelledby=\"suggest-title\"><h2 id=\"suggest-title\">Voorstellen voor <code>knowledge/faq.json</code></h2>");
        html.Append("<p>Een vraag die u als <code>variants</code> bij een antwoord kunt zetten. U beslist: voeg alleen toe wat dat antwoord echt beantwoordt.</p>");
        html.Append(report.Suggestions.Count == 0 ? "<p>Geen.</p>" : "<ul>");
        foreach (var suggestion in report.Suggestions)
        {
            html.Append("<li><code>").Append(h.Encode(suggestion.EntryId)).Append("</code>: &ldquo;").Append(h.Encode(suggestion.Variant)).Append("&rdquo; (").Append(h.Encode(suggestion.Why)).Append(")</li>");
        }

        html.Append(report.Suggestions.Count == 0 ? string.Empty : "</ul>");
        html.Append("</section></main>");
        html.Append("<script type=\"application/json\" id=\"weekly-data\">")
            .Append(JsonSerializer.Serialize(report.Weeks, Json).Replace("<", "\\u003c", StringComparison.Ordinal))
            .Append("</script>");
        html.Append("<script src=\"/lib/chart.umd.js\"></script><script src=\"/js/editors.js\"></script></body></html>");
        return html.ToString();
    }

    private static readonly System.Globalization.CultureInfo Nl = System.Globalization.CultureInfo.GetCultureInfo("nl-NL");
}
