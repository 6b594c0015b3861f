using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace B12Bot.DirectLine;

/// <summary>Who is calling: a holder of the secret (a pharmacy's server) or of a conversation token (a browser).</summary>
public sealed record DirectLineCaller(bool HasSecret, DirectLineToken? Token, string? RawToken)
{
    /// <summary>Whether this caller may read and post in <paramref name="conversationId"/>.</summary>
    public bool MayUse(string conversationId) =>
        HasSecret || (Token is not null && string.Equals(Token.ConversationId, conversationId, StringComparison.Ordinal));
}

/// <summary>The outcome of reading the Authorization header.</summary>
public enum CallerProblem
{
    None,
    Missing,
    Invalid,
    Expired,
}

/// <summary>Reads <c>Authorization: Bearer …</c>: the configured secret, or a token made by <see cref="DirectLineTokens"/>.</summary>
public sealed class DirectLineAuthenticator
{
    private readonly byte[]? secretHash;
    private readonly DirectLineTokens tokens;

    public DirectLineAuthenticator(DirectLineOptions options, DirectLineTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        this.tokens = tokens;
        secretHash = string.IsNullOrEmpty(options.Secret) ? null : Hash(options.Secret);
    }

    /// <summary>Whether a secret is configured at all.</summary>
    public bool HasSecret => secretHash is not null;

    public Task<(CallerProblem Problem, DirectLineCaller? Caller)> AuthenticateAsync(HttpRequest request) =>
        AuthenticateAsync(BearerValue(request));

    public async Task<(CallerProblem Problem, DirectLineCaller? Caller)> AuthenticateAsync(string? bearer)
    {
        if (string.IsNullOrEmpty(bearer))
        {
            return (CallerProblem.Missing, null);
        }

        if (IsSecret(bearer))
        {
            return (CallerProblem.None, new DirectLineCaller(true, null, null));
        }

        var (problem, grant) = await tokens.ValidateAsync(bearer).ConfigureAwait(false);
        return problem switch
        {
            TokenProblem.None => (CallerProblem.None, new DirectLineCaller(false, grant, bearer)),
            TokenProblem.Expired => (CallerProblem.Expired, null),
            _ => (CallerProblem.Invalid, null),
        };
    }

    /// <summary>Whether <paramref name="value"/> is the configured secret (compared in constant time).</summary>
    public bool IsSecret(string? value) =>
        secretHash is not null && value is not null && CryptographicOperations.FixedTimeEquals(Hash(value), secretHash);

    internal static string? BearerValue(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
