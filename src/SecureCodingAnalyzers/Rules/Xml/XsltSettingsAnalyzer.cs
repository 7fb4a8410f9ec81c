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
/// that enable the <c>document()</c> function while a resolving <c>XmlResolver</c> (<c>XmlUrlResolver</c>) is passed.
/// The settings are read from the argument: the static properties, a creation with its constructor arguments and
/// initializer, or a local holding one, with the property assignments made to that local in the same body. Scripts
/// are reported on every framework: .NET (Core) refuses to compile script blocks, but code that enables them is meant
/// for, or shared with, .NET Framework, where they run with the process's rights.
/// Not reported: <c>XsltSettings.Default</c>, null settings, <c>new XsltSettings()</c>, <c>document()</c> with a null
/// or non-resolving resolver, settings or resolvers the code does not show (parameters, fields, calls), the obsolete
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
            var transform = start.Compilation.GetTypeByMetadataName("System.Xml.Xsl.XslCompiledTransform");
            var settings = start.Compilation.GetTypeByMetadataName("System.Xml.Xsl.XsltSettings");
            if (transform is null || settings is null)
            {
                return;
            }

            var resolvers = new XmlResolvers(start.Compilation);
            start.RegisterOperationAction(c => Analyze(c, transform, settings, resolvers), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol transform, INamedTypeSymbol settingsType, XmlResolvers resolvers)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Load" || !invocation.TargetMethod.ContainingType.IsOrDerivesFrom(transform))
        {
            return;
        }

        IArgumentOperation? settingsArgument = null;
        IArgumentOperation? resolverArgument = null;
        foreach (var argument in invocation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, settingsType))
            {
                settingsArgument = argument;
            }
            else if (argument.Parameter?.Type is { } type && type.IsOrDerivesFrom(resolvers.Resolver))
            {
                resolverArgument = argument;
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
        if (features.Script == true)
        {
            detail = features.Trusted
                ? "XsltSettings.TrustedXslt, which runs the stylesheet's embedded script blocks and enables document()"
                : "embedded script blocks enabled (EnableScript)";
        }
        else if (features.Document == true && resolverArgument is not null
                 && resolvers.Classify(resolverArgument.Value, Writes(), out var resolver) == ResolverKind.Resolving)
        {
            detail = "the document() function enabled and " + resolver + ", which reads any file or URL the stylesheet names";
        }

        if (detail is null)
        {
            return;
        }

        var properties = value is IPropertyReferenceOperation or IObjectCreationOperation
            ? ImmutableDictionary<string, string?>.Empty.Add(ReplaceableProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.UnsafeXslt, settingsArgument.Value.Syntax.GetLocation(), properties, transform.Name + ".Load", detail));
    }

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
