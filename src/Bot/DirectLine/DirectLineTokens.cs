using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace B12Bot.DirectLine;

/// <summary>What a valid conversation token grants: one conversation, as one user, until it expires.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt);

/// <summary>Why a token was refused.</summary>
public enum TokenProblem
{
    None,

    /// <summary>Not a token we could have made: wrong shape, wrong algorithm, bad signature (401).</summary>
    Invalid,

    /// <summary>Ours, but past its expiry (403, so Web Chat knows to get a new one).</summary>
    Expired,
}

/// <summary>
/// Conversation-scoped tokens: compact JWTs (HS256) carrying the conversation id (<c>conv</c>), the user id
/// (<c>user</c>, which Web Chat reads to know who it is) and an expiry. The signing key never leaves this class.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "b12bot-directline";
    private const string HeaderJson = """{"alg":"HS256","typ":"JWT"}""";
    private const string KeyDerivationLabel = "b12bot-directline-token-signing";

    private static readonly string EncodedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(HeaderJson));

    private readonly byte[] key;
    private readonly TimeProvider time;

    public DirectLineTokens(DirectLineOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        Lifetime = options.TokenLifetime;
        key = SigningKey(options);
    }

    public TimeSpan Lifetime { get; }

    /// <summary>A new token for <paramref name="conversationId"/> and <paramref name="userId"/>, valid for <see cref="Lifetime"/>.</summary>
    public (string Token, DirectLineToken Grant) Issue(string conversationId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["conv"] = conversationId,
            ["user"] = userId,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Ids.Random(12),
        });
        var unsigned = EncodedHeader + "." + Base64Url.EncodeToString(payload);
        var token = unsigned + "." + Base64Url.EncodeToString(Sign(unsigned));
        return (token, new DirectLineToken(conversationId, userId, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds())));
    }

    /// <summary>Checks a token's shape, algorithm, signature, issuer and expiry.</summary>
    public TokenProblem Validate(string? token, out DirectLineToken? grant)
    {
        grant = null;
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return TokenProblem.Invalid;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || !string.Equals(parts[0], EncodedHeader, StringComparison.Ordinal))
        {
            return TokenProblem.Invalid;
        }

        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return TokenProblem.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(parts[0] + "." + parts[1])))
        {
            return TokenProblem.Invalid;
        }

        if (!TryReadClaims(payload, out var conversationId, out var userId, out var expires))
        {
            return TokenProblem.Invalid;
        }

        if (time.GetUtcNow() >= expires)
        {
            return TokenProblem.Expired;
        }

        grant = new DirectLineToken(conversationId, userId, expires);
        return TokenProblem.None;
    }

    /// <summary>A key for other values this endpoint signs (the connector address of a conversation).</summary>
    public string Derive(string purpose, string value)
    {
        var bytes = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "|" + value));
        return Base64Url.EncodeToString(bytes);
    }

    private byte[] Sign(string unsigned) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));

    private static bool TryReadClaims(byte[] payload, out string conversationId, out string userId, out DateTimeOffset expires)
    {
        conversationId = string.Empty;
        userId = string.Empty;
        expires = default;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != Issuer
                || !root.TryGetProperty("conv", out var conv) || conv.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var seconds))
            {
                return false;
            }

            conversationId = conv.GetString()!;
            userId = user.GetString()!;
            if (!Ids.IsConversationId(conversationId) || !Ids.IsUserId(userId) || seconds is < 0 or > 253402300799)
            {
                return false;
            }

            expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] SigningKey(DirectLineOptions options)
    {
        if (!string.IsNullOrEmpty(options.TokenSigningKey))
        {
            return SHA256.HashData(Encoding.UTF8.GetBytes(options.TokenSigningKey));
        }

        if (!string.IsNullOrEmpty(options.Secret))
        {
            // Same secret, same key: tokens survive a restart and work on every instance.
            return HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Secret), Encoding.UTF8.GetBytes(KeyDerivationLabel));
        }

        return RandomNumberGenerator.GetBytes(32);
    }
}
