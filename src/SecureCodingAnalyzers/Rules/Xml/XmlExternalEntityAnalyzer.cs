using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Options;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Xml;

/// <summary>
/// SCR3010, SCR3011, SCR3012: XML parsers configured to process DTDs with a resolving <c>XmlResolver</c>, without an
/// entity-expansion limit, or left at .NET Framework defaults that do both.
/// <para>
/// The unit of analysis is one configured object in one body (method, accessor, initializer, with its lambdas):
/// an <c>XmlReaderSettings</c>, <c>XmlTextReader</c> or <c>XmlDocument</c>, identified by the local, parameter,
/// field or property that holds it, merged with the object creation assigned to it, and its property assignments
/// (<c>DtdProcessing</c>, <c>ProhibitDtd</c>, <c>XmlResolver</c>, <c>MaxCharactersFromEntities</c>), in object
/// initializers or as statements. Flow-insensitive: a safe assignment anywhere in the body wins, and values the code
/// does not show (a resolver from a parameter, a computed <c>DtdProcessing</c>) are not reported.
/// </para>
/// <list type="bullet">
/// <item>SCR3010: DTD processing on (explicit <c>DtdProcessing.Parse</c> for settings; the default for
/// <c>XmlTextReader</c> and <c>XmlDocument</c>) together with an explicitly set resolving resolver, on every framework;
/// or explicit <c>DtdProcessing.Parse</c> on settings created in the body with the legacy .NET Framework default
/// resolver (<see cref="XmlFrameworkDefaults"/>).</item>
/// <item>SCR3011: <c>MaxCharactersFromEntities</c> set to 0 (no limit) or above the configured maximum on settings
/// that parse DTDs; or <c>DtdProcessing.Parse</c> on settings created in the body with the legacy default of 0.</item>
/// <item>SCR3012: only for legacy .NET Framework targets: <c>new XmlTextReader(...)</c> left at its defaults,
/// <c>new XmlDocument()</c> loaded from text with its default resolver, <c>new XPathDocument(...)</c> over a URL,
/// stream or text reader. A site with an explicit resolving resolver is SCR3010 instead, never both.</item>
/// </list>
/// Not reported: <c>XmlReader.Create</c> with default settings, <c>XmlSerializer</c>, <c>XDocument</c>/<c>XElement</c>
/// (which prohibit DTDs or set no resolver on every framework), the obsolete <c>XmlValidatingReader</c> (the
/// <c>XmlTextReader</c> it wraps is reported), schema resolution.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class XmlExternalEntityAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the fix (one of the <c>Fix*</c> constants).</summary>
    public const string FixProperty = "Fix";

    /// <summary>Fix: the reported <c>DtdProcessing</c> (or <c>ProhibitDtd</c>) assignment becomes <c>Prohibit</c> (<c>true</c>).</summary>
    public const string FixProhibitDtd = "ProhibitDtd";

    /// <summary>Fix: the reported <c>XmlResolver</c> assignment assigns null.</summary>
    public const string FixNullResolver = "NullResolver";

    /// <summary>Fix: the reported <c>MaxCharactersFromEntities</c> assignment assigns the framework's limit.</summary>
    public const string FixLimitEntities = "LimitEntities";

    /// <summary>Fix: the reported object creation gets <c>DtdProcessing = DtdProcessing.Prohibit</c> in its initializer.</summary>
    public const string FixInitializerProhibitDtd = "InitializerProhibitDtd";

    /// <summary>Fix: the reported object creation gets <c>XmlResolver = null</c> in its initializer.</summary>
    public const string FixInitializerNullResolver = "InitializerNullResolver";

    /// <summary>The entity-expansion limit of .NET (Core) and .NET Framework 4.5.2+ (characters).</summary>
    public const long FrameworkEntityLimit = 10_000_000;

    /// <summary>SCR3011: the largest <c>MaxCharactersFromEntities</c> accepted.</summary>
    public static readonly IntegerRuleOption MaxCharactersFromEntities = new(
        "SCR3011",
        "max_characters_from_entities",
        100_000_000,
        1,
        "Largest accepted XmlReaderSettings.MaxCharactersFromEntities when DTDs are parsed (characters); larger values and 0 (no limit) are reported. The framework default is 10,000,000.");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Catalog.Rules.XmlExternalEntities, Catalog.Rules.XmlEntityExpansion, Catalog.Rules.LegacyXmlReader);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (!types.Any)
            {
                return;
            }

            var compilation = start.Compilation;
            var options = start.Options;
            var framework = new Lazy<XmlFrameworkDefaults>(() => XmlFrameworkDefaults.Read(compilation, options));

            // The driver's one walk finds the operations a finding can be reported at; the first of a body has the
            // whole body analyzed, once, and each reports the findings at itself (so they stay local to it).
            var bodies = new PerBody<Findings>((root, cancellationToken) => new BodyAnalysis(root, types, framework.Value, options, cancellationToken).Run());
            start.RegisterOperationAction(
                c =>
                {
                    if (ReportedAt(c.Operation, types, framework) is { } at)
                    {
                        bodies.Of(c.Operation, c.CancellationToken).Report(at, c);
                    }
                },
                OperationKind.PropertyReference,
                OperationKind.ObjectCreation);
        });
    }

    /// <summary>
    /// The operation a finding of the body may be reported at that belongs to <paramref name="operation"/>: the
    /// assignment of a configuring property, or (on legacy .NET Framework only) a creation of a settings, reader,
    /// document or <c>XPathDocument</c>.
    /// </summary>
    private static IOperation? ReportedAt(IOperation operation, KnownTypes types, Lazy<XmlFrameworkDefaults> framework)
        => operation switch
        {
            IPropertyReferenceOperation reference => reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference && IsConfiguring(reference.Property, types)
                ? assignment
                : null,

            // The target framework first: read once per compilation, it spares the base type walks of every creation.
            IObjectCreationOperation creation => framework.Value.LegacyDefaults
                                                 && (types.KindOf(creation.Type) != ObjectKind.None || creation.Type.IsOrDerivesFrom(types.XPathDocument))
                ? creation
                : null,
            _ => null,
        };

    /// <summary>
    /// A configuring property reference, or (on legacy .NET Framework only) a creation of a parser: a body without
    /// one is not analyzed.
    /// </summary>
    private static bool IsCandidate(IOperation operation, KnownTypes types, bool legacyDefaults)
        => operation switch
        {
            IPropertyReferenceOperation reference => IsConfiguring(reference.Property, types),
            IObjectCreationOperation creation => legacyDefaults
                                                 && (types.KindOf(creation.Type) is ObjectKind.TextReader or ObjectKind.Document || creation.Type.IsOrDerivesFrom(types.XPathDocument)),
            _ => false,
        };

    /// <summary>
    /// A framework configuring property (<c>XmlResolver</c>, <c>DtdProcessing</c>, ...) of a settings, reader or
    /// document type. An override declared in source (a hardened <c>XmlDocument</c> subclass whose <c>XmlResolver</c>
    /// setter drops the value) decides itself what an assignment does: not a configuration the rule can read.
    /// </summary>
    private static bool IsConfiguring(IPropertySymbol property, KnownTypes types)
        => IsConfiguredName(property.Name)
           && types.KindOf(property.ContainingType) != ObjectKind.None
           && !(property.IsOverride && property.DeclaringSyntaxReferences.Length > 0);

    /// <summary>
    /// True when a class of the user's between <paramref name="type"/> and the framework type mentions a configuring
    /// property (<c>public SafeXmlDocument() { XmlResolver = null; }</c>): its constructor or overrides configure the
    /// object, so the framework defaults are not assumed. A syntax check of the declarations, no semantic model.
    /// </summary>
    private static bool ConfiguresItself(ITypeSymbol? type, CancellationToken cancellationToken)
    {
        for (var current = type; current is not null && current.DeclaringSyntaxReferences.Length > 0; current = current.BaseType)
        {
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
                {
                    if (token.RawKind == (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.IdentifierToken && IsConfiguredName(token.ValueText))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The names of the configuring properties. Asked for every property reference of the compilation: string
    /// comparisons, which fail on the length at once, where a set lookup would hash the name first.
    /// </summary>
    private static bool IsConfiguredName(string name)
        => name is "DtdProcessing" or "ProhibitDtd" or "XmlResolver" or "MaxCharactersFromEntities";

    internal enum ObjectKind
    {
        None,
        Settings,
        TextReader,
        Document,
    }

    private enum DtdState
    {
        Parse,
        Off,
        Unknown,
    }

    private sealed class KnownTypes
    {
        public KnownTypes(Compilation compilation)
        {
            Settings = compilation.ResolveType("System.Xml.XmlReaderSettings");
            TextReader = compilation.ResolveType("System.Xml.XmlTextReader");
            Document = compilation.ResolveType("System.Xml.XmlDocument");
            XPathDocument = compilation.ResolveType("System.Xml.XPath.XPathDocument");
            Reader = compilation.ResolveType("System.Xml.XmlReader");
            Resolvers = new XmlResolvers(compilation);
        }

        public INamedTypeSymbol? Settings { get; }

        public INamedTypeSymbol? TextReader { get; }

        public INamedTypeSymbol? Document { get; }

        public INamedTypeSymbol? XPathDocument { get; }

        public INamedTypeSymbol? Reader { get; }

        public XmlResolvers Resolvers { get; }

        public bool Any => Settings is not null || TextReader is not null || Document is not null;

        public ObjectKind KindOf(ITypeSymbol? type)
            => type is null ? ObjectKind.None
                : type.IsOrDerivesFrom(Settings) ? ObjectKind.Settings
                : type.IsOrDerivesFrom(TextReader) ? ObjectKind.TextReader
                : type.IsOrDerivesFrom(Document) ? ObjectKind.Document
                : ObjectKind.None;
    }

    /// <summary>One configured object: its creations in the body and its property assignments.</summary>
    private sealed class ConfiguredObject
    {
        public ObjectKind Kind { get; set; }

        public string TypeName { get; set; } = string.Empty;

        public List<IObjectCreationOperation> Creations { get; } = new();

        public List<ISimpleAssignmentOperation> Dtd { get; } = new();

        public List<ISimpleAssignmentOperation> Resolver { get; } = new();

        public List<ISimpleAssignmentOperation> MaxCharacters { get; } = new();

        public bool LoadsText { get; set; }
    }

    /// <summary>The findings of one body, by the operation they are reported at.</summary>
    private sealed class Findings
    {
        public static readonly Findings None = new();

        private readonly Dictionary<IOperation, List<Diagnostic>> _at = new();

        public void Add(IOperation at, Diagnostic diagnostic)
        {
            if (!_at.TryGetValue(at, out var diagnostics))
            {
                diagnostics = new List<Diagnostic>(1);
                _at.Add(at, diagnostics);
            }

            diagnostics.Add(diagnostic);
        }

        public void Report(IOperation at, OperationAnalysisContext context)
        {
            if (_at.TryGetValue(at, out var diagnostics))
            {
                foreach (var diagnostic in diagnostics)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }

    /// <summary>Symbols by symbol equality, operations by reference.</summary>
    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y)
            => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj)
            => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : RuntimeHelpers.GetHashCode(obj);
    }

    private sealed class BodyAnalysis
    {
        private readonly IOperation _root;
        private readonly AnalyzerOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly Findings _findings = new();
        private readonly KnownTypes _types;
        private readonly XmlFrameworkDefaults _framework;
        private readonly Dictionary<object, object> _parent = new(KeyComparer.Instance);
        private readonly Dictionary<object, ConfiguredObject> _objects = new(KeyComparer.Instance);
        private readonly List<ConfiguredObject> _order = new();
        private readonly List<IOperation> _operations = new();
        private LocalWrites? _writes;

        public BodyAnalysis(IOperation root, KnownTypes types, XmlFrameworkDefaults framework, AnalyzerOptions options, CancellationToken cancellationToken)
        {
            _root = root;
            _options = options;
            _cancellationToken = cancellationToken;
            _types = types;
            _framework = framework;
        }

        public Findings Run()
        {
            _operations.AddRange(_root.DescendantsAndSelf());
            if (!_operations.Exists(operation => IsCandidate(operation, _types, _framework.LegacyDefaults)))
            {
                // Only a creation of settings on legacy .NET Framework led here: nothing to report without a candidate.
                return Findings.None;
            }

            _writes = new LocalWrites(_operations);

            // Pass 1: a variable, field or property holding a new object is that object.
            foreach (var operation in _operations)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when value.WalkDownConversions() is IObjectCreationOperation created:
                        Union(declarator.Symbol, created);
                        break;
                    case ISimpleAssignmentOperation { Target: var target, Value: var value } when value.WalkDownConversions() is IObjectCreationOperation created
                                                                                              && target is not IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } }
                                                                                              && KeyOf(target) is { } key:
                        Union(key, created);
                        break;
                }
            }

            // Pass 2: creations, configuring assignments, loads.
            foreach (var operation in _operations)
            {
                switch (operation)
                {
                    case IObjectCreationOperation creation:
                        OnCreation(creation);
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                        when IsConfiguring(property.Property, _types) && _types.KindOf(property.Property.ContainingType) is var kind:
                        var configured = ObjectFor(KeyOf(property.Instance) ?? assignment, kind, property.Instance?.Type ?? property.Property.ContainingType);
                        (property.Property.Name switch
                        {
                            "XmlResolver" => configured.Resolver,
                            "MaxCharactersFromEntities" => configured.MaxCharacters,
                            _ => configured.Dtd,
                        }).Add(assignment);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Load" or "LoadXml", Instance: { } instance } invocation
                        when _types.KindOf(invocation.TargetMethod.ContainingType) == ObjectKind.Document && KeyOf(instance) is { } loaded:
                        var text = invocation.TargetMethod.Name == "LoadXml"
                                   || invocation.TargetMethod.Parameters.FirstOrDefault()?.Type.IsOrDerivesFrom(_types.Reader) == false;
                        ObjectFor(loaded, ObjectKind.Document, instance.Type).LoadsText |= text;
                        break;
                }
            }

            foreach (var configured in _order)
            {
                Evaluate(configured);
            }

            return _findings;
        }

        private void OnCreation(IObjectCreationOperation creation)
        {
            var kind = _types.KindOf(creation.Type);
            if (kind != ObjectKind.None)
            {
                ObjectFor(creation, kind, creation.Type).Creations.Add(creation);
                return;
            }

            // XPathDocument over a URL, stream or text reader builds an XmlTextReader with the framework defaults.
            if (_framework.LegacyDefaults
                && creation.Type.IsOrDerivesFrom(_types.XPathDocument)
                && creation.Constructor?.Parameters.FirstOrDefault()?.Type is { } first
                && !first.IsOrDerivesFrom(_types.Reader))
            {
                Report(Catalog.Rules.LegacyXmlReader, creation, null, null, "new XPathDocument(...)", LegacyDefaultsText(dtdProcessingToo: true));
            }
        }

        private void Evaluate(ConfiguredObject configured)
        {
            var dtd = DtdOf(configured);
            var resolver = ResolverOf(configured, out var resolverAssignment, out var resolverDisplay);
            var created = configured.Creations.Count > 0;
            var defaultResolver = configured.Resolver.Count == 0 && created && _framework.LegacyDefaults
                                  && !ConfiguresItself(configured.Creations[0].Type, _cancellationToken);
            var explicitParse = configured.Dtd.Count > 0 && dtd == DtdState.Parse;

            switch (configured.Kind)
            {
                case ObjectKind.Settings:
                    var reportedAtDtd = false;
                    if (explicitParse && resolver == ResolverKind.Resolving)
                    {
                        Report(Catalog.Rules.XmlExternalEntities, resolverAssignment!, FixNullResolver, configured.Dtd[0], configured.TypeName, ResolvesText(resolverDisplay));
                    }
                    else if (explicitParse && defaultResolver)
                    {
                        Report(Catalog.Rules.XmlExternalEntities, configured.Dtd[0], FixProhibitDtd, null, configured.TypeName, DefaultResolverText());
                        reportedAtDtd = true;
                    }

                    if (explicitParse)
                    {
                        EvaluateEntityLimit(configured, created, reportedAtDtd);
                    }

                    break;

                case ObjectKind.TextReader:
                    // XmlTextReader parses DTDs unless told otherwise, on every framework.
                    if (dtd == DtdState.Parse && resolver == ResolverKind.Resolving)
                    {
                        Report(Catalog.Rules.XmlExternalEntities, resolverAssignment!, FixNullResolver, null, configured.TypeName, ResolvesText(resolverDisplay));
                    }
                    else if (dtd == DtdState.Parse && defaultResolver)
                    {
                        Report(Catalog.Rules.LegacyXmlReader, configured.Creations[0], explicitParse ? FixInitializerNullResolver : FixInitializerProhibitDtd, null, "new " + configured.TypeName + "(...)", LegacyDefaultsText(dtdProcessingToo: true));
                    }

                    break;

                case ObjectKind.Document:
                    // XmlDocument parses the DTDs of the documents it loads from text; the resolver decides.
                    if (resolver == ResolverKind.Resolving)
                    {
                        Report(Catalog.Rules.XmlExternalEntities, resolverAssignment!, FixNullResolver, null, configured.TypeName, ResolvesText(resolverDisplay));
                    }
                    else if (defaultResolver && configured.LoadsText)
                    {
                        Report(Catalog.Rules.LegacyXmlReader, configured.Creations[0], FixInitializerNullResolver, null, "new " + configured.TypeName + "()", LegacyDefaultsText(dtdProcessingToo: false));
                    }

                    break;
            }
        }

        private void EvaluateEntityLimit(ConfiguredObject configured, bool created, bool reportedAtDtd)
        {
            if (configured.MaxCharacters.Count == 0)
            {
                if (created && _framework.LegacyDefaults && !reportedAtDtd)
                {
                    Report(Catalog.Rules.XmlEntityExpansion, configured.Dtd[0], FixProhibitDtd, null, configured.TypeName, "the unlimited entity expansion that " + _framework.Display + " uses by default");
                }

                return;
            }

            var maximum = MaxCharactersFromEntities.Read(_options, configured.MaxCharacters[0].Syntax.SyntaxTree);
            foreach (var assignment in configured.MaxCharacters)
            {
                if (LongConstant(assignment.Value) is not { } limit)
                {
                    return; // a computed limit: not ours to judge
                }

                if (limit == 0 || limit > maximum)
                {
                    var text = limit == 0
                        ? "MaxCharactersFromEntities = 0 (no limit)"
                        : "MaxCharactersFromEntities = " + limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (above " + maximum.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + ")";
                    Report(Catalog.Rules.XmlEntityExpansion, assignment, FixLimitEntities, null, configured.TypeName, text);
                    return;
                }
            }
        }

        private DtdState DtdOf(ConfiguredObject configured)
        {
            if (configured.Dtd.Count == 0)
            {
                // XmlReaderSettings prohibits DTDs by default; XmlTextReader and XmlDocument parse them.
                return configured.Kind == ObjectKind.Settings ? DtdState.Off : DtdState.Parse;
            }

            var state = DtdState.Parse;
            foreach (var assignment in configured.Dtd)
            {
                var value = assignment.Value.WalkDownConversions().ConstantValue;
                var parses = ((IPropertyReferenceOperation)assignment.Target).Property.Name == "ProhibitDtd"
                    ? value is { HasValue: true, Value: bool prohibit } ? !prohibit : (bool?)null
                    : value is { HasValue: true, Value: int processing } ? processing == 2 : null;
                if (parses is null)
                {
                    return DtdState.Unknown;
                }

                if (parses == false)
                {
                    state = DtdState.Off;
                }
            }

            return state;
        }

        private ResolverKind ResolverOf(ConfiguredObject configured, out ISimpleAssignmentOperation? first, out string display)
        {
            first = null;
            display = "XmlUrlResolver";
            var kind = ResolverKind.Unknown;
            foreach (var assignment in configured.Resolver)
            {
                var assigned = _types.Resolvers.Classify(assignment.Value, _writes!, out var assignedDisplay);
                if (first is null)
                {
                    first = assignment;
                    kind = assigned;
                    display = assignedDisplay;
                }
                else if (assigned != kind)
                {
                    return ResolverKind.Unknown;
                }
            }

            return kind;
        }

        private string ResolvesText(string resolver)
            => "processes DTDs and resolves external entities with " + resolver;

        private string DefaultResolverText()
            => "processes DTDs (DtdProcessing.Parse) and resolves external entities with the XmlUrlResolver that " + _framework.Display + " uses by default";

        private string LegacyDefaultsText(bool dtdProcessingToo)
            => (dtdProcessingToo ? "processes DTDs and resolves" : "resolves") + " external entities by default on " + _framework.Display;

        private static long? LongConstant(IOperation value)
            => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: { } constant }
               && constant is int or long or short or byte or uint or ushort or sbyte
                ? Convert.ToInt64(constant, System.Globalization.CultureInfo.InvariantCulture)
                : null;

        private void Report(DiagnosticDescriptor rule, IOperation at, string? fix, IOperation? additional, string subject, string detail)
        {
            var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
            var additionalLocations = additional is null ? null : new[] { additional.Syntax.GetLocation() };
            _findings.Add(at, Diagnostic.Create(rule, at.Syntax.GetLocation(), additionalLocations, properties, subject, detail));
        }

        private ConfiguredObject ObjectFor(object key, ObjectKind kind, ITypeSymbol? type)
        {
            var root = Find(key);
            if (!_objects.TryGetValue(root, out var configured))
            {
                configured = new ConfiguredObject { Kind = kind, TypeName = (type?.Name is { Length: > 0 } name ? name : null) ?? KindName(kind) };
                _objects.Add(root, configured);
                _order.Add(configured);
            }
            else if (key is IObjectCreationOperation && type?.Name is { Length: > 0 } createdName)
            {
                configured.TypeName = createdName; // the created type is the most precise name
            }

            return configured;
        }

        private static string KindName(ObjectKind kind) => kind switch
        {
            ObjectKind.Settings => "XmlReaderSettings",
            ObjectKind.TextReader => "XmlTextReader",
            _ => "XmlDocument",
        };

        /// <summary>The object an expression stands for: a local, parameter, field or property of this instance, or a creation.</summary>
        private static object? KeyOf(IOperation? operation)
        {
            switch (operation?.WalkDownConversions())
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty && property.Instance is null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return property.Property;
                case IObjectCreationOperation creation:
                    return creation;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                    for (var current = receiver.Parent; current is not null; current = current.Parent)
                    {
                        if (current is IObjectOrCollectionInitializerOperation initializer)
                        {
                            return initializer.Parent as IObjectCreationOperation;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private object Find(object key)
        {
            while (_parent.TryGetValue(key, out var parent))
            {
                key = parent;
            }

            return key;
        }

        private void Union(object a, object b)
        {
            var rootA = Find(a);
            var rootB = Find(b);
            if (!KeyComparer.Instance.Equals(rootA, rootB))
            {
                _parent[rootB] = rootA;
            }
        }
    }
}
