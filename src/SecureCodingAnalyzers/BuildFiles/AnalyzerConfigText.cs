using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SecureCodingAnalyzers.BuildFiles;

/// <summary>
/// An analyzer configuration file (<c>.editorconfig</c> or <c>.globalconfig</c>) read the way the compiler reads it:
/// the one reader of these files for SCR9002 and for the <c>secure-coding evidence standard</c> command. It parses
/// text handed to it (no file access) and never throws.
/// <list type="bullet">
/// <item>Blank lines are skipped; a line whose first non-blank character is <c>#</c> or <c>;</c> is a comment.</item>
/// <item><c>[name]</c> starts a section (the name may not contain an unescaped <c>#</c> or <c>;</c>; a comment may
/// follow the closing bracket). Lines before the first section form the global section.</item>
/// <item><c>key = value</c> or <c>key: value</c> is a property: the key is letters, digits, <c>_</c>, <c>.</c> and
/// <c>-</c> and ignores case (it is kept lower case, as the compiler keeps it); the value ends at a <c>#</c> or
/// <c>;</c>, which starts a trailing comment, and is trimmed.</item>
/// <item>Anything else is <see cref="AnalyzerConfigLineKind.Unreadable"/>: the compiler drops such lines silently.</item>
/// <item>A file is global when its global section has an <c>is_global</c> key (whatever its value) or when it is named
/// <c>.globalconfig</c>; only then do the global section's properties apply.</item>
/// </list>
/// </summary>
public sealed class AnalyzerConfigText
{
    /// <summary>The file name that makes a file global without the key.</summary>
    public const string GlobalConfigFileName = ".globalconfig";

    private const string IsGlobalKey = "is_global";
    private const string GlobalLevelKey = "global_level";
    private const string DiagnosticPrefix = "dotnet_diagnostic.";
    private const string BulkKey = "dotnet_analyzer_diagnostic.severity";
    private const string CategoryPrefix = "dotnet_analyzer_diagnostic.category-";
    private const string SeveritySuffix = ".severity";

    private AnalyzerConfigText(ImmutableArray<AnalyzerConfigLine> lines, ImmutableArray<AnalyzerConfigProperty> properties, ImmutableArray<string> leadingComments)
    {
        Lines = lines;
        Properties = properties;
        LeadingComments = leadingComments;
    }

    /// <summary>Every line that is not blank, in file order.</summary>
    public ImmutableArray<AnalyzerConfigLine> Lines { get; }

    /// <summary>Every property, in file order (a key assigned twice in a section is listed twice: <see cref="AnalyzerConfigProperty.IsOverridden"/>).</summary>
    public ImmutableArray<AnalyzerConfigProperty> Properties { get; }

    /// <summary>The comment lines at the top of the file, before anything else, without the comment marker.</summary>
    public ImmutableArray<string> LeadingComments { get; }

    /// <summary>Whether the global section has an <c>is_global</c> key (any value makes the file global, as for the compiler).</summary>
    public bool HasGlobalKey => GlobalValue(IsGlobalKey) is not null;

    /// <summary>The <c>global_level</c> of the global section as written, or null.</summary>
    public string? GlobalLevelValue => GlobalValue(GlobalLevelKey);

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static AnalyzerConfigText Parse(string text) => Parse(SourceText.From(text ?? string.Empty));

    /// <summary>Parses <paramref name="text"/>; spans are positions in it.</summary>
    public static AnalyzerConfigText Parse(SourceText text)
    {
        var lines = ImmutableArray.CreateBuilder<AnalyzerConfigLine>();
        var properties = new List<AnalyzerConfigProperty>();
        var leading = ImmutableArray.CreateBuilder<string>();
        var lastInSection = new Dictionary<string, int>(StringComparer.Ordinal);
        var above = new List<string>();
        var atTop = true;
        string? section = null;
        foreach (var line in text.Lines)
        {
            var content = text.ToString(line.Span);
            var trimmed = content.Trim();
            if (trimmed.Length == 0)
            {
                above.Clear();
                continue;
            }

            var number = line.LineNumber + 1;
            var start = line.Start + (content.Length - content.TrimStart().Length);
            var span = new TextSpan(start, trimmed.Length);
            if (trimmed[0] is '#' or ';')
            {
                var comment = trimmed.Substring(1).Trim();
                above.Add(comment);
                if (atTop)
                {
                    leading.Add(comment);
                }

                lines.Add(new AnalyzerConfigLine(AnalyzerConfigLineKind.Comment, number, span, trimmed));
                continue;
            }

            atTop = false;
            var kept = above.ToImmutableArray();
            above.Clear();
            if (SectionName(trimmed) is { } name)
            {
                section = name;
                lastInSection.Clear();
                lines.Add(new AnalyzerConfigLine(AnalyzerConfigLineKind.Section, number, span, trimmed));
                continue;
            }

            if (ReadProperty(trimmed) is not { } parsed)
            {
                lines.Add(new AnalyzerConfigLine(AnalyzerConfigLineKind.Unreadable, number, span, trimmed));
                continue;
            }

            var assignment = trimmed.Substring(0, parsed.AssignmentLength);
            var property = new AnalyzerConfigProperty(
                parsed.Key.ToLowerInvariant(), parsed.Key, parsed.Value, section, number, new TextSpan(start, parsed.AssignmentLength), assignment, kept, parsed.Trailing);
            var lower = property.Key;
            if (lastInSection.TryGetValue(lower, out var earlier))
            {
                properties[earlier].IsOverridden = true;
            }

            lastInSection[lower] = properties.Count;
            properties.Add(property);
            lines.Add(new AnalyzerConfigLine(AnalyzerConfigLineKind.Property, number, span, trimmed));
        }

        return new AnalyzerConfigText(lines.ToImmutable(), properties.ToImmutableArray(), leading.ToImmutable());
    }

