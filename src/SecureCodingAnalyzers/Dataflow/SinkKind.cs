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

    /// <summary>A type or member name for reflection (SCR4005).</summary>
    TypeName = 1u << 10,

    /// <summary>Code loaded from files listed in a directory (SCR4001).</summary>
    PluginLoad = 1u << 11,

    /// <summary>Code loaded from user-writable locations, configuration or input (SCR4002).</summary>
    UntrustedLoad = 1u << 12,

    /// <summary>Downloaded code run or loaded (SCR4003).</summary>
    DownloadedCode = 1u << 13,

    /// <summary>Code fetched over cleartext HTTP run or loaded (SCR4004); verification does not clean it.</summary>
    CleartextCode = 1u << 14,

    /// <summary>XML loaded into a <c>DataSet</c> or <c>DataTable</c> (SCR3004).</summary>
    DataSetXml = 1u << 15,

    /// <summary>A type chosen for <c>XmlSerializer</c>, <c>DataContractSerializer</c> or <c>DataContractJsonSerializer</c> (SCR3007).</summary>
    SerializerType = 1u << 16,

    /// <summary>Text matched by a regular expression that can backtrack without limit (SCR7011).</summary>
    RegexInput = 1u << 17,

    /// <summary>
    /// The kinds that validating a value cleans (guards, escaping, conversions, <c>[InputSanitizer]</c>): every
    /// injection kind, <see cref="TypeName"/>, the deserialization kinds and <see cref="RegexInput"/> (a value checked
    /// against an allow-list or parsed is short and harmless to any pattern). Checking a name does not verify the code
    /// a file holds, so the code-integrity kinds are not among them.
    /// </summary>
    AllSinks = ((1u << 11) - 1) | DataSetXml | SerializerType | RegexInput,

    /// <summary>The kinds only an integrity check (a pinned digest or signature) cleans.</summary>
    Verified = PluginLoad | UntrustedLoad | DownloadedCode,

    /// <summary>The code-integrity kinds: sources that only matter for code (a file listing, a temp path) apply to these.</summary>
    Integrity = Verified | CleartextCode,

    /// <summary>Every kind: what a source of untrusted input applies to.</summary>
    Everything = AllSinks | Integrity,

    /// <summary>
    /// Not a sink: marks a SHA-256 (or stronger) digest, the precondition for a comparison to verify the data it was
    /// computed from (<see cref="Verified"/>).
    /// </summary>
    Digest = 1u << 30,

    /// <summary>
    /// Not a sink: marks taint a path carries because of what was written to the file it names (a download saved to
    /// disk), which only the code-integrity rules count; starting that file runs the written data.
    /// </summary>
    FileContent = 1u << 29,

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
        (SinkKind.TypeName, "type-name"),
        (SinkKind.PluginLoad, "plugin-load"),
        (SinkKind.UntrustedLoad, "untrusted-load"),
        (SinkKind.DownloadedCode, "downloaded-code"),
        (SinkKind.CleartextCode, "cleartext-code"),
        (SinkKind.DataSetXml, "dataset-xml"),
        (SinkKind.SerializerType, "serializer-type"),
        (SinkKind.RegexInput, "regex-input"),
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
