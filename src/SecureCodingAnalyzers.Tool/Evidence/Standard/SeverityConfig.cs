using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.CodeAnalysis;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>One <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> line of a configuration file.</summary>
/// <param name="File">The file as the user named it (or <c>profiles/&lt;name&gt;.globalconfig</c>).</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="RuleId">The diagnostic id, upper case.</param>
/// <param name="Severity">The severity the line sets (<see cref="ReportDiagnostic.Default"/> for <c>default</c>).</param>
/// <param name="Value">The value as written.</param>
/// <param name="Section">The <c>[section]</c> the line is in, or null in the global part.</param>
/// <param name="GlobalLevel">The file's <c>global_level</c>.</param>
public sealed record SeveritySetting(string File, int Line, string RuleId, ReportDiagnostic Severity, string Value, string? Section, int GlobalLevel);

/// <summary>A bulk severity line (<c>dotnet_analyzer_diagnostic[.category-X].severity</c>).</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Key">The key as written.</param>
/// <param name="Value">The value as written.</param>
public sealed record BulkSeveritySetting(string File, int Line, string Key, string Value);

/// <summary>
/// The severity lines of an analyzer configuration file (<c>.globalconfig</c> or <c>.editorconfig</c>), read the way
/// the compiler reads them: <c>#</c>/<c>;</c> comments, <c>[section]</c> headers, <c>key = value</c> pairs with
/// case-insensitive keys. Lines before the first section are global only in a global config (named
/// <c>.globalconfig</c> or with <c>is_global = true</c>). Unlike the compiler, which ignores what it cannot read, this
/// reader rejects malformed lines and unknown severities: a coding standard must not rest on a setting the compiler
/// silently dropped.
/// </summary>
public sealed class SeverityConfig
{
    private const string DiagnosticPrefix = "dotnet_diagnostic.";
    private const string BulkPrefix = "dotnet_analyzer_diagnostic.";
    private const string SeveritySuffix = ".severity";

    private SeverityConfig(string file, bool isGlobal, int globalLevel, IReadOnlyList<SeveritySetting> settings, IReadOnlyList<BulkSeveritySetting> bulk, IReadOnlyList<string> comments)
    {
        File = file;
        IsGlobal = isGlobal;
        GlobalLevel = globalLevel;
        Settings = settings;
        BulkSettings = bulk;
        LeadingComments = comments;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>Whether the file is a global config.</summary>
    public bool IsGlobal { get; }

    /// <summary>The <c>global_level</c> (explicit, else 100 for a file named <c>.globalconfig</c>, else 0).</summary>
    public int GlobalLevel { get; }

    /// <summary>Every per-rule severity line, in file order.</summary>
    public IReadOnlyList<SeveritySetting> Settings { get; }

    /// <summary>Every bulk severity line, in file order.</summary>
    public IReadOnlyList<BulkSeveritySetting> BulkSettings { get; }

    /// <summary>The comment lines at the top of the file, without the comment marker.</summary>
    public IReadOnlyList<string> LeadingComments { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="InvalidDataException"/> with <c>file(line)</c> for a malformed line.</summary>
    public static SeverityConfig Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var pending = new List<(int Line, string Id, string Value, string? Section)>();
        var bulk = new List<BulkSeveritySetting>();
        var comments = new List<string>();
        var leading = true;
        string? section = null;
        var isGlobal = string.Equals(Path.GetFileName(file), ".globalconfig", StringComparison.OrdinalIgnoreCase);
        var defaultLevel = isGlobal ? 100 : 0;
        int? level = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is '#' or ';')
            {
                if (leading)
                {
                    comments.Add(line[1..].Trim());
                }

                continue;
            }

            leading = false;
            if (line[0] == '[')
            {
                if (line[^1] != ']' || line.Length < 3)
                {
                    throw Malformed(file, number, $"'{line}' is not a section header ([pattern]).");
                }

                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Malformed(file, number, $"'{line}' is neither a comment, a [section] nor a 'key = value' pair.");
            }

            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim();
            if (section is null && key == "is_global")
            {
                isGlobal = string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            }
            else if (section is null && key == "global_level")
            {
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    throw Malformed(file, number, $"global_level '{value}' is not an integer.");
                }

                level = parsed;
            }
            else if (key.StartsWith(DiagnosticPrefix, StringComparison.Ordinal) && key.EndsWith(SeveritySuffix, StringComparison.Ordinal)
                && key.Length > DiagnosticPrefix.Length + SeveritySuffix.Length)
            {
                var id = key[DiagnosticPrefix.Length..^SeveritySuffix.Length].ToUpperInvariant();
                pending.Add((number, id, value, section));
            }
            else if (key.StartsWith(BulkPrefix, StringComparison.Ordinal) && key.EndsWith(SeveritySuffix, StringComparison.Ordinal))
            {
                bulk.Add(new BulkSeveritySetting(file, number, line[..equals].Trim(), value));
            }
        }

        var globalLevel = isGlobal ? level ?? defaultLevel : 0;
        var settings = new List<SeveritySetting>(pending.Count);
        foreach (var (number, id, value, inSection) in pending)
        {
            if (!TryParseSeverity(value, out var severity))
            {
                throw Malformed(file, number, $"'{value}' is not a severity for {id} (error, warning, suggestion, silent, none or default).");
            }

            settings.Add(new SeveritySetting(file, number, id, severity, value, inSection, globalLevel));
        }

        return new SeverityConfig(file, isGlobal, globalLevel, settings, bulk, comments);
    }

    /// <summary>The severity values the compiler accepts (<c>refactoring</c> is an alias of <c>silent</c>).</summary>
    public static bool TryParseSeverity(string value, out ReportDiagnostic severity)
    {
        switch (value.ToLowerInvariant())
        {
            case "default": severity = ReportDiagnostic.Default; return true;
            case "error": severity = ReportDiagnostic.Error; return true;
            case "warning": severity = ReportDiagnostic.Warn; return true;
            case "suggestion": severity = ReportDiagnostic.Info; return true;
            case "silent":
            case "refactoring": severity = ReportDiagnostic.Hidden; return true;
            case "none": severity = ReportDiagnostic.Suppress; return true;
            default: severity = ReportDiagnostic.Default; return false;
        }
    }

    private static InvalidDataException Malformed(string file, int line, string message)
        => new($"{file}({line.ToString(CultureInfo.InvariantCulture)}): {message}");
}
