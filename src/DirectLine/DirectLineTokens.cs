using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace B12Bot.DirectLine;

/// <summary>What a valid conversation token grants: one conversation, as one user, until it expires.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>Why a token was refused.</summary>
public enum TokenProblem
{
    None,

    /// <summary>Not a token we could have made: wrong shape, wrong algorithm, bad signature, malformed claims (401).</summary>
    Invalid,

    /// <summary>Ours, but past its expiry (403, so Web Chat knows to get a new one).</summary>
    Expired,
}

/// <summary>
/// Conversation-scoped tokens: compact JWTs (HS256, made and checked by <see cref="JsonWebTokenHandler"/>) carrying
/// the conversation id (<c>conv</c>), the user id (<c>user</c>, which Web Chat reads to know who it is) and an
/// expiry. The signing key never leaves this class; every instance with the same key accepts the same tokens.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Issuer = "b12bot-directline";
    private const string KeyDerivationLabel = "b12bot-directline-token-signing";
    private const int MaxTokenLength = 2048;
    private const long MaxSeconds = 253402300799;

    private readonly byte[] key;
    private readonly TimeProvider time;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials credentials;
    private readonly TokenValidationParameters validation;

    public DirectLineTokens(DirectLineOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        Lifetime = options.TokenLifetime;
        key = SigningKey(options);
        var securityKey = new SymmetricSecurityKey(key);
        credentials = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256);
        validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidateIssuer = true,
            ValidateAudience = false,
            IssuerSigningKey = securityKey,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = ["JWT"],

            // Expiry is checked below against the injected clock, so that expired (403) and forged (401) differ.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
    }

    public TimeSpan Lifetime { get; }

    /// <summary>A new token for <paramref name="conversationId"/> and <paramref name="userId"/>, valid for <see cref="Lifetime"/>.</summary>
    public (string Token, DirectLineToken Grant) Issue(string conversationId, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var expires = now + Lifetime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object>
            {
                ["conv"] = conversationId,
                ["user"] = userId,
                ["jti"] = Ids.Random(12),
            },
        });
        return (token, new DirectLineToken(conversationId, userId, now, expires));
    }

    /// <summary>Checks a token's shape, algorithm, signature, issuer, claims and expiry.</summary>
    public async Task<(TokenProblem Problem, DirectLineToken? Grant)> ValidateAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || !IsCompactJws(token))
        {
            return (TokenProblem.Invalid, null);
        }

        TokenValidationResult result;
        try
        {
            result = await handler.ValidateTokenAsync(token, validation).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever a hostile token makes the parser throw, it is a refused token, not a 500.
        catch (Exception)
#pragma warning restore CA1031
        {
            return (TokenProblem.Invalid, null);
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (TokenProblem.Invalid, null);
        }

        if (!TryReadClaims(jwt, out var conversationId, out var userId, out var issuedSeconds, out var expiresSeconds))
        {
            return (TokenProblem.Invalid, null);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(expiresSeconds);
        if (time.GetUtcNow() >= expires)
        {
            return (TokenProblem.Expired, null);
        }

        return (TokenProblem.None, new DirectLineToken(conversationId, userId, DateTimeOffset.FromUnixTimeSeconds(issuedSeconds), expires));
    }

    /// <summary>A key for other values this endpoint signs (the connector address of a conversation).</summary>
    public string Derive(string purpose, string value)
    {
        var bytes = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "|" + value));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Three non-empty base64url parts and nothing else: no padding, no whitespace, no fourth part.</summary>
    private static bool IsCompactJws(string token)
    {
        var parts = 1;
        var partLength = 0;
        foreach (var c in token)
        {
            if (c == '.')
            {
                if (partLength == 0)
                {
                    return false;
                }

                parts++;
                partLength = 0;
                continue;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }

            partLength++;
        }

        return parts == 3 && partLength > 0;
    }

    /// <summary>
    /// The claims this endpoint relies on, each of exactly the type it must have: <c>conv</c> and <c>user</c> as
    /// valid id strings, <c>iat</c> and <c>exp</c> as whole seconds within the calendar. Anything else is a forgery.
    /// </summary>
    private static bool TryReadClaims(JsonWebToken jwt, out string conversationId, out string userId, out long issued, out long expires)
    {
        conversationId = string.Empty;
        userId = string.Empty;
        issued = 0;
        expires = 0;
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload), new JsonDocumentOptions { MaxDepth = 4 });
            var root = payload.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("conv", out var conv) || conv.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("user", out var user) || user.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("iat", out var iat) || iat.ValueKind != JsonValueKind.Number || !iat.TryGetInt64(out issued)
                || !root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out expires))
            {
                return false;
            }

            conversationId = conv.GetString()!;
            userId = user.GetString()!;
            return Ids.IsConversationId(conversationId) && Ids.IsUserId(userId)
                && issued is >= 0 and <= MaxSeconds && expires is >= 0 and <= MaxSeconds;
        }
        catch (Exception e) when (e is JsonException or FormatException)
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
