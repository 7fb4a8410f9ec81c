using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureCodingAnalyzers.Options;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// The options every dataflow rule has. Each is read per rule (<c>dotnet_diagnostic.&lt;ID&gt;.&lt;name&gt;</c>) with
/// the shared key (<c>secure_coding.&lt;name&gt;</c>) as fallback, so one line in a <c>.globalconfig</c> teaches
/// every rule and a rule-specific line narrows one. Methods are named by documentation-comment id
/// (<c>M:Contoso.Plc.Tags.Read(System.String)</c>; a trailing <c>*</c> matches every overload).
/// </summary>
internal sealed class TaintRuleOptions
{
    public TaintRuleOptions(string ruleId, SinkKind kind, SourceGroup disabledByDefault)
    {
        Sources = new ListRuleOption(ruleId, "taint_sources", "Methods (documentation-comment ids) whose return value is untrusted input, in addition to the built-in sources.");
        Sinks = new ListRuleOption(ruleId, "taint_sinks", "Methods (documentation-comment ids) whose string arguments must not receive untrusted input, in addition to the built-in sinks of this rule.");
        Sanitizers = new ListRuleOption(ruleId, "taint_sanitizers", "Methods (documentation-comment ids) that make their input safe for this rule: a method returning a value cleans the value; a method returning bool is a guard (its arguments are clean where it returned true); a void method is a validator that throws (its arguments are clean after the call).");
        PassThrough = new ListRuleOption(ruleId, "taint_passthrough", "Methods (documentation-comment ids) whose return value carries the taint of their arguments and receiver, whatever their own code does (for interfaces and methods the engine cannot see).");
        DisabledSourceGroups = new ListRuleOption(
            ruleId,
            "taint_disabled_source_groups",
            "Source groups that do not count as untrusted for this rule: web, process, environment, files, archives, network, serial, pipes, custom, listing, writable, configuration, cleartext. A value replaces the default; an empty value counts every group.",
            SourceGroups.Names(disabledByDefault));
        if ((kind & SinkKind.Verified) != 0)
        {
            Verifiers = new ListRuleOption(ruleId, "integrity_verifiers", "Methods (documentation-comment ids) that verify the integrity of their arguments against a pinned digest or signing key, like a method marked [IntegrityVerifier]: a method returning bool verifies them where it returned true, a void method after it returned (it throws otherwise), any other method returns them verified. Data that shares an origin with a verified argument (the path, its bytes, a stream opened on it) is verified too.");
        }
    }

    /// <summary>Configured integrity verifiers (code-integrity rules only).</summary>
    public ListRuleOption? Verifiers { get; }

    public ListRuleOption Sources { get; }

    public ListRuleOption Sinks { get; }

    public ListRuleOption Sanitizers { get; }

    public ListRuleOption PassThrough { get; }

    public ListRuleOption DisabledSourceGroups { get; }

    public IEnumerable<RuleOption> All => Verifiers is null
        ? new RuleOption[] { Sources, Sinks, Sanitizers, PassThrough, DisabledSourceGroups }
        : new RuleOption[] { Sources, Sinks, Sanitizers, PassThrough, DisabledSourceGroups, Verifiers };
}

/// <summary>
/// The dataflow configuration that applies to one syntax tree, built from the options of every rule and cached by
/// the raw option text (trees under the same configuration share one instance).
/// </summary>
internal sealed class TaintConfiguration
{
    private static readonly ConcurrentDictionary<string, TaintConfiguration> s_cache = new(StringComparer.Ordinal);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AnalyzerConfigOptions, TaintConfiguration> s_byOptions = new();

    private readonly Dictionary<string, List<(string Id, SinkKind Kinds, Role Role)>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<SinkKind, SourceGroup> _disabled = new();

    private enum Role
    {
        Source,
        Sink,
        Sanitizer,
        PassThrough,
        Verifier,
    }

    private TaintConfiguration()
    {
    }

    /// <summary>A configuration that counts every source and knows no configured method (engine tests).</summary>
    public static TaintConfiguration Default { get; } = new();

    /// <summary>Groups switched off for every rule (sources of these groups need not be tracked at all).</summary>
    public SourceGroup DisabledEverywhere { get; private set; }

    /// <summary>True when some method is configured (so calls need a documentation-id check).</summary>
    public bool HasMethods => _byName.Count > 0;

    public static TaintConfiguration For(AnalyzerConfigOptions options, ImmutableArray<(TaintRule Rule, TaintRuleOptions Options)> rules)
        => s_byOptions.GetValue(options, o => Read(o, rules));

