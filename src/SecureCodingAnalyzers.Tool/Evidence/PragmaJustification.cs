using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace SecureCodingAnalyzers.Tool.Evidence;

/// <summary>
/// The reason comment of a <c>#pragma warning disable</c>, for the evidence. The compiler records a pragma suppression
/// as <c>{"kind": "inSource"}</c> without the comment that SCR9001 requires on the pragma's line, so an audit of the
/// SARIF alone would see every justified pragma as unjustified. For an in-source suppression without a justification,
/// the nearest <c>#pragma warning disable</c> above the result that names its rule (or all rules), with no matching
/// <c>restore</c> in between, gives its same-line <c>//</c> comment as the justification, marked
/// <c>properties.justificationSource = "pragma comment"</c>.
/// </summary>
internal static class PragmaJustification
{
    /// <summary>Fills the justification of <paramref name="result"/>'s in-source suppressions from <paramref name="lines"/> (the file's lines).</summary>
    public static void Apply(JsonObject result, string ruleId, string[] lines)
    {
        var suppressions = (result["suppressions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(s => s["kind"]?.GetValue<string>() == "inSource" && s["justification"] is null)
            .ToList();
        if (suppressions.Count == 0
            || result["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] is not JsonValue start
            || !start.TryGetValue<int>(out var line) || line < 1 || line > lines.Length
            || Comment(lines, line, ruleId) is not { Length: > 0 } comment)
        {
            return;
        }

        foreach (var suppression in suppressions)
        {
            suppression["justification"] = comment;
            var properties = suppression["properties"] as JsonObject ?? new JsonObject();
            properties["justificationSource"] = "pragma comment";
            suppression["properties"] = properties;
        }
    }

    /// <summary>The comment of the pragma that disables <paramref name="ruleId"/> at 1-based <paramref name="line"/>, or null.</summary>
    public static string? Comment(string[] lines, int line, string ruleId)
    {
        for (var i = line - 2; i >= 0; i--)
        {
            var text = lines[i].Trim();
            if (!text.StartsWith("#pragma", StringComparison.Ordinal))
            {
                continue;
            }

            var rest = text["#pragma".Length..].TrimStart();
            if (!rest.StartsWith("warning", StringComparison.Ordinal))
            {
                continue;
            }

            rest = rest["warning".Length..].TrimStart();
            var disable = rest.StartsWith("disable", StringComparison.Ordinal);
            if (!disable && !rest.StartsWith("restore", StringComparison.Ordinal))
            {
                continue;
            }

            rest = rest[(disable ? "disable".Length : "restore".Length)..];
            var slash = rest.IndexOf("//", StringComparison.Ordinal);
            var ids = (slash >= 0 ? rest[..slash] : rest).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0 && !ids.Contains(ruleId, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            return disable && slash >= 0 ? rest[(slash + 2)..].Trim() : null;
        }

        return null;
    }
}
