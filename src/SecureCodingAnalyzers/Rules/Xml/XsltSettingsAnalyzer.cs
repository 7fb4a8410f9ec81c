using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Xml;

/// <summary>
/// SCR3013: <c>XslCompiledTransform.Load</c> with <c>XsltSettings</c> that enable embedded scripts
/// (<c>XsltSettings.TrustedXslt</c>, <c>new XsltSettings(_, enableScript: true)</c>, <c>EnableScript = true</c>), or
/// that enable the <c>document()</c> function while the same transform, in the same body, is run with a resolving
/// <c>documentResolver</c> (<c>Transform(..., new XmlUrlResolver())</c>): <c>document()</c> is resolved at transform time,
/// by that resolver; the resolver passed to <c>Load</c> serves <c>xsl:include</c>/<c>xsl:import</c>, which
/// <c>Load(path)</c> resolves by default too.
/// The settings are read from the argument: the static properties, a creation with its constructor arguments and
/// initializer, or a local holding one, with the property assignments made to that local in the same body. Scripts
/// are reported on every framework: .NET (Core) refuses to compile script blocks, but code that enables them is meant
/// for, or shared with, .NET Framework, where they run with the process's rights.
/// On .NET Framework targets a <c>Transform</c> overload without a resolver counts as resolving (its default is an
/// <c>XmlUrlResolver</c>); on .NET (Core) it resolves nothing unless the <c>AllowDefaultResolver</c> switch is set.
/// Not reported: <c>XsltSettings.Default</c>, null settings, <c>new XsltSettings()</c>, <c>document()</c> when no
/// <c>Transform</c> on the same transform in the body resolves, a transform loaded and run in different methods, settings or resolvers the code does not show (parameters, fields, calls), the obsolete
/// <c>XslTransform</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class XsltSettingsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property present when the settings argument can be replaced with <c>XsltSettings.Default</c>.</summary>
    public const string ReplaceableProperty = "Replaceable";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.UnsafeXslt);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var transform = start.Compilation.ResolveType("System.Xml.Xsl.XslCompiledTransform");
            var settings = start.Compilation.ResolveType("System.Xml.Xsl.XsltSettings");
            if (transform is null || settings is null)
            {
                return;
            }

            var resolvers = new XmlResolvers(start.Compilation);
            var compilation = start.Compilation;
            var options = start.Options;
            var framework = new System.Lazy<XmlFrameworkDefaults>(() => XmlFrameworkDefaults.Read(compilation, options));
            start.RegisterOperationAction(c => Analyze(c, transform, settings, resolvers, framework), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol transform, INamedTypeSymbol settingsType, XmlResolvers resolvers, System.Lazy<XmlFrameworkDefaults> framework)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Load" || !invocation.TargetMethod.ContainingType.IsOrDerivesFrom(transform))
        {
            return;
        }

        IArgumentOperation? settingsArgument = null;
        foreach (var argument in invocation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, settingsType))
            {
                settingsArgument = argument;
            }
        }

        if (settingsArgument is null || settingsArgument.IsImplicit)
        {
            return;
        }

        LocalWrites? writes = null;
        LocalWrites Writes() => writes ??= new LocalWrites(invocation.Root().DescendantsAndSelf());

        var value = settingsArgument.Value.WalkDownConversions();
        var features = Features.Of(value, settingsType, Writes, invocation);
        string? detail = null;
        Location[]? additional = null;
        if (features.Script == true)
        {
            detail = features.Trusted
                ? "XsltSettings.TrustedXslt, which runs the stylesheet's embedded script blocks and enables document()"
                : "embedded script blocks enabled (EnableScript)";
        }
        else if (features.Document == true
                 && ResolvingTransformResolver(invocation, transform, resolvers, Writes(), framework) is { } transformResolver)
        {
            detail = "the document() function enabled and " + transformResolver.Display + ", which reads any file or URL the stylesheet names";
            additional = new[] { transformResolver.Argument.Syntax.GetLocation() };
        }

        if (detail is null)
        {
            return;
        }

        var properties = value is IPropertyReferenceOperation or IObjectCreationOperation
            ? ImmutableDictionary<string, string?>.Empty.Add(ReplaceableProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.UnsafeXslt, settingsArgument.Value.Syntax.GetLocation(), additional, properties, transform.Name + ".Load", detail));
    }

    /// <summary>
    /// The first resolving <c>documentResolver</c> passed to <c>Transform</c> on the transform that
    /// <paramref name="load"/> loads (the same local, parameter or field, in the same body). <c>document()</c> is resolved
    /// at transform time by that resolver; the one passed to <c>Load</c> serves <c>xsl:include</c>/<c>xsl:import</c> only.
    /// </summary>
    private static (IOperation Argument, string Display)? ResolvingTransformResolver(IInvocationOperation load, INamedTypeSymbol transform, XmlResolvers resolvers, LocalWrites writes, System.Lazy<XmlFrameworkDefaults> framework)
    {
        if (ReceiverOf(load) is not { } receiver)
        {
            return null;
        }

        foreach (var operation in load.Root().DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation { TargetMethod.Name: "Transform" } call
                || !call.TargetMethod.ContainingType.IsOrDerivesFrom(transform)
                || !SymbolEqualityComparer.Default.Equals(ReceiverOf(call), receiver))
            {
                continue;
            }

            var hasResolverParameter = false;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Type is { } type && type.IsOrDerivesFrom(resolvers.Resolver))
                {
                    hasResolverParameter = true;
                    if (!argument.IsImplicit && resolvers.Classify(argument.Value, writes, out var display) == ResolverKind.Resolving)
                    {
                        return (argument.Value, display + " passed to Transform");
                    }
                }
            }

            // .NET Framework's overloads without a resolver use an XmlUrlResolver (unless prohibited in the machine
            // or application configuration); .NET (Core) uses none unless the AllowDefaultResolver switch is set.
            if (!hasResolverParameter && framework.Value.IsNetFramework)
            {
                return (call, "the XmlUrlResolver that .NET Framework's Transform uses by default");
            }
        }

        return null;
    }

    private static ISymbol? ReceiverOf(IInvocationOperation invocation)
        => invocation.Instance?.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property,
            _ => null,
        };

    /// <summary>What a settings value enables: true, false, or null when the code does not show it.</summary>
    private readonly struct Features
    {
        private Features(bool? document, bool? script, bool trusted)
        {
            Document = document;
            Script = script;
            Trusted = trusted;
        }

        public bool? Document { get; }

        public bool? Script { get; }

        public bool Trusted { get; }

        private static Features None => new(false, false, false);

        private static Features Unknown => new(null, null, false);

        public static Features Of(IOperation value, INamedTypeSymbol settingsType, System.Func<LocalWrites> writes, IOperation site)
        {
            switch (value)
            {
                case { ConstantValue: { HasValue: true, Value: null } }:
                case IDefaultValueOperation:
                    return None;

                case IPropertyReferenceOperation { Property: { IsStatic: true } property } when SymbolEqualityComparer.Default.Equals(property.ContainingType, settingsType):
                    return property.Name switch
                    {
                        "TrustedXslt" => new Features(true, true, trusted: true),
                        "Default" => None,
                        _ => Unknown,
                    };

                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, settingsType):
                    return FromCreation(creation, Enumerable.Empty<ISimpleAssignmentOperation>());

                case ILocalReferenceOperation local:
                    var written = writes().Of(local.Local);
                    if (written.Count != 1
                        || written[0].WalkDownConversions() is not IObjectCreationOperation created
                        || !SymbolEqualityComparer.Default.Equals(created.Type, settingsType))
                    {
                        return Unknown;
                    }

                    var assignments = site.Root().DescendantsAndSelf()
                        .OfType<ISimpleAssignmentOperation>()
                        .Where(a => a.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation target }
                                    && SymbolEqualityComparer.Default.Equals(target.Local, local.Local));
                    return FromCreation(created, assignments);

                default:
                    return Unknown;
            }
        }

        private static Features FromCreation(IObjectCreationOperation creation, IEnumerable<ISimpleAssignmentOperation> later)
        {
            var document = new List<bool?>();
            var script = new List<bool?>();
            foreach (var argument in creation.Arguments)
            {
                if (argument.IsImplicit)
                {
                    continue;
                }

                (argument.Parameter?.Name == "enableScript" ? script : document).Add(BoolConstant(argument.Value));
            }

            var initializerAssignments = creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>() ?? Enumerable.Empty<ISimpleAssignmentOperation>();
            foreach (var assignment in initializerAssignments.Concat(later))
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: var name })
                {
                    if (name == "EnableScript")
                    {
                        script.Add(BoolConstant(assignment.Value));
                    }
                    else if (name == "EnableDocumentFunction")
                    {
                        document.Add(BoolConstant(assignment.Value));
                    }
                }
            }

            return new Features(Combine(document), Combine(script), trusted: false);
        }

        private static bool? BoolConstant(IOperation value)
            => value.WalkDownConversions().ConstantValue is { HasValue: true, Value: bool flag } ? flag : null;

        /// <summary>False when nothing enables it, the value when all writes agree, null otherwise.</summary>
        private static bool? Combine(List<bool?> values)
        {
            if (values.Count == 0)
            {
                return false;
            }

            var first = values[0];
            return values.All(v => v == first) ? first : null;
        }
    }
}
