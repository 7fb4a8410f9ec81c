using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using SecureCodingAnalyzers.Catalog;
using CatalogRules = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>What <see cref="EvidenceGenerator.Generate"/> wrote.</summary>
internal sealed record EvidenceInput(
    string Root,
    int Logs,
    int Projects,
    int MultiTargetProjects,
    int SourceFiles,
    long SourceBytes,
    int Results,
    int Suppressed,
    int WithRelatedLocations,
    int Rules,
    long LogBytes);

/// <summary>
/// Writes the input of <c>evidence collect</c> for a generated build: a repository folder with source files and, in
/// <c>artifacts/secure-coding-evidence</c>, one SARIF 2.1 log per project and target framework as the compiler writes
/// it (one run of "Microsoft (R) Visual C# Compiler" holding every analyzer's results, the driver's rules in the order
/// the results first use them, <c>ruleIndex</c>, absolute <c>file://</c> URIs, indented JSON) with the package's
/// <c>&lt;log&gt;.evidence.json</c> next to it, as the targets write it.
/// <list type="bullet">
/// <item>A fifth of the projects target two frameworks (net8.0 and net48): their two logs share 95% of their results,
/// which collect merges as duplicates; the rest are each framework's own (conditional code).</item>
/// <item>Results per project are skewed (a few large projects hold many); each project has 6 to 30 files of 60 to
/// 300 lines, and every result points at a real line of a real file (collect reads the line for the fingerprint and
/// hashes the file).</item>
/// <item>Rules: 40% the package's (SCR, skewed towards a few rules; dataflow results carry source and sink as related
/// locations), 35% NetAnalyzers (CA), 25% compiler warnings (CS).</item>
/// <item>15% of the results are suppressed: #pragma (no justification in SARIF), [SuppressMessage] with a real
/// justification, without one, and with a placeholder (TODO).</item>
/// </list>
/// The same seed and sizes give the same bytes.
/// </summary>
internal static class EvidenceGenerator
{
    public const string CompilerName = "Microsoft (R) Visual C# Compiler";

    private static readonly JsonWriterOptions s_writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly (string Id, string Level, string Category, string Title, string Message)[] s_ca =
    [
        ("CA1822", "note", "Performance", "Mark members as static", "Member '{0}' does not access instance data and can be marked as static"),
        ("CA1062", "warning", "Design", "Validate arguments of public methods", "In externally visible method '{0}', validate parameter '{1}' is non-null before using it"),
        ("CA2000", "warning", "Reliability", "Dispose objects before losing scope", "Call System.IDisposable.Dispose on object created by 'new {1}()' before all references to it are out of scope"),
        ("CA1848", "note", "Performance", "Use the LoggerMessage delegates", "For improved performance, use the LoggerMessage delegates instead of calling '{0}'"),
        ("CA1305", "warning", "Globalization", "Specify IFormatProvider", "The behavior of '{0}' could vary based on the current user's locale settings"),
        ("CA1031", "note", "Design", "Do not catch general exception types", "Modify '{0}' to catch a more specific allowed exception type, or rethrow the exception"),
        ("CA2007", "warning", "Reliability", "Consider calling ConfigureAwait on the awaited task", "Consider calling ConfigureAwait on the awaited task in '{0}'"),
        ("CA1307", "note", "Globalization", "Specify StringComparison for clarity", "'{0}' has a method overload that takes a 'StringComparison' parameter"),
        ("CA1819", "note", "Performance", "Properties should not return arrays", "Properties should not return arrays: '{0}.{1}'"),
        ("CA5394", "warning", "Security", "Do not use insecure randomness", "Random is an insecure random number generator. Use cryptographically secure random number generators when randomness is required for security"),
        ("CA2100", "warning", "Security", "Review SQL queries for security vulnerabilities", "The query string passed to '{0}' in '{1}' could contain the following variables"),
        ("CA1716", "note", "Naming", "Identifiers should not match keywords", "Rename namespace '{0}' so that it no longer conflicts with the reserved language keyword"),
        ("CA1002", "note", "Design", "Do not expose generic lists", "Change 'List<{1}>' in '{0}' to use 'Collection<T>', 'ReadOnlyCollection<T>' or 'KeyedCollection<K,V>'"),
        ("CA1303", "note", "Globalization", "Do not pass literals as localized parameters", "Method '{0}' passes a literal string as parameter 'value' of a call to '{1}'"),
        ("CA1812", "warning", "Performance", "Avoid uninstantiated internal classes", "'{0}' is an internal class that is apparently never instantiated"),
    ];

