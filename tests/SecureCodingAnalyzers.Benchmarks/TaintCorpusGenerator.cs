using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// Generates the corpora of the dataflow engine: the worst case (every action has a web source and a SQL sink), one
/// taint-heavy method of a given size, call-site fan-in into one helper with a sink, and the edited document of the
/// IDE latency measurement. Sink lines carry <see cref="GroundTruth"/> markers. Deterministic for a seed.
/// </summary>
internal sealed class TaintCorpusGenerator
{
    private const string Namespace = "namespace Contoso.Api.Queries;";

    private readonly Random _random;
    private int _nextFlow;

    private TaintCorpusGenerator(int seed) => _random = new Random(seed);

    /// <summary>About <paramref name="lines"/> lines in <paramref name="files"/> controllers, each action a source-to-sink shape.</summary>
    public static ImmutableArray<SourceDocument> WorstCase(int lines, int files, int seed)
    {
        var generator = new TaintCorpusGenerator(seed);
        var documents = ImmutableArray.CreateBuilder<SourceDocument>(files);
        var remaining = lines;
        for (var index = 1; index <= files; index++)
        {
            var target = Math.Max(40, remaining / (files - index + 1));
            var document = generator.Controller(Invariant($"SearchController{index}"), target, revision: null);
            documents.Add(document);
            remaining = Math.Max(0, remaining - document.Lines);
        }

        return documents.MoveToImmutable();
    }

    /// <summary>The document edited in the IDE latency measurement: a worst-case controller with a revision literal to change.</summary>
    public static SourceDocument EditedDocument(int lines, int seed, string revision)
        => new TaintCorpusGenerator(seed).Controller("EditedSearchController", lines, revision);

    /// <summary>One action of about <paramref name="lines"/> lines: three sources feeding every shape in turn.</summary>
    public static SourceDocument TaintMethod(int lines)
    {
        const string Name = "BatchImportController";
        var w = new CodeWriter();
        var tail = new ClassTail(Name);
        Header(w, Name, "api/import", revision: null);
        w.Line();
        w.Line("[HttpPost(\"run\")]");
        w.Open("public IActionResult Run([FromQuery] string name, [FromForm] string region)");
        w.Line("string header = Request.Headers[\"X-Batch\"].ToString();");
        string[] inputs = ["name", "region", "header"];
        for (var block = 0; w.Lines < lines - 3; block++)
        {
            var template = TaintTemplates.SqlFlows[block % TaintTemplates.SqlFlows.Length];
            var key = Invariant($"B{block}");
            // A copy per flow: a guard that returns early (allow-list) really cleans its variable for the rest of the
            // method, so flows must not share one.
            var input = Invariant($"input{key}");
            var flow = new FlowContext(Name + "." + key, key, input, tail.Runner);
            w.Line();
            w.Line(Invariant($"var {input} = {inputs[block % inputs.Length]};"));
            w.Block(template.Body(flow));
            tail.Add(template, flow);
        }

        w.Line();
        w.Line("return Ok();");
        w.Close();
        tail.Write(w);
        return new SourceDocument("Api/Queries/" + Name + ".cs", w.ToString());
    }

    /// <summary>One helper with a SQL sink and <paramref name="callSites"/> actions calling it with tainted text, 50 per file.</summary>
    public static ImmutableArray<SourceDocument> FanIn(int callSites)
    {
        const int PerFile = 50;
        var documents = ImmutableArray.CreateBuilder<SourceDocument>();
        var gateway = new CodeWriter();
        Usings(gateway);
        gateway.Line(Namespace);
        gateway.Line();
        gateway.Open("public static class SqlGateway");
        gateway.Open("public static int Execute(DbConnection connection, string sql)");
        gateway.Line("using var command = connection.CreateCommand();");
        gateway.Line("command.CommandText = sql;");
        gateway.Line("return command.ExecuteNonQuery();");
        gateway.Close();
        gateway.Close();
        documents.Add(new SourceDocument("Api/Queries/SqlGateway.cs", gateway.ToString()));

        for (var first = 0; first < callSites; first += PerFile)
        {
            var name = Invariant($"SessionController{first / PerFile + 1}");
            var w = new CodeWriter();
            Header(w, name, "api/sessions/" + Invariant($"{first / PerFile + 1}"), revision: null);
            for (var site = first; site < Math.Min(callSites, first + PerFile); site++)
            {
                w.Line();
                w.Line(Invariant($"[HttpDelete(\"s{site}\")]"));
                w.Line(Invariant($"public IActionResult Close{site}([FromQuery] string name) => Ok(SqlGateway.Execute(_connection, \"DELETE FROM sessions WHERE owner = '\" + name + \"'\"));"));
            }

            w.Close();
            documents.Add(new SourceDocument("Api/Queries/" + name + ".cs", w.ToString()));
        }

        return documents.ToImmutable();
    }

