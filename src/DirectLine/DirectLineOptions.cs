namespace B12Bot.DirectLine;

/// <summary>
/// Settings of the self-hosted Direct Line endpoint (configuration section <c>DirectLine</c>). Every value has a
/// safe default, so the local demo page works with no configuration at all.
/// </summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>Shortest secret and signing key accepted, in characters.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>
    /// The Direct Line secret: required as <c>Authorization: Bearer</c> by <c>/v3/directline/tokens/generate</c>.
    /// Empty means that endpoint refuses everyone (the page's own token route still works).
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Key for signing conversation tokens (HMAC-SHA256). Empty: derived from <see cref="Secret"/> when there is
    /// one, otherwise a random key made at start-up (tokens then do not survive a restart).
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a token is valid; Web Chat refreshes it halfway.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Web sites (scheme://host[:port]) that may call the endpoint from the browser (CORS).</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Whether <c>POST /api/webchat/token</c> hands out tokens to the page (same origin or an allowed origin).</summary>
    public bool EnableWebChatTokenRoute { get; set; } = true;

    /// <summary>
    /// The address the bot posts its replies to, e.g. <c>http://127.0.0.1:3978</c>. Empty: the server's own
    /// listening address, seen from the machine itself.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The bot's id and name as Web Chat sees them.</summary>
    public string BotId { get; set; } = "b12bot";

    public string BotName { get; set; } = "B12Bot";

    /// <summary>Largest activity a client may post, in bytes (larger: 413).</summary>
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    /// <summary>Largest activity the bot may post, in bytes.</summary>
    public int MaxBotActivityBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// Conversations kept at once. Past this, a conversation idle for longer than <see cref="ActiveWindow"/> makes
    /// room for a new one; when every conversation is active, new ones are refused (503 with Retry-After).
    /// </summary>
    public int MaxConversations { get; set; } = 5000;

    /// <summary>A conversation with an activity within this time is never dropped to make room for a new one.</summary>
    public TimeSpan ActiveWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>New conversations per minute from all addresses together (the per-address limit is in <see cref="RateLimits"/>).</summary>
    public int NewConversationsPerMinute { get; set; } = 600;

    /// <summary>Largest <c>channelData</c> kept from a client, in bytes (Web Chat sends well under 200); larger is dropped.</summary>
    public int MaxChannelDataBytes { get; set; } = 512;

    /// <summary>
    /// After "vergeet mij", how long the bot's last reply waits for the client to read it before the conversation
    /// is gone for good (the transcript itself is removed at once).
    /// </summary>
    public TimeSpan FarewellWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where conversations live: <see cref="DirectLineStoreKind.Memory"/> (one instance) or <see cref="DirectLineStoreKind.Redis"/>.</summary>
    public DirectLineStoreKind Store { get; set; } = DirectLineStoreKind.Memory;

    /// <summary>The Redis connection, for <see cref="DirectLineStoreKind.Redis"/> (section <c>DirectLine:Redis</c>).</summary>
    public DirectLineRedisOptions Redis { get; set; } = new();

    /// <summary>Bytes of activities kept in memory in all; past this the least recently used conversations are dropped.</summary>
    public long MaxStoredBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Activities kept per conversation; older ones are dropped.</summary>
    public int MaxActivitiesPerConversation { get; set; } = 300;

    /// <summary>A conversation without activity for this long is forgotten (with everything said in it).</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Most activities one GET returns; the client fetches the rest with the new watermark.</summary>
    public int MaxActivitiesPerGet { get; set; } = 100;

    /// <summary>Requests per minute and client address, per kind of request (over the limit: 429).</summary>
    public DirectLineRateLimits RateLimits { get; set; } = new();

    /// <summary>The first thing wrong with the settings, or null when they are fine.</summary>
    public string? Problem()
    {
        try
        {
            Validate();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Checks the settings at start-up, so a misconfiguration stops the app with a clear message.</summary>
    public void Validate()
    {
        if (!string.IsNullOrEmpty(Secret) && Secret.Length < MinimumSecretLength)
        {
            throw new InvalidOperationException($"DirectLine:Secret must be at least {MinimumSecretLength} characters.");
        }

        if (!string.IsNullOrEmpty(TokenSigningKey) && TokenSigningKey.Length < MinimumSecretLength)
        {
            throw new InvalidOperationException($"DirectLine:TokenSigningKey must be at least {MinimumSecretLength} characters.");
        }

        if (TokenLifetime < TimeSpan.FromMinutes(2) || TokenLifetime > TimeSpan.FromHours(24))
        {
            throw new InvalidOperationException("DirectLine:TokenLifetime must be between 2 minutes and 24 hours.");
        }

        if (!string.IsNullOrEmpty(ServiceUrl) && !IsHttpUrl(ServiceUrl))
        {
            throw new InvalidOperationException("DirectLine:ServiceUrl must be an absolute http(s) URL.");
        }

        foreach (var origin in AllowedOrigins)
        {
            if (!IsHttpUrl(origin) || new Uri(origin).AbsolutePath != "/")
            {
                throw new InvalidOperationException("DirectLine:AllowedOrigins must hold origins like https://www.apotheek.nl.");
            }
        }

        if (MaxActivityBytes < 1024 || MaxBotActivityBytes < 1024 || MaxConversations < 1 || MaxActivitiesPerConversation < 10
            || MaxActivitiesPerGet < 1 || MaxStoredBytes < MaxBotActivityBytes || ConversationIdleTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("DirectLine limits must be positive (activity sizes at least 1024 bytes).");
        }

        if (ActiveWindow <= TimeSpan.Zero || NewConversationsPerMinute < 1 || MaxChannelDataBytes < 0
            || FarewellWindow <= TimeSpan.Zero || FarewellWindow > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException("DirectLine:ActiveWindow, NewConversationsPerMinute, MaxChannelDataBytes and FarewellWindow must be positive.");
        }

        if (!Enum.IsDefined(Store))
        {
            throw new InvalidOperationException("DirectLine:Store must be Memory or Redis.");
        }

        if (Store == DirectLineStoreKind.Redis && string.IsNullOrWhiteSpace(Redis.Configuration))
        {
            throw new InvalidOperationException("DirectLine:Store is Redis: set DirectLine:Redis:Configuration (e.g. redis.internal:6379,password=…,ssl=true).");
        }

        if (Store == DirectLineStoreKind.Redis && string.IsNullOrEmpty(TokenSigningKey) && string.IsNullOrEmpty(Secret))
        {
            throw new InvalidOperationException("DirectLine:Store is Redis (several instances): set DirectLine:TokenSigningKey (the same on every instance).");
        }

        RateLimits.Validate();
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>Where the Direct Line conversations are kept.</summary>
public enum DirectLineStoreKind
{
    /// <summary>In this process: one instance only; a restart ends every chat.</summary>
    Memory,

    /// <summary>In Redis: any number of instances serve any conversation, without sticky sessions.</summary>
    Redis,
}

/// <summary>The Redis connection of the Direct Line store (section <c>DirectLine:Redis</c>).</summary>
public sealed class DirectLineRedisOptions
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>cache.example:6380,password=…,ssl=true</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key, so several bots can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "b12bot:dl:";
}

/// <summary>Requests per minute and client address (configuration section <c>DirectLine:RateLimits</c>).</summary>
public sealed class DirectLineRateLimits
{
    /// <summary>Issuing tokens and starting or refreshing conversations.</summary>
    public int TokensPerMinute { get; set; } = 30;

    /// <summary>Posting activities (messages, button clicks).</summary>
    public int PostsPerMinute { get; set; } = 60;

    /// <summary>Reading activities; Web Chat polls about once a second per open chat.</summary>
    public int ReadsPerMinute { get; set; } = 1200;

    internal void Validate()
    {
        if (TokensPerMinute < 1 || PostsPerMinute < 1 || ReadsPerMinute < 1)
        {
            throw new InvalidOperationException("DirectLine:RateLimits must be positive.");
        }
    }
}
