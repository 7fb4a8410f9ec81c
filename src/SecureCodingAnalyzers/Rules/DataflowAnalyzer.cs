using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.Dataflow;
using SecureCodingAnalyzers.Options;
using SecureCodingAnalyzers.Rules.CodeIntegrity;
using SecureCodingAnalyzers.Rules.Deserialization;
using SecureCodingAnalyzers.Rules.Injection;
using SecureCodingAnalyzers.Rules.Web;

namespace SecureCodingAnalyzers.Rules;

/// <summary>
/// Every dataflow rule in one pass of the shared engine (<see cref="TaintSession"/>): injection (SCR2000–SCR2010),
/// code integrity (SCR4001–SCR4006) and deserialization (SCR3004, SCR3007; SCR3007's local resolver check too).
/// Deviation from "one analyzer per rule" and from "one folder per family", on purpose: the peers' one-pass-per-sink-kind design is what makes their taint rules too slow to leave on, so the
/// rules of every family share this analyzer. Each rule keeps its own file in its family's folder (sinks and
/// sanitizers, e.g. <see cref="SqlInjection"/>), page, tests and options; this class only wires them to the engine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DataflowAnalyzer : DiagnosticAnalyzer
{
    internal static readonly ImmutableArray<TaintRule> TaintRules = ImmutableArray.Create(
        SqlInjection.Rule,
        CommandInjection.Rule,
        PathTraversal.Rule,
        LdapInjection.Rule,
        XPathInjection.Rule,
        OpenRedirect.Rule,
        ServerSideRequestForgery.Rule,
        RegexInjection.Rule,
        LogForging.Rule,
        CodeInjection.Rule,
        UnverifiedPluginLoading.Rule,
        UntrustedCodeLoading.Rule,
        DownloadedCodeExecution.Rule,
        CleartextCodeDownload.Rule,
        UntrustedTypeInstantiation.Rule,
        UntrustedDataSetXml.Rule,
        UntrustedSerializerType.Rule,
        RegexDenialOfService.Rule);

    /// <summary>The dataflow options of every rule (documented on each rule's page).</summary>
    internal static readonly ImmutableArray<(TaintRule Rule, TaintRuleOptions Options)> RuleOptions =
        TaintRules.Select(r => (r, new TaintRuleOptions(r.Descriptor.Id, r.Kind, r.DisabledByDefault))).ToImmutableArray();

    /// <summary>The same options as a flat list, for the docs generator.</summary>
    internal static readonly RuleOption[] Options = RuleOptions.SelectMany(r => r.Options.All).ToArray();

    /// <summary>The per-body step budget of the engine (SCR2000 reports bodies that exceed it).</summary>
    internal static readonly IntegerRuleOption MaxSteps = new(
        "SCR2000",
        "dataflow_max_steps",
        MethodAnalysis.DefaultMaxSteps,
        1,
        "Operations the dataflow engine evaluates in one method body (loops count once per pass) before it stops and reports what it found so far.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Catalog.Rules.DataflowBudgetExceeded, Catalog.Rules.SameOriginIntegrityCheck).AddRange(TaintRules.Select(r => r.Descriptor));

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            // SCR3007's local half: DataContractResolver overrides that resolve any name (no dataflow needed).
            UntrustedSerializerType.RegisterResolverCheck(start);
            var model = new TaintModel(start.Compilation, TaintRules);
            if (model.Specs.IsEmpty)
            {
                return;
            }

            var session = new TaintSession(model, RuleOptions, Catalog.Rules.DataflowBudgetExceeded, MaxSteps, Catalog.Rules.SameOriginIntegrityCheck);
            start.RegisterOperationBlockAction(session.AnalyzeBlock);
            start.RegisterCompilationEndAction(session.Compose);
        });
    }
}