    private SourceDocument Controller(string name, int targetLines, string? revision)
    {
        var w = new CodeWriter();
        var tail = new ClassTail(name);
        Header(w, name, "api/search/" + name.ToLowerInvariant(), revision);
        var member = 0;
        do
        {
            member++;
            var template = TaintTemplates.SqlFlows[_nextFlow++ % TaintTemplates.SqlFlows.Length];
            var (parameter, prologue, route) = TaintTemplates.WebSources[_random.Next(TaintTemplates.WebSources.Length)];
            var key = Invariant($"{member}");
            var flow = new FlowContext(name + "." + key, key, "name", tail.Runner);
            w.Line();
            w.Line("[HttpGet(\"find" + key + route + "\")]");
            w.Open("public IActionResult Find" + key + "(" + parameter + ")");
            if (prologue.Length > 0)
            {
                w.Line(prologue);
            }

            w.Block(template.Body(flow));
            w.Line("return Ok();");
            w.Close();
            tail.Add(template, flow);
        }
        while (w.Lines + tail.Lines < targetLines - 2);

        tail.Write(w);
        return new SourceDocument("Api/Queries/" + name + ".cs", w.ToString());
    }

    /// <summary>Usings, namespace and the controller's opening up to its constructor; the class is left open.</summary>
    private static void Header(CodeWriter w, string name, string route, string? revision)
    {
        Usings(w);
        w.Line(Namespace);
        w.Line();
        w.Line("[ApiController]");
        w.Line("[Route(\"" + route + "\")]");
        w.Open("public sealed class " + name + " : ControllerBase");
        if (revision is not null)
        {
            w.Line("private const string Revision = \"" + revision + "\";");
            w.Line();
        }

        w.Block(TaintTemplates.ControllerHeader(name));
    }

    private static void Usings(CodeWriter w)
    {
        foreach (var ns in TaintTemplates.ControllerUsings.Split(' '))
        {
            w.Line("using " + ns + ";");
        }

        w.Line();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What follows the actions: the same-class helpers, then the runner class that takes cross-class calls.</summary>
    private sealed class ClassTail(string controller)
    {
        private readonly List<string> _helpers = [];
        private readonly List<string> _runnerMembers = [];

        public string Runner { get; } = controller + "Queries";

        /// <summary>Lines still to write (an estimate that keeps the file near its target size).</summary>
        public int Lines { get; private set; }

        public void Add(FlowTemplate template, FlowContext flow)
        {
            if (template.Helper is { } helper)
            {
                Add(_helpers, helper(flow));
            }

            if (template.RunnerMember is { } member)
            {
                Add(_runnerMembers, member(flow));
            }
        }

        /// <summary>Closes the controller after its helpers, then writes the runner class (when any flow needs it).</summary>
        public void Write(CodeWriter w)
        {
            foreach (var helper in _helpers)
            {
                w.Line();
                w.Block(helper);
            }

            w.Close();
            if (_runnerMembers.Count == 0)
            {
                return;
            }

            w.Line();
            w.Open("public static class " + Runner);
            for (var i = 0; i < _runnerMembers.Count; i++)
            {
                if (i > 0)
                {
                    w.Line();
                }

                w.Block(_runnerMembers[i]);
            }

            w.Close();
        }

        private void Add(List<string> list, string text)
        {
            list.Add(text);
            Lines += text.Split('\n').Length + 1;
        }
    }
}
