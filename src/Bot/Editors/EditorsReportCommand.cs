using B12Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace B12Bot.Editors;

/// <summary><c>dotnet run --project src/Bot -- report</c>: prints the editors' report with the bot's own configuration.</summary>
public static class EditorsReportCommand
{
    public static async Task RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var report = await EditorsEndpoints.BuildAsync(
            services.GetRequiredService<EditorsRecorder>(),
            services.GetRequiredService<KnowledgeBase>(),
            services.GetRequiredService<IAnswerer>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<EditorsOptions>>().Value,
            cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(report.ToText()).ConfigureAwait(false);
    }
}