    private static TaintConfiguration Read(AnalyzerConfigOptions options, ImmutableArray<(TaintRule Rule, TaintRuleOptions Options)> rules)
    {
        var key = new StringBuilder();
        var values = new List<(TaintRule, ImmutableArray<string>[])>(rules.Length);
        foreach (var (rule, ruleOptions) in rules)
        {
            var lists = new[]
            {
                ruleOptions.Sources.Read(options),
                ruleOptions.Sinks.Read(options),
                ruleOptions.Sanitizers.Read(options),
                ruleOptions.PassThrough.Read(options),
                ruleOptions.DisabledSourceGroups.Read(options),
                ruleOptions.Verifiers?.Read(options) ?? ImmutableArray<string>.Empty,
            };
            foreach (var list in lists)
            {
                key.Append(string.Join(",", list)).Append('|');
            }

            values.Add((rule, lists));
        }

        return s_cache.GetOrAdd(key.ToString(), _ => Build(values));
    }

    private static TaintConfiguration Build(List<(TaintRule Rule, ImmutableArray<string>[] Lists)> values)
    {
        var configuration = new TaintConfiguration();
        var disabledEverywhere = SourceGroup.All;
        foreach (var (rule, lists) in values)
        {
            configuration.Add(lists[0], rule.Kind, Role.Source);
            configuration.Add(lists[1], rule.Kind, Role.Sink);
            configuration.Add(lists[2], rule.Kind, Role.Sanitizer);
            configuration.Add(lists[3], rule.Kind, Role.PassThrough);
            configuration.Add(lists[5], rule.Kind, Role.Verifier);
            var disabled = SourceGroup.None;
            foreach (var name in lists[4])
            {
                disabled |= SourceGroups.Parse(name);
            }

            configuration._disabled[rule.Kind] = disabled;
            disabledEverywhere &= disabled;
        }

        configuration.DisabledEverywhere = disabledEverywhere;
        return configuration;
    }

    /// <summary>True when sources of <paramref name="group"/> count for the rule of <paramref name="kind"/>.</summary>
    public bool Counts(SourceGroup group, SinkKind kind)
        => !_disabled.TryGetValue(kind, out var disabled) || (disabled & group) == 0;

    /// <summary>The rule kinds for which <paramref name="method"/> is a configured source (None when it is not).</summary>
    public SinkKind SourceKinds(IMethodSymbol method) => Lookup(method, Role.Source);

    /// <summary>The kinds for which <paramref name="method"/>'s string arguments are configured sinks.</summary>
    public SinkKind SinkKinds(IMethodSymbol method) => Lookup(method, Role.Sink);

    /// <summary>The kinds <paramref name="method"/> is configured to clean.</summary>
    public SinkKind SanitizerKinds(IMethodSymbol method) => Lookup(method, Role.Sanitizer);

    /// <summary>The integrity kinds <paramref name="method"/> is configured to verify.</summary>
    public SinkKind VerifierKinds(IMethodSymbol method) => Lookup(method, Role.Verifier);

    /// <summary>True when <paramref name="method"/> is configured as pass-through.</summary>
    public bool IsPassThrough(IMethodSymbol method) => Lookup(method, Role.PassThrough) != SinkKind.None;

    private void Add(ImmutableArray<string> ids, SinkKind kind, Role role)
    {
        foreach (var raw in ids)
        {
            var id = raw.StartsWith("M:", StringComparison.Ordinal) ? raw : "M:" + raw;
            var name = MemberName(id);
            if (name.Length == 0)
            {
                continue;
            }

            if (!_byName.TryGetValue(name, out var list))
            {
                _byName.Add(name, list = new List<(string, SinkKind, Role)>());
            }

            list.Add((id, kind, role));
        }
    }

    private SinkKind Lookup(IMethodSymbol method, Role role)
    {
        if (_byName.Count == 0)
        {
            return SinkKind.None;
        }

        var name = method.MethodKind == MethodKind.Constructor ? "#ctor" : method.Name;
        if (!_byName.TryGetValue(name, out var entries))
        {
            return SinkKind.None;
        }

        var id = method.OriginalDefinition.GetDocumentationCommentId();
        if (id is null)
        {
            return SinkKind.None;
        }

        var kinds = SinkKind.None;
        foreach (var entry in entries)
        {
            if (entry.Role == role && Matches(entry.Id, id))
            {
                kinds |= entry.Kinds;
            }
        }

        return kinds;
    }

    private static bool Matches(string pattern, string id)
        => pattern.EndsWith("*", StringComparison.Ordinal)
            ? id.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(pattern, id, StringComparison.Ordinal);

    /// <summary>The simple member name of a documentation-comment id (<c>M:A.B.Read(System.String)</c> → <c>Read</c>).</summary>
    internal static string MemberName(string id)
    {
        var end = id.IndexOf('(');
        if (end < 0)
        {
            end = id.Length;
        }

        var trimmed = id.Substring(0, end).TrimEnd('*');
        var generic = trimmed.IndexOf("``", StringComparison.Ordinal);
        if (generic >= 0)
        {
            trimmed = trimmed.Substring(0, generic);
        }

        var dot = trimmed.LastIndexOf('.');
        return dot < 0 || dot == trimmed.Length - 1 ? string.Empty : trimmed.Substring(dot + 1);
    }
}
