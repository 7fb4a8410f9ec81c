using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Catalog;

/// <summary>SCR2xxx: injection, found by the shared dataflow engine (one pass for every rule).</summary>
public static partial class Rules
{
    /// <summary>SCR2000: the dataflow engine hit its budget in a method (opt-in, for audits).</summary>
    public static readonly DiagnosticDescriptor DataflowBudgetExceeded = DescriptorFactory.Create(
        "SCR2000",
        "Method too complex for complete dataflow analysis",
        "Dataflow analysis of {0} stopped after {1}; injection findings in it may be incomplete; split the method or raise the budget",
        RuleCategory.Injection,
        RuleLevel.OptIn,
        [1120],
        [Iec62443.SI1],
        "The dataflow engine has hard per-method budgets so that builds stay fast. A method that exceeds them is analyzed only in part: flows found so far are reported, others may be missed. The audit profile turns this rule on to show where coverage is incomplete.");

    /// <summary>SCR2001: SQL injection.</summary>
    public static readonly DiagnosticDescriptor SqlInjection = Injection(
        "SCR2001",
        "Do not build SQL from untrusted input",
        "{0} flows into {1}; pass it as a command parameter instead of building SQL text",
        89,
        "Untrusted text concatenated or interpolated into SQL lets an attacker change the statement: read or modify any table, bypass logins, or run commands on the database server. Use parameterized commands (Parameters.Add), FromSql/FromSqlInterpolated in EF Core, or parameter objects in Dapper.");

    /// <summary>SCR2002: OS command injection.</summary>
    public static readonly DiagnosticDescriptor CommandInjection = Injection(
        "SCR2002",
        "Do not start processes with untrusted program names or arguments",
        "{0} flows into {1}; use a fixed program and pass validated values through ProcessStartInfo.ArgumentList",
        78,
        "A program name or argument string built from untrusted input lets an attacker run other programs or inject options and shell syntax. Industrial gateways are fed by serial ports, sockets and configuration files as much as by HTTP: all of them are untrusted. Start a fixed program, validate values against an allow-list and pass each one as a separate ArgumentList entry.");

    /// <summary>SCR2003: path traversal.</summary>
    public static readonly DiagnosticDescriptor PathTraversal = Injection(
        "SCR2003",
        "Do not access files with untrusted paths",
        "{0} flows into {1}; reduce it to a file name (Path.GetFileName) or check the full path stays under a base directory",
        22,
        "A path built from untrusted input can contain '..' segments or be absolute, giving access to any file the process can reach (configuration, keys, firmware). Zip entries carry such paths too (zip slip). Keep only the file name, or resolve the full path and check it starts with the intended base directory.");

    /// <summary>SCR2004: LDAP injection.</summary>
    public static readonly DiagnosticDescriptor LdapInjection = Injection(
        "SCR2004",
        "Do not build LDAP filters or paths from untrusted input",
        "{0} flows into {1}; encode it for LDAP or validate it against an allow-list",
        90,
        "Untrusted text in an LDAP search filter or distinguished name can widen the query (for example '*)(uid=*') to read or authenticate as other directory entries. Encode values for LDAP filters and DNs, or allow only known-safe characters.");

    /// <summary>SCR2005: XPath injection.</summary>
    public static readonly DiagnosticDescriptor XPathInjection = Injection(
        "SCR2005",
        "Do not build XPath expressions from untrusted input",
        "{0} flows into {1}; query with LINQ to XML, escape it into a quoted literal (SecurityElement.Escape) or validate it against an allow-list",
        643,
        "Untrusted text in an XPath expression can change the query and read other parts of the document, such as credentials stored in XML. Query with LINQ to XML, put values only inside quoted literals escaped with SecurityElement.Escape, or validate them against an allow-list.");

    /// <summary>SCR2006: open redirect.</summary>
    public static readonly DiagnosticDescriptor OpenRedirect = Injection(
        "SCR2006",
        "Do not redirect to untrusted URLs",
        "{0} flows into {1}; use LocalRedirect or check the URL with Url.IsLocalUrl",
        601,
        "Redirecting to a URL taken from the request lets an attacker send users from a trusted site to a phishing page, or steal tokens that travel in the redirect. Redirect only to local URLs (LocalRedirect, Url.IsLocalUrl) or to an allow-listed host.");

    /// <summary>SCR2007: server-side request forgery.</summary>
    public static readonly DiagnosticDescriptor ServerSideRequestForgery = Injection(
        "SCR2007",
        "Do not send requests to untrusted URLs",
        "{0} flows into {1}; build the URL from a fixed base address or check its host against an allow-list",
        918,
        "A server that requests a URL chosen by the client can be made to reach internal services, cloud metadata endpoints or plant networks behind the firewall. Use a fixed base address and put untrusted values only into the path or query, or check the host against an allow-list.");

    /// <summary>SCR2008: regular-expression injection.</summary>
    public static readonly DiagnosticDescriptor RegexInjection = Injection(
        "SCR2008",
        "Do not use untrusted input as a regular-expression pattern",
        "{0} flows into {1}; escape it with Regex.Escape or use a fixed pattern",
        1333,
        "An attacker-chosen pattern can take exponential time to match (ReDoS) and stall the service, or match more than intended. Escape untrusted text with Regex.Escape when it is meant literally, and give regular expressions a timeout.");

    /// <summary>SCR2009: log forging.</summary>
    public static readonly DiagnosticDescriptor LogForging = Injection(
        "SCR2009",
        "Do not concatenate untrusted input into log messages",
        "{0} flows into {1}; use a message template with arguments so the logger keeps it as data",
        117,
        "Untrusted text concatenated into a log message can add forged lines (newlines) or control characters that mislead incident response and log parsers. Structured logging keeps values as arguments: write a constant message template with placeholders.");

    /// <summary>SCR2010: code injection.</summary>
    public static readonly DiagnosticDescriptor CodeInjection = Injection(
        "SCR2010",
        "Do not compile or evaluate untrusted code",
        "{0} flows into {1}; never compile or run code built from input",
        94,
        "Compiling or evaluating text that contains untrusted input runs the attacker's code with the privileges of the process. Map inputs to a fixed set of operations instead.");

    private static DiagnosticDescriptor Injection(string id, string title, string message, int cwe, string description)
        => DescriptorFactory.Create(id, title, message, RuleCategory.Injection, RuleLevel.Warning, [cwe], [Iec62443.SI2, Iec62443.SD4], description);
}
