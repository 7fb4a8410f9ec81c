using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.BuildFiles;

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
/// The severity lines of an analyzer configuration file (<c>.globalconfig</c> or <c>.editorconfig</c>), read by
/// <see cref="AnalyzerConfigText"/>, the reader SCR9002 uses too, so both see the lines the compiler sees. Unlike the
/// compiler, which ignores what it cannot read, this rejects unreadable lines and unknown severities: a coding standard
/// must not rest on a setting the compiler silently dropped.
/// </summary>
public sealed class SeverityConfig
{
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

    /// <summary>The <c>global_level</c> (explicit, else 100 for a file named <c>.globalconfig</c>, else 0); 0 for a file that is not global.</summary>
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
        var document = AnalyzerConfigText.Parse(text);
        if (document.Lines.FirstOrDefault(l => l.Kind == AnalyzerConfigLineKind.Unreadable) is { } unreadable)
        {
            throw Malformed(file, unreadable.Number, unreadable.Text.StartsWith('[')
                ? $"'{unreadable.Text}' is not a section header ([pattern])."
                : $"'{unreadable.Text}' is neither a comment, a [section] nor a 'key = value' pair.");
        }

        var isGlobal = document.IsGlobal(file);
        if (isGlobal && document.GlobalLevelValue is { } levelValue && !int.TryParse(levelValue, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            var line = document.Properties.Last(p => p.Section is null && p.Key == "global_level").Line;
            throw Malformed(file, line, $"global_level '{levelValue}' is not an integer.");
        }

        var globalLevel = isGlobal ? document.GlobalLevel(file) : 0;
        var settings = new List<SeveritySetting>();
        var bulk = new List<BulkSeveritySetting>();
        foreach (var property in document.Properties)
        {
            if (property.DiagnosticId is { } rawId)
            {
                var id = rawId.ToUpperInvariant();
                if (property.Severity is not { } severity)
                {
                    throw Malformed(file, property.Line, $"'{property.Value}' is not a severity for {id} (error, warning, suggestion, silent, none or default).");
                }

                settings.Add(new SeveritySetting(file, property.Line, id, severity, property.Value, property.Section, globalLevel));
            }
            else if (property.BulkCategory is not null)
            {
                bulk.Add(new BulkSeveritySetting(file, property.Line, property.KeyAsWritten, property.Value));
            }
        }

        return new SeverityConfig(file, isGlobal, globalLevel, settings, bulk, document.LeadingComments);
    }

    private static InvalidDataException Malformed(string file, int line, string message)
        => new($"{file}({line.ToString(CultureInfo.InvariantCulture)}): {message}");
}