    private static readonly double[] s_caWeights = s_ca.Select((_, j) => 1.0 / (j + 1)).ToArray();

    private static readonly (string Id, string Message)[] s_cs =
    [
        ("CS8602", "Dereference of a possibly null reference."),
        ("CS8618", "Non-nullable property '{0}' must contain a non-null value when exiting constructor. Consider adding the 'required' modifier or declaring the property as nullable."),
        ("CS1591", "Missing XML comment for publicly visible type or member '{1}.{0}'"),
        ("CS0618", "'{1}.{0}' is obsolete: 'Use the asynchronous overload.'"),
        ("CS0168", "The variable '{2}' is declared but never used"),
        ("CS8604", "Possible null reference argument for parameter '{2}' in '{1}.{0}'."),
        ("CS0219", "The variable '{2}' is assigned but its value is never used"),
        ("CS4014", "Because this call is not awaited, execution of the current method continues before the call is completed. Consider applying the 'await' operator to the result of the call."),
    ];

    private static readonly string[] s_justifications =
    [
        "Legacy protocol required by the PLC firmware; tracked in #412, removed with firmware 3.0.",
        "The value comes from the signed configuration file, verified at startup by ConfigVerifier.",
        "Test fixture only: never shipped; the project is excluded from the release build.",
        "MD5 is used as a cache key, not for integrity; no security decision depends on it.",
        "Input is validated against the allow-list in TagNameValidator before it reaches this call.",
        "Interop with the vendor's OPC UA stack, which requires this cipher; risk accepted in RA-2024-07.",
        "Generated by the service reference tool; regenerated on every build.",
        "The certificate is pinned by thumbprint in the line above; the callback only adds logging.",
    ];

    private static readonly string[] s_placeholders = ["TODO", "<Pending>", "tbd", "fix later"];

    private static readonly string[] s_words =
    [
        "Tag", "Reading", "Alarm", "Batch", "Recipe", "Valve", "Pump", "Sensor", "Gateway", "Historian", "Order", "Shift",
        "Operator", "Setpoint", "Trend", "Report", "Device", "Channel", "Frame", "Packet", "Session", "Token", "Audit", "Config",
    ];

