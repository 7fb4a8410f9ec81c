using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Rules.Deserialization;

/// <summary>
/// SCR3002: Json.NET <c>TypeNameHandling</c> other than <c>None</c> without an allow-list binder.
/// <list type="bullet">
/// <item>On a <c>JsonSerializerSettings</c> or <c>JsonSerializer</c>: a constant other than <c>None</c> assigned in an
/// object initializer or through a local, or through a member of a lambda parameter (the
/// <c>AddNewtonsoftJson(o =&gt; o.SerializerSettings...)</c> callbacks), when the same code sets no restrictive
/// <c>SerializationBinder</c>/<c>Binder</c> on the same object. <c>DefaultSerializationBinder</c> and subclasses that
/// do not override <c>BindToType</c> are not restrictive; any other binder (a user type, or one the code cannot see
/// the type of) is. Not reported where the binder may be set where the code cannot see: settings received as a method
/// parameter or held in a field and configured in a method, and settings passed to a method of the compilation
/// (which may set the binder). Serialization only is not reported: settings or serializers used only to serialize
/// (<c>SerializeObject</c>, <c>Serialize</c>) write type names, they do not read them.</item>
/// <item>On <c>[JsonProperty(TypeNameHandling/ItemTypeNameHandling = ...)]</c> and
/// <c>[JsonObject/JsonArray/JsonDictionary(ItemTypeNameHandling = ...)]</c>: only where the values can be of an open
/// type (<c>object</c>, <c>dynamic</c>, a type parameter, or a non-sealed type from a referenced assembly such as
/// <c>IEnumerable</c> or <c>Exception</c>). Json.NET checks that a <c>$type</c> is assignable to the declared type,
/// and no gadget derives from the application's own types, so a member of an own base type is safe.</item>
/// </list>
/// Reported at the <c>TypeNameHandling</c> value, which the fix replaces with <c>TypeNameHandling.None</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NewtonsoftTypeNameHandlingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Catalog.Rules.NewtonsoftTypeNameHandling);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new KnownTypes(start.Compilation);
            if (types.TypeNameHandling is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            if (types.BinderInterface is not null)
            {
                var type = start.Compilation.ResolveType("System.Type");
                var assembly = start.Compilation.ResolveType("System.Reflection.Assembly");
                start.RegisterOperationBlockAction(c => AnalyzeBinder(c, types, type, assembly));
            }
            if (types.PropertyAttribute is not null || types.ContainerAttribute is not null)
            {
                start.RegisterSymbolAction(c => AnalyzeAttributes(c, types), SymbolKind.Property, SymbolKind.Field, SymbolKind.NamedType);
            }
        });
    }

    // ---- settings and serializers ----

    private static void AnalyzeAssignment(OperationAnalysisContext context, KnownTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "TypeNameHandling" } target
            || !types.IsSettingsOrSerializer(target.Property.ContainingType)
            || HandlingOf(assignment.Value) is not { } handling)
        {
            return;
        }

        var owner = Owner.Of(target.Instance);
        if (owner is null)
        {
            return;
        }

        var root = assignment.Root();
        if (owner.SetsRestrictiveBinder(root, types) || owner.EscapesOrOnlySerializes(root) || owner.IsPrivateFieldOnlySerialized(context.CancellationToken))
        {
            return;
        }

        Report(context, assignment.Value.Syntax.GetLocation(), DeserializationNames.Member(context.ContainingSymbol), "TypeNameHandling." + handling + " without an allow-list binder");
    }

    /// <summary>The enum member name of a constant other than <c>None</c>, or null.</summary>
    private static string? HandlingOf(IOperation value)
    {
        value = value.WalkDownConversions();
        if (value.ConstantValue is not { HasValue: true, Value: int constant } || constant == 0)
        {
            return null;
        }

        return constant switch
        {
            1 => "Objects",
            2 => "Arrays",
            3 => "All",
            4 => "Auto",
            _ => constant.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static void Report(OperationAnalysisContext context, Location location, string where, string what)
        => context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.NewtonsoftTypeNameHandling, location, where, what));

    // ---- binders ----

    /// <summary>
    /// A Json.NET binder (<c>ISerializationBinder</c>, or a <c>DefaultSerializationBinder</c> subclass) whose
    /// <c>BindToType</c> resolves the name it is given (<c>Type.GetType</c>, <c>Assembly.GetType</c>, or the default
    /// binder's <c>BindToType</c>) without checking it anywhere (<see cref="NameLookupCheck"/>, with prefix checks
    /// counted: a namespace prefix limits a full type name to the application's types). Such a binder is reported here,
    /// where it resolves any name; the settings that use it count it as a binder (their code cannot see its body).
    /// </summary>
    private static void AnalyzeBinder(OperationBlockAnalysisContext context, KnownTypes types, INamedTypeSymbol? type, INamedTypeSymbol? assembly)
    {
        if (context.OwningSymbol is not IMethodSymbol { Name: "BindToType" or "Newtonsoft.Json.Serialization.ISerializationBinder.BindToType", Parameters.Length: 2 } method
            || !types.IsJsonBinder(method))
        {
            return;
        }

        bool IsName(IOperation operation) => operation is IParameterReferenceOperation { Parameter.Ordinal: 0 or 1 } reference
                                             && SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method);
        bool IsDefaultBinding(IInvocationOperation invocation) => invocation.TargetMethod.Name == "BindToType" && types.IsDefaultBinder(invocation.TargetMethod.ContainingType);
        foreach (var root in context.OperationBlocks)
        {
            if (NameLookupCheck.FindUncheckedLookup(root, IsName, type, assembly, IsDefaultBinding, prefixIsCheck: true) is { } lookup)
            {
                var what = lookup.TargetMethod.ContainingType.Name + "." + lookup.TargetMethod.Name + " of any type name in the binder";
                context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.NewtonsoftTypeNameHandling, lookup.Syntax.GetLocation(), DeserializationNames.Member(method), what));
                return;
            }
        }
    }

    /// <summary>The object whose <c>TypeNameHandling</c> is set, as far as the code shows it.</summary>
    private sealed class Owner
    {
        private Owner(IObjectOrCollectionInitializerOperation? initializer, ILocalSymbol? local, IOperation? chain)
        {
            Initializer = initializer;
            Local = local;
            Chain = chain;
        }

        /// <summary>The object initializer the property is set in (<c>new JsonSerializerSettings { ... }</c>).</summary>
        public IObjectOrCollectionInitializerOperation? Initializer { get; }

        /// <summary>The local holding the object.</summary>
        public ILocalSymbol? Local { get; }

        /// <summary>A member chain rooted at a lambda parameter (<c>o.SerializerSettings</c>).</summary>
        public IOperation? Chain { get; }

        public static Owner? Of(IOperation? instance)
        {
            switch (instance)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                    for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IObjectOrCollectionInitializerOperation initializer)
                        {
                            // The creation's own local, if it is stored in one.
                            var local = initializer.Parent is IObjectCreationOperation creation
                                        && creation.WalkUpConversions(out _) is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                                ? declarator.Symbol
                                : null;
                            return new Owner(initializer, local, null);
                        }
                    }

                    return null;
                case ILocalReferenceOperation local:
                    return new Owner(LocalInitializer(local.Local, local), local.Local, null);
                case IMemberReferenceOperation member when RootParameter(member) is { } parameter && IsCallbackParameter(parameter):
                    return new Owner(null, null, member);
                case IParameterReferenceOperation parameter when IsCallbackParameter(parameter.Parameter):
                    return new Owner(null, null, parameter);
                default:
                    // Parameters of methods, fields, properties of this: the binder may be set where this code does not show.
                    return null;
            }
        }

        /// <summary>
        /// A parameter of a configuration callback: a lambda (<c>AddNewtonsoftJson(o =&gt; ...)</c>), or the options
        /// parameter of <c>IConfigureOptions&lt;T&gt;.Configure</c>, <c>IConfigureNamedOptions&lt;T&gt;.Configure</c> or
        /// <c>IPostConfigureOptions&lt;T&gt;.PostConfigure</c> (the class form of the same callback).
        /// </summary>
        private static bool IsCallbackParameter(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            if (method.MethodKind == MethodKind.AnonymousFunction)
            {
                return true;
            }

            if (method.Name is not ("Configure" or "PostConfigure") || parameter.Ordinal != method.Parameters.Length - 1)
            {
                return false;
            }

            foreach (var implemented in method.ContainingType.AllInterfaces)
            {
                if (implemented.Name is not ("IConfigureOptions" or "IConfigureNamedOptions" or "IPostConfigureOptions")
                    || implemented.ContainingNamespace?.ToDisplayString() != "Microsoft.Extensions.Options")
                {
                    continue;
                }

                foreach (var member in implemented.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True when the settings are created in the initializer of a private field that every use in its type (read
        /// in the type's source) passes to a serializing call: <c>JsonConvert.SerializeObject(value, Settings)</c>,
        /// <c>JsonSerializer.Create(Settings).Serialize(...)</c>. Read from syntax (the operations of other members are
        /// not available to an operation action); any use it does not recognize counts as a read, so the finding stays.
        /// </summary>
        public bool IsPrivateFieldOnlySerialized(System.Threading.CancellationToken cancellationToken)
        {
            if (Local is not null
                || Initializer?.Parent is not IObjectCreationOperation creation
                || creation.WalkUpConversions(out _) is not IFieldInitializerOperation { InitializedFields: { Length: 1 } fields }
                || fields[0] is not { DeclaredAccessibility: Accessibility.Private } field)
            {
                return false;
            }

            var serializing = 0;
            foreach (var declaration in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var node in declaration.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name)
                    {
                        continue;
                    }

                    ExpressionSyntax use = identifier;
                    if (use.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == use)
                    {
                        use = qualified;
                    }

                    // A member of the settings (Settings.Converters.Add(...)) is not a use of the object.
                    if (use.Parent is MemberAccessExpressionSyntax member && member.Expression == use)
                    {
                        continue;
                    }

                    if (!IsSerializingArgument(use))
                    {
                        return false;
                    }

                    serializing++;
                }
            }

            return serializing > 0;
        }

        private static bool IsSerializingArgument(ExpressionSyntax use)
        {
            if (use.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } })
            {
                return false;
            }

            var name = InvokedName(call);
            if (name.StartsWith("Serialize", System.StringComparison.Ordinal))
            {
                return true;
            }

            // JsonSerializer.Create(Settings).Serialize(writer, value)
            return name is "Create" or "CreateDefault"
                   && call.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } access
                   && access.Expression == call
                   && InvokedName(outer).StartsWith("Serialize", System.StringComparison.Ordinal);
        }

        private static string InvokedName(InvocationExpressionSyntax call) => call.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };

        /// <summary>True when the code sets an allow-list binder on the same object.</summary>
        public bool SetsRestrictiveBinder(IOperation root, KnownTypes types)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "SerializationBinder" or "Binder" } binder } assignment
                    && types.IsSettingsOrSerializer(binder.Property.ContainingType)
                    && IsSameObject(binder.Instance)
                    && types.IsRestrictive(assignment.Value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the object is passed to a method of the compilation (which may configure it), or used only to
        /// serialize.
        /// </summary>
        public bool EscapesOrOnlySerializes(IOperation root)
        {
            if (Chain is not null)
            {
                return false;
            }

            var reads = 0;
            var serializing = 0;
            if (Initializer?.Parent is IObjectCreationOperation creation && Local is null)
            {
                reads++;
                switch (Classify(creation))
                {
                    case Use.Escapes:
                        return true;
                    case Use.Serializes:
                        serializing++;
                        break;
                }
            }

            if (Local is not null)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    if (operation is not ILocalReferenceOperation reference
                        || !SymbolEqualityComparer.Default.Equals(reference.Local, Local))
                    {
                        continue;
                    }

                    // Writing the local, or using one of its members (settings.Converters.Add(...)), is not a use of the object.
                    if (reference.Parent is IVariableDeclaratorOperation
                        || (reference.Parent is ISimpleAssignmentOperation write && write.Target == reference)
                        || (reference.Parent is IMemberReferenceOperation member && member.Instance == reference))
                    {
                        continue;
                    }

                    reads++;
                    switch (Classify(reference))
                    {
                        case Use.Escapes:
                            return true;
                        case Use.Serializes:
                            serializing++;
                            break;
                    }
                }
            }

            return reads > 0 && reads == serializing;
        }

        private enum Use
        {
            Other,
            Escapes,
            Serializes,
        }

        private static Use Classify(IOperation value)
        {
            var parent = value.WalkUpConversions(out _);
            if (parent is IArgumentOperation { Parent: var call })
            {
                var method = call switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IObjectCreationOperation created => created.Constructor,
                    _ => null,
                };
                if (method is null)
                {
                    return Use.Other;
                }

                if (method.DeclaringSyntaxReferences.Length > 0)
                {
                    return Use.Escapes;
                }

                return method.Name.StartsWith("Serialize", System.StringComparison.Ordinal) ? Use.Serializes : Use.Other;
            }

            // serializer.Serialize(writer, value)
            if (parent is IInvocationOperation { TargetMethod.Name: "Serialize", Instance: not null })
            {
                return Use.Serializes;
            }

            return Use.Other;
        }

        private bool IsSameObject(IOperation? instance)
        {
            switch (instance)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver when Initializer is not null:
                    for (var parent = receiver.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IObjectOrCollectionInitializerOperation initializer)
                        {
                            return initializer == Initializer;
                        }
                    }

                    return false;
                case ILocalReferenceOperation local when Local is not null:
                    return SymbolEqualityComparer.Default.Equals(local.Local, Local);
                default:
                    return Chain is not null && instance is not null && SameChain(instance, Chain);
            }
        }

        private static bool SameChain(IOperation a, IOperation b)
        {
            switch (a, b)
            {
                case (IMemberReferenceOperation x, IMemberReferenceOperation y):
                    return SymbolEqualityComparer.Default.Equals(x.Member, y.Member)
                           && (x.Instance is null ? y.Instance is null : y.Instance is not null && SameChain(x.Instance, y.Instance));
                case (IParameterReferenceOperation x, IParameterReferenceOperation y):
                    return SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter);
                case (ILocalReferenceOperation x, ILocalReferenceOperation y):
                    return SymbolEqualityComparer.Default.Equals(x.Local, y.Local);
                default:
                    return false;
            }
        }

        private static IParameterSymbol? RootParameter(IMemberReferenceOperation member)
        {
            IOperation? current = member;
            while (current is IMemberReferenceOperation reference)
            {
                current = reference.Instance;
            }

            return (current as IParameterReferenceOperation)?.Parameter;
        }

        /// <summary>The object initializer of the creation that initializes <paramref name="local"/> where it is declared.</summary>
        private static IObjectOrCollectionInitializerOperation? LocalInitializer(ILocalSymbol local, IOperation anywhere)
        {
            foreach (var operation in anywhere.Root().DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation declarator
                    && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                    && declarator.Initializer?.Value.WalkDownConversions() is IObjectCreationOperation { Initializer: { } initializer })
                {
                    return initializer;
                }
            }

            return null;
        }
    }

    // ---- attributes ----

    private static void AnalyzeAttributes(SymbolAnalysisContext context, KnownTypes types)
    {
        var symbol = context.Symbol;
        foreach (var attribute in symbol.GetAttributes())
        {
            var isProperty = attribute.AttributeClass.IsOrDerivesFrom(types.PropertyAttribute);
            var isContainer = !isProperty && attribute.AttributeClass.IsOrDerivesFrom(types.ContainerAttribute);
            if (!isProperty && !isContainer)
            {
                continue;
            }

            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key is not ("TypeNameHandling" or "ItemTypeNameHandling")
                    || argument.Value.Value is not int constant
                    || constant == 0
                    || !HasOpenValues(symbol, isContainer))
                {
                    continue;
                }

                var location = NamedArgumentLocation(attribute, argument.Key) ?? symbol.Locations[0];
                var where = "[" + ShortAttributeName(attribute.AttributeClass!) + "] on " + DeserializationNames.Member(symbol);
                context.ReportDiagnostic(Diagnostic.Create(Catalog.Rules.NewtonsoftTypeNameHandling, location, where, "TypeNameHandling." + HandlingName(constant) + " on a member of an open type"));
            }
        }
    }

    private static string HandlingName(int constant) => constant switch
    {
        1 => "Objects",
        2 => "Arrays",
        3 => "All",
        4 => "Auto",
        _ => constant.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string ShortAttributeName(INamedTypeSymbol attribute)
        => attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;

    private static Location? NamedArgumentLocation(AttributeData attribute, string name)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax { ArgumentList: { } arguments })
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument.Expression.GetLocation();
                }
            }
        }

        return null;
    }

    /// <summary>True when the values the attribute governs can be of a type a gadget derives from.</summary>
    private static bool HasOpenValues(ISymbol symbol, bool container)
    {
        switch (symbol)
        {
            case IPropertySymbol property:
                return IsOpen(property.Type, 0);
            case IFieldSymbol field:
                return IsOpen(field.Type, 0);
            case INamedTypeSymbol type when container:
                // A collection's items (by IEnumerable<T>; a non-generic collection holds objects), or the members of an object.
                var collection = false;
                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.Name != "IEnumerable" || implemented.ContainingNamespace?.ToDisplayString() is not ("System.Collections" or "System.Collections.Generic"))
                    {
                        continue;
                    }

                    if (implemented.IsGenericType)
                    {
                        return IsOpen(implemented.TypeArguments[0], 0);
                    }

                    collection = true;
                }

                if (collection)
                {
                    return true;
                }

                foreach (var member in type.GetMembers())
                {
                    if (!member.IsStatic && member is IPropertySymbol { IsIndexer: false } p && IsOpen(p.Type, 0)
                        || !member.IsStatic && member is IFieldSymbol { IsImplicitlyDeclared: false } f && IsOpen(f.Type, 0))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>object</c>, <c>dynamic</c>, type parameters, and non-sealed classes and interfaces from referenced assemblies
    /// (gadgets derive from those); collections by their element types. Types declared in the compilation, value types,
    /// strings and sealed types are closed.
    /// </summary>
    private static bool IsOpen(ITypeSymbol type, int depth)
    {
        if (depth > 3)
        {
            return false;
        }

        switch (type.TypeKind)
        {
            case TypeKind.Dynamic:
            case TypeKind.TypeParameter:
                return true;
            case TypeKind.Array:
                return IsOpen(((IArrayTypeSymbol)type).ElementType, depth + 1);
            case TypeKind.Error:
            case TypeKind.Enum:
            case TypeKind.Struct when type is not INamedTypeSymbol { IsGenericType: true }:
                return false;
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named || type.IsValueType || type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        if (named.IsGenericType)
        {
            foreach (var argument in named.TypeArguments)
            {
                if (IsOpen(argument, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        if (named.DeclaringSyntaxReferences.Length > 0 || named.IsSealed || named.IsValueType)
        {
            return false;
        }

        return true;
    }

    private sealed class KnownTypes
    {
        private readonly INamedTypeSymbol? _settings;
        private readonly INamedTypeSymbol? _serializer;
        private readonly INamedTypeSymbol? _defaultBinder;

        public KnownTypes(Compilation compilation)
        {
            TypeNameHandling = compilation.ResolveType("Newtonsoft.Json.TypeNameHandling");
            _settings = compilation.ResolveType("Newtonsoft.Json.JsonSerializerSettings");
            _serializer = compilation.ResolveType("Newtonsoft.Json.JsonSerializer");
            _defaultBinder = compilation.ResolveType("Newtonsoft.Json.Serialization.DefaultSerializationBinder");
            BinderInterface = compilation.ResolveType("Newtonsoft.Json.Serialization.ISerializationBinder");
            PropertyAttribute = compilation.ResolveType("Newtonsoft.Json.JsonPropertyAttribute");
            ContainerAttribute = compilation.ResolveType("Newtonsoft.Json.JsonContainerAttribute");
        }

        public INamedTypeSymbol? TypeNameHandling { get; }

        public INamedTypeSymbol? PropertyAttribute { get; }

        public INamedTypeSymbol? ContainerAttribute { get; }

        public INamedTypeSymbol? BinderInterface { get; }

        public bool IsDefaultBinder(ITypeSymbol? type) => _defaultBinder is not null && type.IsOrDerivesFrom(_defaultBinder);

        /// <summary>True for <c>BindToType</c> of a type that implements <c>ISerializationBinder</c> or derives from <c>DefaultSerializationBinder</c>.</summary>
        public bool IsJsonBinder(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type is null || SymbolEqualityComparer.Default.Equals(type, _defaultBinder))
            {
                return false;
            }

            if (IsDefaultBinder(type))
            {
                return method.IsOverride;
            }

            if (BinderInterface is null)
            {
                return false;
            }

            foreach (var member in BinderInterface.GetMembers("BindToType"))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsSettingsOrSerializer(ITypeSymbol? type)
            => type.IsOrDerivesFrom(_settings) || type.IsOrDerivesFrom(_serializer);

        /// <summary>
        /// False for <c>null</c>, <c>DefaultSerializationBinder</c> and its subclasses that do not override
        /// <c>BindToType</c>; true for any other binder, including one whose type the code does not show.
        /// </summary>
        public bool IsRestrictive(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation)
            {
                return false;
            }

            if (value.Type is not INamedTypeSymbol type || _defaultBinder is null || !type.IsOrDerivesFrom(_defaultBinder))
            {
                return true;
            }

            for (var current = type; current is not null && !SymbolEqualityComparer.Default.Equals(current, _defaultBinder); current = current.BaseType)
            {
                foreach (var member in current.GetMembers("BindToType"))
                {
                    if (member is IMethodSymbol { IsOverride: true })
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
