using EchoBot;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEchoBot();

var app = builder.Build();
app.MapEchoBot();
app.Run();