    public static EvidenceInput Generate(string root, int logs, int results, int seed)
    {
        var random = new Random(seed);
        var multi = logs / 5;
        var single = logs - (2 * multi);
        var projectCount = single + multi;
        var sarifFolder = Path.Combine(root, "artifacts", "secure-coding-evidence");
        Directory.CreateDirectory(sarifFolder);
        File.WriteAllText(Path.Combine(root, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.CA1822.severity = suggestion\n");

        var ours = CatalogRules.All
            .Where(d => d.Category != RuleCategory.Dependencies)
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToArray();

        // Skewed weights: a few rules and projects hold most results, as in real builds.
        var ourWeights = ours.Select((_, i) => 1.0 / (i % 7 + 1)).ToArray();
        var projectWeights = Enumerable.Range(0, projectCount).Select(_ => Math.Pow(random.NextDouble(), 2) + 0.05).ToArray();
        var perProject = Distribute(results, projectWeights, Enumerable.Range(0, projectCount).Select(i => i < multi ? 2 : 1).ToArray());

        int sourceFiles = 0, suppressed = 0, related = 0;
        long sourceBytes = 0, logBytes = 0;
        var rulesSeen = new HashSet<string>(StringComparer.Ordinal);
        var totalResults = 0;
        for (var p = 0; p < projectCount; p++)
        {
            var name = "Plant." + s_words[p % s_words.Length] + (p / s_words.Length).ToString("D3", CultureInfo.InvariantCulture);
            var projectDir = Path.Combine(root, "src", name);
            var files = new List<(string Path, string Class, string[] Members, int Lines)>();
            var fileCount = random.Next(6, 31);
            for (var f = 0; f < fileCount; f++)
            {
                var className = s_words[random.Next(s_words.Length)] + s_words[random.Next(s_words.Length)] + f.ToString(CultureInfo.InvariantCulture);
                var members = Enumerable.Range(0, 8).Select(m => s_words[random.Next(s_words.Length)] + m.ToString(CultureInfo.InvariantCulture)).ToArray();
                var (text, lines) = SourceFile(name, className, members, random.Next(60, 301), random);
                var path = Path.Combine(projectDir, (f % 3 == 0 ? "Services" : f % 3 == 1 ? "Model" : "Infrastructure"), className + ".cs");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var bytes = Encoding.UTF8.GetBytes(text);
                File.WriteAllBytes(path, bytes);
                sourceBytes += bytes.Length;
                files.Add((path, className, members, lines));
            }

            sourceFiles += fileCount;
            var relativeProject = "src/" + name + "/" + name + ".csproj";
            var hash = StableHash(relativeProject);
            var frameworks = p < multi ? new[] { "net8.0", "net48" } : ["net8.0"];

            // The project's results; the second framework shares 95% of them and has its own for the rest.
            var shared = Results(perProject[p], files, ours, ourWeights, random);
            foreach (var framework in frameworks)
            {
                var list = framework == frameworks[0]
                    ? shared
                    : shared.Select(r => random.NextDouble() < 0.05 ? Results(1, files, ours, ourWeights, random)[0] : r).ToList();
                var file = Path.Combine(sarifFolder, $"{name}.{hash}.{framework}.sarif");
                logBytes += WriteLog(file, list);
                File.WriteAllText(Path.Combine(sarifFolder, $"{name}.{hash}.{framework}.evidence.json"), Manifest(name, relativeProject, framework, $"{name}.{hash}.{framework}.sarif", p, seed) + "\n");
                totalResults += list.Count;
                suppressed += list.Count(r => r.Suppression is not null);
                related += list.Count(r => r.Related.Length > 0);
                foreach (var r in list)
                {
                    rulesSeen.Add(r.RuleId);
                }
            }
        }

        return new EvidenceInput(root, logs, projectCount, multi, sourceFiles, sourceBytes, totalResults, suppressed, related, rulesSeen.Count, logBytes);
    }

    private sealed record Region(int Line, int Column, int EndColumn);

    private sealed record Location(string Uri, Region Region);

    private sealed record GeneratedResult(
        string RuleId,
        string Level,
        string Message,
        Location Primary,
        Location[] Related,
        (bool Pragma, string? Justification)? Suppression,
        int? WarningLevel,
        RuleInfo Rule);

    private sealed record RuleInfo(string Id, string Title, string Description, string? HelpUri, string Level, string Category, string[] Tags);

    private static List<GeneratedResult> Results(
        int count,
        List<(string Path, string Class, string[] Members, int Lines)> files,
        DiagnosticDescriptor[] ours,
        double[] ourWeights,
        Random random)
    {
        var list = new List<GeneratedResult>(count);
        for (var i = 0; i < count; i++)
        {
            var (path, className, members, lines) = files[random.Next(files.Count)];
            var uri = new Uri(path).AbsoluteUri;
            var line = random.Next(3, lines);
            var column = random.Next(5, 30);
            var member = members[random.Next(members.Length)];
            var variable = char.ToLowerInvariant(member[0]) + member[1..];
            var args = new object[] { member, className, variable, "value" };
            var kind = random.NextDouble();
            RuleInfo rule;
            string message;
            int? warningLevel = null;
            Location[] related = [];
            if (kind < 0.40)
            {
                var d = ours[Pick(ourWeights, random)];
                var level = d.DefaultSeverity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" };
                rule = new RuleInfo(d.Id, d.Title.ToString(CultureInfo.InvariantCulture), d.Description.ToString(CultureInfo.InvariantCulture), d.HelpLinkUri, level, d.Category, d.CustomTags.ToArray());
                message = Format(d.MessageFormat.ToString(CultureInfo.InvariantCulture), args);
                if (d.Category == RuleCategory.Injection)
                {
                    // Dataflow findings: the source and the sink as additional locations (related locations, no message).
                    related =
                    [
                        new Location(uri, new Region(Math.Max(1, line - random.Next(1, 12)), 13, 40)),
                        new Location(uri, new Region(line, column, column + 24)),
                    ];
                }
            }
            else if (kind < 0.75)
            {
                var (id, level, category, title, format) = s_ca[Pick(s_caWeights, random)];
                rule = new RuleInfo(id, title, title + ".", $"https://learn.microsoft.com/dotnet/fundamentals/code-analysis/quality-rules/{id.ToLowerInvariant()}", level, category, ["Telemetry", "EnabledRuleInCAAnalysisMode"]);
                message = Format(format, args);
            }
            else
            {
                var (id, format) = s_cs[random.Next(s_cs.Length)];
                rule = new RuleInfo(id, string.Empty, string.Empty, null, "warning", "Compiler", ["Compiler", "Telemetry"]);
                message = Format(format, args);
                warningLevel = id == "CS1591" ? 4 : 1;
            }

            (bool, string?)? suppression = null;
            if (random.NextDouble() < 0.15)
            {
                var how = random.NextDouble();
                suppression = rule.Category == "Compiler" || how < 0.45 ? (true, null)
                    : how < 0.85 ? (false, s_justifications[random.Next(s_justifications.Length)])
                    : how < 0.95 ? (false, null)
                    : (false, s_placeholders[random.Next(s_placeholders.Length)]);
            }

            list.Add(new GeneratedResult(rule.Id, rule.Level, message, new Location(uri, new Region(line, column, column + random.Next(4, 40))), related, suppression, warningLevel, rule));
        }

        return list;
    }

    // A compiler log: results in compilation order, the rules in the order the results first use them.
    private static long WriteLog(string path, List<GeneratedResult> results)
    {
        var rules = new List<RuleInfo>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            if (!index.ContainsKey(r.RuleId))
            {
                index[r.RuleId] = rules.Count;
                rules.Add(r.Rule);
            }
        }

        using var stream = File.Create(path);
        using (var w = new Utf8JsonWriter(stream, s_writer))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "http://json.schemastore.org/sarif-2.1.0");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", r.RuleId);
                w.WriteNumber("ruleIndex", index[r.RuleId]);
                w.WriteString("level", r.Level);
                w.WriteStartObject("message");
                w.WriteString("text", r.Message);
                w.WriteEndObject();
                if (r.Suppression is { } s)
                {
                    w.WriteStartArray("suppressions");
                    w.WriteStartObject();
                    w.WriteString("kind", "inSource");
                    if (s.Justification is { } j)
                    {
                        w.WriteString("justification", j);
                    }

                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                w.WriteStartArray("locations");
                WriteLocation(w, r.Primary);
                w.WriteEndArray();
                if (r.Related.Length > 0)
                {
                    w.WriteStartArray("relatedLocations");
                    foreach (var l in r.Related)
                    {
                        WriteLocation(w, l);
                    }

                    w.WriteEndArray();
                }

                w.WriteStartObject("properties");
                if (r.WarningLevel is { } level)
                {
                    w.WriteNumber("warningLevel", level);
                }
                else if (r.Related.Length > 0)
                {
                    w.WriteStartObject("customProperties");
                    w.WriteString("sink", "DbCommand.CommandText");
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", CompilerName);
            w.WriteString("version", "4.14.0-3.25262.10 (8edf7bcd)");
            w.WriteString("dottedQuadFileVersion", "4.14.0.0");
            w.WriteString("semanticVersion", "4.14.0");
            w.WriteString("language", "en-US");
            w.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                if (rule.Title.Length > 0)
                {
                    w.WriteStartObject("shortDescription");
                    w.WriteString("text", rule.Title);
                    w.WriteEndObject();
                }

                if (rule.Description.Length > 0)
                {
                    w.WriteStartObject("fullDescription");
                    w.WriteString("text", rule.Description);
                    w.WriteEndObject();
                }

                if (rule.HelpUri is { } help)
                {
                    w.WriteString("helpUri", help);
                }

                if (rule.Level != "warning")
                {
                    w.WriteStartObject("defaultConfiguration");
                    w.WriteString("level", rule.Level);
                    w.WriteEndObject();
                }

                w.WriteStartObject("properties");
                w.WriteString("category", rule.Category);
                w.WriteStartArray("tags");
                foreach (var tag in rule.Tags)
                {
                    w.WriteStringValue(tag);
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return stream.Length;
    }

    private static void WriteLocation(Utf8JsonWriter w, Location l)
    {
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", l.Uri);
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", l.Region.Line);
        w.WriteNumber("startColumn", l.Region.Column);
        w.WriteNumber("endLine", l.Region.Line);
        w.WriteNumber("endColumn", l.Region.EndColumn);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // The manifest as the package's targets write it (SecureCodingWriteEvidence).
    private static string Manifest(string name, string project, string framework, string sarif, int p, int seed)
    {
        var analyzer = Hex("analyzer" + seed.ToString(CultureInfo.InvariantCulture));
        var fixes = Hex("fixes" + seed.ToString(CultureInfo.InvariantCulture));
        var editorconfig = Hex("editorconfig" + seed.ToString(CultureInfo.InvariantCulture));
        var profile = p % 10 == 0 ? "strict" : "default";
        var noWarn = p % 17 == 0 ? "\"CS1591\", \"SCR1008\"" : "\"CS1591\"";
        return $$"""
            {
              "format": "secure-coding-evidence/1",
              "package": { "id": "SecureCodingAnalyzers", "version": "1.4.0" },
              "analyzers": [
                { "path": "analyzers/dotnet/cs/SecureCodingAnalyzers.dll", "sha256": "{{analyzer}}" },
                { "path": "analyzers/dotnet/cs/SecureCodingAnalyzers.CodeFixes.dll", "sha256": "{{fixes}}" }
              ],
              "project": "{{project}}",
              "projectName": "{{name}}",
              "targetFramework": "{{framework}}",
              "configuration": "Release",
              "sarif": {
                "file": "{{sarif}}",
                "path": "artifacts/secure-coding-evidence/{{sarif}}",
                "version": "2.1",
                "projectErrorLog": false
              },
              "profile": "{{profile}}",
              "severitySwitches": {
                "treatWarningsAsErrors": {{(p % 3 == 0 ? "true" : "false")}},
                "noWarn": [{{noWarn}}],
                "warningsAsErrors": [],
                "warningsNotAsErrors": []
              },
              "configFiles": [
                { "path": ".editorconfig", "origin": "project", "sha256": "{{editorconfig}}" },
                { "path": "build/profiles/{{profile}}.globalconfig", "origin": "package", "sha256": "{{Hex(profile)}}" }
              ]
            }
            """;
    }

    private static (string Text, int Lines) SourceFile(string ns, string className, string[] members, int lines, Random random)
    {
        var sb = new StringBuilder();
        sb.Append("namespace ").Append(ns).Append(";\n\npublic sealed class ").Append(className).Append("\n{\n");
        var written = 4;
        while (written < lines - 1)
        {
            var member = members[random.Next(members.Length)];
            var other = members[random.Next(members.Length)];
            var n = random.Next(1000).ToString(CultureInfo.InvariantCulture);
            sb.Append(random.Next(6) switch
            {
                0 => $"    var {char.ToLowerInvariant(member[0])}{member[1..]}{n} = {other}(input, {n});",
                1 => $"    if ({member}.Count > {n}) {{ logger.LogInformation(\"{other} {{Count}}\", {member}.Count); }}",
                2 => $"    public string {member}{n} {{ get; set; }} = string.Empty;",
                3 => $"    command.CommandText = \"SELECT * FROM {member} WHERE Id = \" + {other}.Id{n};",
                4 => $"    using var hash = System.Security.Cryptography.MD5.Create(); // {other} {n}",
                _ => $"    await {member}Async({other}, cancellationToken{n});",
            }).Append('\n');
            written++;
        }

        sb.Append("}\n");
        return (sb.ToString(), written + 1);
    }

    /// <summary>Splits <paramref name="total"/> results over the projects by weight; a project built twice counts twice.</summary>
    private static int[] Distribute(int total, double[] weights, int[] logsPerProject)
    {
        var sum = weights.Select((w, i) => w * logsPerProject[i]).Sum();
        var counts = weights.Select(w => (int)Math.Floor(total * w / sum)).ToArray();
        var assigned = counts.Select((c, i) => c * logsPerProject[i]).Sum();
        for (var i = 0; assigned < total; i = (i + 1) % counts.Length)
        {
            // Top up with single-target projects where a double step would overshoot.
            if (logsPerProject[i] <= total - assigned)
            {
                counts[i]++;
                assigned += logsPerProject[i];
            }
        }

        return counts;
    }

    private static int Pick(double[] weights, Random random)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static string Format(string format, object[] args)
    {
        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, args);
        }
        catch (FormatException)
        {
            return format;
        }
    }

    private static string StableHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