    /// <summary>
    /// Whether the file is global: it has an <c>is_global</c> key, or <paramref name="path"/> names a file called
    /// <c>.globalconfig</c> (case ignored). The name is not part of the parsed content, so it is asked here.
    /// </summary>
    public bool IsGlobal(string? path) => HasGlobalKey || IsGlobalConfigName(path);

    /// <summary>
    /// The file's global level as the compiler computes it: an integer <c>global_level</c>, else 100 for a file named
    /// <c>.globalconfig</c>, else 0.
    /// </summary>
    public int GlobalLevel(string? path)
        => int.TryParse(GlobalLevelValue, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var level)
            ? level
            : IsGlobalConfigName(path) ? 100 : 0;

    /// <summary>
    /// The severity values the compiler accepts for <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> and the bulk keys, case
    /// ignored: <c>default</c>, <c>error</c>, <c>warning</c>, <c>suggestion</c>, <c>silent</c> (and its alias
    /// <c>refactoring</c>), <c>none</c>. Null for anything else (the compiler ignores such a line, with a warning).
    /// </summary>
    public static ReportDiagnostic? ParseSeverity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "default" => ReportDiagnostic.Default,
        "error" => ReportDiagnostic.Error,
        "warning" => ReportDiagnostic.Warn,
        "suggestion" => ReportDiagnostic.Info,
        "silent" or "refactoring" => ReportDiagnostic.Hidden,
        "none" => ReportDiagnostic.Suppress,
        _ => null,
    };

    /// <summary>The diagnostic id of a <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> key (as written, any case), or null.</summary>
    public static string? DiagnosticIdOf(string key)
        => Between(key, DiagnosticPrefix, SeveritySuffix) is { } id && id.IndexOf('.') < 0 ? id : null;

    /// <summary>
    /// The category of a bulk key: the <c>X</c> of <c>dotnet_analyzer_diagnostic.category-X.severity</c>, the empty
    /// string for <c>dotnet_analyzer_diagnostic.severity</c> (every rule), null for other keys.
    /// </summary>
    public static string? BulkCategoryOf(string key)
        => string.Equals(key, BulkKey, StringComparison.OrdinalIgnoreCase) ? string.Empty : Between(key, CategoryPrefix, SeveritySuffix);

    private string? GlobalValue(string key)
    {
        string? value = null;
        foreach (var property in Properties)
        {
            if (property.Section is null && property.Key == key)
            {
                value = property.Value;
            }
        }

        return value;
    }

    private static bool IsGlobalConfigName(string? path)
    {
        if (path is null)
        {
            return false;
        }

        var name = path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
        return string.Equals(name, GlobalConfigFileName, StringComparison.OrdinalIgnoreCase);
    }

    private static string? Between(string key, string prefix, string suffix)
        => key.Length > prefix.Length + suffix.Length
           && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
           && key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            ? key.Substring(prefix.Length, key.Length - prefix.Length - suffix.Length)
            : null;

    /// <summary>The name of a <c>[name]</c> header (a comment may follow it), or null.</summary>
    private static string? SectionName(string line)
    {
        if (line[0] != '[')
        {
            return null;
        }

        // The name runs to the last ']' that only white space or a comment follows; '#' and ';' inside need a backslash.
        for (var close = line.LastIndexOf(']'); close > 1; close = line.LastIndexOf(']', close - 1))
        {
            var after = line.Substring(close + 1).TrimStart();
            if (after.Length > 0 && after[0] is not ('#' or ';'))
            {
                continue;
            }

            var name = line.Substring(1, close - 1);
            return IsSectionName(name) ? name : null;
        }

        return null;
    }

    private static bool IsSectionName(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] is '#' or ';' && (i == 0 || name[i - 1] != '\\'))
            {
                return false;
            }
        }

        return true;
    }

    private static (string Key, string Value, string? Trailing, int AssignmentLength)? ReadProperty(string line)
    {
        var keyEnd = 0;
        while (keyEnd < line.Length && IsKeyCharacter(line[keyEnd]))
        {
            keyEnd++;
        }

        var separator = keyEnd;
        while (separator < line.Length && char.IsWhiteSpace(line[separator]))
        {
            separator++;
        }

        if (keyEnd == 0 || separator == line.Length || line[separator] is not ('=' or ':'))
        {
            return null;
        }

        var rest = line.Substring(separator + 1);
        var commentAt = rest.IndexOfAny(new[] { '#', ';' });
        var raw = commentAt >= 0 ? rest.Substring(0, commentAt) : rest;
        var trailing = commentAt >= 0 ? rest.Substring(commentAt + 1).Trim() : null;
        return (line.Substring(0, keyEnd), raw.Trim(), trailing, separator + 1 + raw.TrimEnd().Length);
    }

    private static bool IsKeyCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-';
}

