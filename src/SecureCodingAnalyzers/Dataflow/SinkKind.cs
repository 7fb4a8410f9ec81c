using System;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// What a sink does with a value. A sanitizer cleans a value for some kinds only (escaping a regex pattern does not
/// make it safe SQL), so every taint origin carries the set of kinds it has been cleaned for.
/// </summary>
[Flags]
public enum SinkKind : uint
{
    /// <summary>No kind.</summary>
    None = 0,

    /// <summary>SQL command text (SCR2001).</summary>
    Sql = 1u << 0,

    /// <summary>OS command file name or arguments (SCR2002).</summary>
    Command = 1u << 1,

    /// <summary>File-system path (SCR2003).</summary>
    Path = 1u << 2,

    /// <summary>LDAP filter or distinguished name (SCR2004).</summary>
    Ldap = 1u << 3,

    /// <summary>XPath expression (SCR2005).</summary>
    XPath = 1u << 4,

    /// <summary>Redirect target URL (SCR2006).</summary>
    Redirect = 1u << 5,

    /// <summary>URL of an outgoing request (SCR2007).</summary>
    Ssrf = 1u << 6,

    /// <summary>Regular-expression pattern (SCR2008).</summary>
    Regex = 1u << 7,

    /// <summary>Log message text (SCR2009).</summary>
    Log = 1u << 8,

    /// <summary>Source code compiled or evaluated at run time (SCR2010).</summary>
    Code = 1u << 9,

    /// <summary>Every sink kind.</summary>
    AllSinks = (1u << 10) - 1,

    /// <summary>
    /// Not a sink: marks a path normalized by <c>Path.GetFullPath</c>, the precondition for a base-directory
    /// <c>StartsWith</c> check to clean it for <see cref="Path"/>.
    /// </summary>
    NormalizedPath = 1u << 31,
}

/// <summary>Names of sink kinds as written in configuration (<c>sql</c>, <c>command</c>, ...).</summary>
public static class SinkKinds
{
    private static readonly (SinkKind Kind, string Name)[] Names =
    {
        (SinkKind.Sql, "sql"),
        (SinkKind.Command, "command"),
        (SinkKind.Path, "path"),
        (SinkKind.Ldap, "ldap"),
        (SinkKind.XPath, "xpath"),
        (SinkKind.Redirect, "redirect"),
        (SinkKind.Ssrf, "ssrf"),
        (SinkKind.Regex, "regex"),
        (SinkKind.Log, "log"),
        (SinkKind.Code, "code"),
    };

    /// <summary>The configuration name of a single kind.</summary>
    public static string NameOf(SinkKind kind)
    {
        foreach (var (k, name) in Names)
        {
            if (k == kind)
            {
                return name;
            }
        }

        return kind.ToString().ToLowerInvariant();
    }

    /// <summary>Parses one configuration name (case-insensitive); <see cref="SinkKind.None"/> when unknown.</summary>
    public static SinkKind Parse(string name)
    {
        foreach (var (k, n) in Names)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return k;
            }
        }

        return SinkKind.None;
    }
}
