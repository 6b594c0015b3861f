using System.Buffers.Text;
using System.Security.Cryptography;

namespace B12Bot.DirectLine;

/// <summary>Random, unguessable ids for conversations and users, and the checks on ids that come from outside.</summary>
internal static class Ids
{
    /// <summary>Reserved prefix of user ids the server puts into tokens (Web Chat refuses it from anywhere else).</summary>
    public const string ServerUserPrefix = "dl_";

    public static string Random(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string NewConversationId() => Random(18);

    public static string NewUserId() => ServerUserPrefix + Random(12);

    public static bool IsConversationId(string? value) => IsToken(value, 64);

    /// <summary>User ids: letters, digits, '-', '_', '.', ':' and at most 64 characters.</summary>
    public static bool IsUserId(string? value) => IsToken(value, 64);

    private static bool IsToken(string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