/// <summary>What a non-blank line of an analyzer configuration file is.</summary>
public enum AnalyzerConfigLineKind
{
    /// <summary>A <c>#</c> or <c>;</c> comment.</summary>
    Comment,

    /// <summary>A <c>[section]</c> header.</summary>
    Section,

    /// <summary>A <c>key = value</c> property.</summary>
    Property,

    /// <summary>Anything else: the compiler ignores it.</summary>
    Unreadable,
}

/// <summary>A non-blank line of an analyzer configuration file.</summary>
public sealed class AnalyzerConfigLine
{
    internal AnalyzerConfigLine(AnalyzerConfigLineKind kind, int number, TextSpan span, string text)
    {
        Kind = kind;
        Number = number;
        Span = span;
        Text = text;
    }

    /// <summary>What the line is.</summary>
    public AnalyzerConfigLineKind Kind { get; }

    /// <summary>The 1-based line number.</summary>
    public int Number { get; }

    /// <summary>The line without surrounding white space.</summary>
    public TextSpan Span { get; }

    /// <summary>The line's text, trimmed.</summary>
    public string Text { get; }
}

/// <summary>A <c>key = value</c> line of an analyzer configuration file.</summary>
public sealed class AnalyzerConfigProperty
{
    internal AnalyzerConfigProperty(string key, string keyAsWritten, string value, string? section, int line, TextSpan span, string text, ImmutableArray<string> commentsAbove, string? trailingComment)
    {
        Key = key;
        KeyAsWritten = keyAsWritten;
        Value = value;
        Section = section;
        Line = line;
        Span = span;
        Text = text;
        CommentsAbove = commentsAbove;
        TrailingComment = trailingComment;
    }

    /// <summary>The key, lower case (keys ignore case).</summary>
    public string Key { get; }

    /// <summary>The key as written.</summary>
    public string KeyAsWritten { get; }

    /// <summary>The value, trimmed, without a trailing comment.</summary>
    public string Value { get; }

    /// <summary>The name of the section the line is in, or null in the global section.</summary>
    public string? Section { get; }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }

    /// <summary>The assignment (<c>key = value</c>, without a trailing comment).</summary>
    public TextSpan Span { get; }

    /// <summary>The assignment as written.</summary>
    public string Text { get; }

    /// <summary>The comment lines directly above (no blank or other line between), without their markers.</summary>
    public ImmutableArray<string> CommentsAbove { get; }

    /// <summary>The comment after the value on the same line, without its marker, or null.</summary>
    public string? TrailingComment { get; }

    /// <summary>True when a later line of the same section assigns the key again (the later one applies).</summary>
    public bool IsOverridden { get; internal set; }

    /// <summary>The diagnostic id of a <c>dotnet_diagnostic.&lt;ID&gt;.severity</c> line (as written), or null.</summary>
    public string? DiagnosticId => AnalyzerConfigText.DiagnosticIdOf(KeyAsWritten);

    /// <summary>The category of a bulk severity line (empty for all rules), or null (<see cref="AnalyzerConfigText.BulkCategoryOf"/>).</summary>
    public string? BulkCategory => AnalyzerConfigText.BulkCategoryOf(KeyAsWritten);

    /// <summary>The severity the value names, or null when it names none (<see cref="AnalyzerConfigText.ParseSeverity"/>).</summary>
    public ReportDiagnostic? Severity => AnalyzerConfigText.ParseSeverity(Value);
}
