using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>Build logs as the compiler and the package's targets write them, and the tool run in process, for the report tests.</summary>
internal static class EvidenceLogs
{
    /// <summary>The compiler's driver name.</summary>
    public const string Compiler = "Microsoft (R) Visual C# Compiler";

    /// <summary>Runs the tool in process.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SecureCodingTool.RunAsync(args, new ToolSettings { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>evidence collect</c> over the logs in <paramref name="logs"/>; it must succeed.</summary>
    public static async Task CollectAsync(ToolTestRepo repo, string logs, string output)
    {
        var (code, o, e) = await RunAsync("evidence", "collect", "--input", repo.PathOf(logs), "--root", repo.Root, "--output", repo.PathOf(output));
        Assert.True(code == ExitCodes.Success, o + e);
    }

    /// <summary>A result at a file of the repository (absolute file URI, as the compiler writes it).</summary>
    public static JsonObject Result(ToolTestRepo repo, string ruleId, string level, string file, int line, string message, string? suppression = null, string? justification = null)
        => Result(new Uri(repo.PathOf(file)).AbsoluteUri, null, ruleId, level, line, message, suppression, justification);

    /// <summary>A result at <paramref name="uri"/> (relative to <paramref name="uriBaseId"/> when given, as collect writes it).</summary>
    public static JsonObject Result(string uri, string? uriBaseId, string ruleId, string level, int line, string message, string? suppression = null, string? justification = null)
    {
        var artifact = new JsonObject { ["uri"] = uri };
        if (uriBaseId is not null)
        {
            artifact["uriBaseId"] = uriBaseId;
        }

        var result = new JsonObject
        {
            ["ruleId"] = ruleId,
            ["level"] = level,
            ["message"] = new JsonObject { ["text"] = message },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject
                {
                    ["artifactLocation"] = artifact,
                    ["region"] = new JsonObject { ["startLine"] = line, ["startColumn"] = 5 },
                },
            }),
        };
        if (suppression is not null)
        {
            var s = new JsonObject { ["kind"] = suppression };
            if (justification is not null)
            {
                s["justification"] = justification;
            }

            result["suppressions"] = new JsonArray(s);
        }

        return result;
    }

    /// <summary>A compiler log plus the package's evidence manifest, as the package's targets write them.</summary>
    public static void Write(ToolTestRepo repo, string folder, string project, string tfm, string[] noWarn, params JsonObject[] results)
    {
        var name = $"{project}.{tfm}";
        repo.Write($"{folder}/{name}.sarif", new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/sarif-2.1.0",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = Compiler, ["version"] = "4.14.0", ["rules"] = new JsonArray() } },
                ["results"] = new JsonArray(results.Select(r => (JsonNode)r).ToArray()),
            }),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        repo.Write($"{folder}/{name}.evidence.json", $$"""
            {
              "format": "secure-coding-evidence/1",
              "package": { "id": "SecureCodingAnalyzers", "version": "1.2.3" },
              "analyzers": [ { "path": "analyzers/dotnet/cs/SecureCodingAnalyzers.dll", "sha256": "{{new string('a', 64)}}" } ],
              "project": "src/{{project}}/{{project}}.csproj",
              "projectName": "{{project}}",
              "targetFramework": "{{tfm}}",
              "configuration": "Release",
              "sarif": { "file": "{{name}}.sarif", "path": "{{folder}}/{{name}}.sarif", "version": "2.1", "projectErrorLog": false },
              "profile": "default",
              "severitySwitches": { "treatWarningsAsErrors": true, "noWarn": [{{string.Join(", ", noWarn.Select(n => "\"" + n + "\""))}}], "warningsAsErrors": [], "warningsNotAsErrors": [] },
              "configFiles": [ { "path": ".globalconfig", "origin": "project", "sha256": "{{new string('b', 64)}}" } ]
            }
            """);
    }
}
