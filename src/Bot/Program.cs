using B12Bot;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddB12Bot(builder.Configuration);

var app = builder.Build();
app.MapB12Bot();
app.Run();

/// <summary>The entry point, visible to the HTTP tests (WebApplicationFactory).</summary>
public partial class Program;
