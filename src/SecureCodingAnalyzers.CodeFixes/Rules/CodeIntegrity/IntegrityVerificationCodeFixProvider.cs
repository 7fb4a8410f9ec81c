using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Dataflow;
using SecureCodingAnalyzers.Rules.CodeIntegrity;

namespace SecureCodingAnalyzers.CodeFixes.Rules.CodeIntegrity;

/// <summary>
/// SCR4001, SCR4002, SCR4003: the path or bytes a load or run API receives are wrapped in a check of a pinned SHA-256,
/// <c>Assembly.LoadFrom(file)</c> becoming <c>Assembly.LoadFrom(IntegrityVerification.VerifyFile(file, expectedSha256: ""))</c>
/// and <c>Assembly.Load(bytes)</c> becoming <c>Assembly.Load(IntegrityVerification.VerifyBytes(bytes, expectedSha256: ""))</c>.
/// The helper class is added to the project once, next to the fixed document and in its namespace, when the project
/// declares no type of that name (<see cref="IntegrityVerificationSource"/>); a project's own
/// <c>IntegrityVerification</c> with those <c>[IntegrityVerifier]</c> methods is used as it is. The developer supplies
/// only the digest: until then the helper throws, so the fixed code fails closed.
/// </summary>
/// <remarks>
/// <para>
/// Offered only where the finding is exactly the <c>string</c> path or <c>byte[]</c> argument of a code-loading or
/// program-starting API (<see cref="CodeLoadingSinks"/>), or the value assigned to <c>ProcessStartInfo.FileName</c>. Not
/// for streams (<c>LoadFromStream</c>), a MEF <c>DirectoryCatalog</c> (it loads a whole folder: no single file to pin),
/// or findings reported where a value is passed into a helper method (the sink is elsewhere).
/// </para>
/// <para>
/// The fix adds a document, which a document-level fix cannot do, so this fixer does not derive from
/// <see cref="SafeCodeFixProvider"/>: it edits the solution and goes through <see cref="SafeSolutionFix"/>, which gives
/// the same guarantee (never offered if the fixed document or the helper would not compile). Fix All is its own too:
/// per project, every fixable argument is wrapped and the helper added once, in one checked change; if that would not
/// compile, the wraps are added one at a time, each kept only if the result still compiles.
/// </para>
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IntegrityVerificationCodeFixProvider)), Shared]
public sealed class IntegrityVerificationCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "SCR4001-SCR4003.VerifyPinnedSha256";
    private const string FixAllTitle = "Verify a pinned SHA-256 before loading or starting code";
    private const string DirectoryCatalog = "System.ComponentModel.Composition.Hosting.DirectoryCatalog";

    private static readonly ImmutableArray<ApiSpec> Sinks = CodeLoadingSinks.Loads(SinkKind.None).AddRange(CodeLoadingSinks.Runs(SinkKind.None));

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        SecureCodingAnalyzers.Catalog.Rules.UnverifiedPluginLoading.Id,
        SecureCodingAnalyzers.Catalog.Rules.UntrustedCodeLoading.Id,
        SecureCodingAnalyzers.Catalog.Rules.DownloadedCodeExecution.Id);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await DocumentTargets.CreateAsync(context.Document, new[] { diagnostic }, context.CancellationToken).ConfigureAwait(false) is { } document
                && await FixAsync(context.Document.Project.Solution, new[] { document }, context.CancellationToken).ConfigureAwait(false) is { } solution)
            {
                var title = "Verify a pinned SHA-256 with " + IntegrityVerificationSource.TypeName + "." + document.Targets[0].Method;
                context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(solution), EquivalenceKey), diagnostic);
            }
        }
    }

    /// <summary>
    /// The solution with the targets of <paramref name="documents"/> (all of one project) wrapped and the helper added
    /// if the project has none; null when that cannot be done or would not compile.
    /// </summary>
    private static async Task<Solution?> FixAsync(Solution solution, IReadOnlyList<DocumentTargets> documents, CancellationToken cancellationToken)
    {
        var first = documents[0];
        var compilation = first.Model.Compilation;
        var needed = documents.SelectMany(d => d.Targets).Select(t => t.Method).Distinct().ToArray();
        var helper = ExistingHelper(compilation, first, needed);
        if (helper is null && compilation.GetSymbolsWithName(IntegrityVerificationSource.TypeName, SymbolFilter.Type, cancellationToken).Any())
        {
            // The project has a type of that name, without the methods the targets need: no second one.
            return null;
        }

        var helperName = helper?.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) ?? Qualified(first.Namespace, IntegrityVerificationSource.TypeName);
        var changed = solution;
        var touched = new List<DocumentId>();
        foreach (var document in documents)
        {
            var edits = document.Targets.Select(target => NodeEdit.ReplaceKeepingTrivia(
                target.Value,
                (ExpressionSyntax current) => Wrap(current, helperName, target.Method, helper?.DigestParameters[target.Method] ?? IntegrityVerificationSource.ExpectedSha256)));
            changed = changed.WithDocumentSyntaxRoot(document.Document.Id, NodeEdit.Apply(document.Root, edits));
            touched.Add(document.Document.Id);
        }

        if (helper is null)
        {
            if (await AddHelperAsync(changed, first, cancellationToken).ConfigureAwait(false) is not { } added)
            {
                return null;
            }

            changed = added.Project.Solution;
            touched.Add(added.Id);
        }

        return await SafeSolutionFix.TryApplyAsync(solution, changed, touched, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The project's own <c>IntegrityVerification</c> type when it has, accessible from the fixed code and marked
    /// <c>[IntegrityVerifier]</c>, every method the targets call (<c>string VerifyFile(string, string)</c>,
    /// <c>byte[] VerifyBytes(byte[], string)</c>), with the names of their digest parameters; one in the fixed code's
    /// namespace is preferred.
    /// </summary>
    private static (INamedTypeSymbol Type, Dictionary<string, string> DigestParameters)? ExistingHelper(Compilation compilation, DocumentTargets first, string[] needed)
    {
        var position = first.Targets[0].Value.SpanStart;
        var namespaceName = first.Namespace;
        foreach (var type in compilation.GetSymbolsWithName(IntegrityVerificationSource.TypeName, SymbolFilter.Type)
                     .OfType<INamedTypeSymbol>()
                     .OrderBy(type => type.ContainingNamespace.ToDisplayString() == namespaceName ? 0 : 1))
        {
            if (type.Arity != 0 || !first.Model.IsAccessible(position, type))
            {
                continue;
            }

            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in needed)
            {
                if (VerifierMethod(type, name, first.Model, position) is { } method)
                {
                    parameters[name] = method.Parameters[1].Name;
                }
            }

            if (parameters.Count == needed.Length)
            {
                return (type, parameters);
            }
        }

        return null;
    }

    private static IMethodSymbol? VerifierMethod(INamedTypeSymbol type, string name, SemanticModel model, int position)
        => type.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(method =>
            method.IsStatic
            && !method.IsGenericMethod
            && method.Parameters.Length == 2
            && method.Parameters.All(p => p.RefKind == RefKind.None)
            && method.Parameters[1].Type.SpecialType == SpecialType.System_String
            && (name == IntegrityVerificationSource.VerifyFile
                ? method.Parameters[0].Type.SpecialType == SpecialType.System_String && method.ReturnType.SpecialType == SpecialType.System_String
                : IsByteArray(method.Parameters[0].Type) && IsByteArray(method.ReturnType))
            && method.GetAttributes().Any(a => a.AttributeClass?.Name is IntegrityVerificationSource.AttributeName or "IntegrityVerifier")
            && model.IsAccessible(position, method));

    /// <summary><c>Helper.VerifyFile(value, expectedSha256: "")</c> (the digest parameter named as the helper names it).</summary>
    private static ExpressionSyntax Wrap(ExpressionSyntax value, string helperName, string method, string digestParameter)
    {
        var type = SyntaxFactory.ParseTypeName(helperName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        return SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, type, SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(value.WithoutTrivia()),
                SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty)))
                    .WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(digestParameter)))),
            })));
    }

    /// <summary>The helper as a new document next to <paramref name="first"/>'s, in the namespace of its first target.</summary>
    private static async Task<Document?> AddHelperAsync(Solution solution, DocumentTargets first, CancellationToken cancellationToken)
    {
        var project = solution.GetProject(first.Document.Project.Id)!;
        var compilation = first.Model.Compilation;
        var filePath = first.Document.FilePath is { } path ? path.Substring(0, path.LastIndexOfAny(PathSeparators) + 1) + IntegrityVerificationSource.FileName : null;
        if (project.Documents.Any(d => filePath is null
                ? d.Name == IntegrityVerificationSource.FileName && d.Folders.SequenceEqual(first.Document.Folders)
                : string.Equals(d.FilePath, filePath, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var text = await first.Document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var newLine = text.Lines.Count > 1 && text.Lines[0].EndIncludingLineBreak > text.Lines[0].End
            ? text.ToString(TextSpan.FromBounds(text.Lines[0].End, text.Lines[0].EndIncludingLineBreak))
            : Environment.NewLine;
        var fileScoped = first.Root is CompilationUnitSyntax unit && unit.Members.OfType<FileScopedNamespaceDeclarationSyntax>().Any();
        var source = IntegrityVerificationSource.Generate(first.Namespace, fileScoped, ExistingAttribute(compilation), HelperApis.Of(compilation), newLine);

        var id = DocumentId.CreateNewId(project.Id, IntegrityVerificationSource.FileName);
        solution = solution.AddDocument(id, IntegrityVerificationSource.FileName, SourceText.From(source, text.Encoding, text.ChecksumAlgorithm), first.Document.Folders, filePath);
        var added = solution.GetDocument(id)!;
        if (await added.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
        {
            return null;
        }

        // The imports are added here rather than in the common cleanup: ImportAdder ends the last using directive with
        // elastic trivia, which the formatter turns into a second blank line before a leading documentation comment
        // (the helper in the global namespace). A plain line break keeps the one blank line ImportAdder put there.
        added = await ImportAdder.AddImportsAsync(added.WithSyntaxRoot(IntegrityVerificationSource.Annotate(root)), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (await added.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax { Usings.Count: > 0 } withImports)
        {
            var last = withImports.Usings[withImports.Usings.Count - 1];
            added = added.WithSyntaxRoot(withImports.ReplaceNode(last, last.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))));
        }

        return added;
    }

    private static readonly char[] PathSeparators = { '/', '\\' };

    /// <summary>
    /// The fully qualified name of the project's own attribute class named <c>IntegrityVerifierAttribute</c>, for the
    /// helper to use instead of declaring one; null when there is none.
    /// </summary>
    private static string? ExistingAttribute(Compilation compilation)
        => compilation.GetSymbolsWithName(IntegrityVerificationSource.AttributeName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .FirstOrDefault(type => type.Arity == 0 && !type.IsAbstract && compilation.IsSymbolAccessibleWithin(type, compilation.Assembly) && DerivesFromAttribute(type))
            ?.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static bool DerivesFromAttribute(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "Attribute" && current.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    private static string Qualified(string namespaceName, string name) => "global::" + (namespaceName.Length == 0 ? name : namespaceName + "." + name);

    private static bool IsByteArray(ITypeSymbol type) => type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };

    /// <summary>A fixable finding: the value to wrap and the helper method that checks it.</summary>
    private sealed class Target
    {
        public Target(Diagnostic diagnostic, ExpressionSyntax value, string method)
        {
            Diagnostic = diagnostic;
            Value = value;
            Method = method;
        }

        public Diagnostic Diagnostic { get; }

        /// <summary>The argument's (or assigned) value, a node of the document's original root.</summary>
        public ExpressionSyntax Value { get; }

        /// <summary><see cref="IntegrityVerificationSource.VerifyFile"/> or <see cref="IntegrityVerificationSource.VerifyBytes"/>.</summary>
        public string Method { get; }
    }

    /// <summary>The fixable findings of one document, planned against its original root.</summary>
    private sealed class DocumentTargets
    {
        private DocumentTargets(Document document, SyntaxNode root, SemanticModel model, ImmutableArray<Target> targets)
        {
            Document = document;
            Root = root;
            Model = model;
            Targets = targets;
        }

        public Document Document { get; }

        public SyntaxNode Root { get; }

        public SemanticModel Model { get; }

        /// <summary>The targets, in document order, none twice.</summary>
        public ImmutableArray<Target> Targets { get; }

        /// <summary>The namespace of the first target's code (empty: the global namespace), as C# writes it.</summary>
        public string Namespace
        {
            get
            {
                var symbol = Model.GetEnclosingSymbol(Targets[0].Value.SpanStart);
                var ns = symbol as INamespaceSymbol ?? symbol?.ContainingNamespace;
                return ns is null || ns.IsGlobalNamespace
                    ? string.Empty
                    : ns.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length);
            }
        }

        public DocumentTargets With(ImmutableArray<Target> targets) => new(Document, Root, Model, targets);

        /// <summary>The fixable ones of <paramref name="diagnostics"/> in <paramref name="document"/>; null when none is.</summary>
        public static async Task<DocumentTargets?> CreateAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return null;
            }

            var sinks = new ApiSpecIndex(model.Compilation, Sinks);
            var targets = new List<Target>();
            var seen = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (Find(root, model, sinks, diagnostic, cancellationToken) is { } target && seen.Add(target.Value))
                {
                    targets.Add(target);
                }
            }

            return targets.Count == 0 ? null : new DocumentTargets(document, root, model, targets.ToImmutableArray());
        }

        /// <summary>
        /// The value to wrap when <paramref name="diagnostic"/> is exactly a sink argument (<c>name: value</c> or the
        /// value alone) or a sink property assignment (or its value).
        /// </summary>
        private static Target? Find(SyntaxNode root, SemanticModel model, ApiSpecIndex sinks, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var location = diagnostic.Location;
            if (!location.IsInSource || location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(location.SourceSpan))
            {
                return null;
            }

            var span = location.SourceSpan;
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            for (var current = node; current is not null && current.Span == span; current = current.Parent)
            {
                switch (current)
                {
                    case ArgumentSyntax argument:
                        return FromArgument(diagnostic, argument, model, sinks, cancellationToken);
                    case AssignmentExpressionSyntax assignment:
                        return FromAssignment(diagnostic, assignment, model, sinks, cancellationToken);
                }
            }

            return node is ExpressionSyntax { Span: var valueSpan } value && valueSpan == span
                ? value.Parent switch
                {
                    ArgumentSyntax argument when argument.Expression == value => FromArgument(diagnostic, argument, model, sinks, cancellationToken),
                    AssignmentExpressionSyntax assignment when assignment.Right == value => FromAssignment(diagnostic, assignment, model, sinks, cancellationToken),
                    _ => null,
                }
                : null;
        }

        private static Target? FromArgument(Diagnostic diagnostic, ArgumentSyntax argument, SemanticModel model, ApiSpecIndex sinks, CancellationToken cancellationToken)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None)
                || model.GetOperation(argument, cancellationToken) is not IArgumentOperation { ArgumentKind: ArgumentKind.Explicit, Parameter: { } parameter } operation
                || MethodFor(parameter.Type) is not { } method)
            {
                return null;
            }

            var (member, receiver) = operation.Parent switch
            {
                IInvocationOperation invocation => ((ISymbol?)invocation.TargetMethod, invocation.Instance?.Type),
                IObjectCreationOperation creation => (creation.Constructor, null),
                _ => (null, null),
            };
            // The command line of a code host (msiexec /i "update.msi") names the file; it is not the path to verify.
            return member is not null && parameter.Name != CodeLoadingSinks.HostedFile && IsSink(sinks, member, receiver, spec => spec.Names(parameter))
                ? new Target(diagnostic, argument.Expression, method)
                : null;
        }

        private static Target? FromAssignment(Diagnostic diagnostic, AssignmentExpressionSyntax assignment, SemanticModel model, ApiSpecIndex sinks, CancellationToken cancellationToken)
            => assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
               && model.GetOperation(assignment, cancellationToken) is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } target }
               && property.Type.SpecialType == SpecialType.System_String
               && IsSink(sinks, property, target.Instance?.Type, spec => spec.Names(ApiSpec.Value))
                ? new Target(diagnostic, assignment.Right, IntegrityVerificationSource.VerifyFile)
                : null;

        private static bool IsSink(ApiSpecIndex sinks, ISymbol member, ITypeSymbol? receiver, Func<ApiSpec, bool> names)
        {
            var specs = new List<ApiSpec>();
            sinks.Find(member, specs, receiver);
            return specs.Any(spec => spec.Role == ApiRole.Sink && spec.Itself is null && spec.Type != DirectoryCatalog && names(spec));
        }

        private static string? MethodFor(ITypeSymbol type)
            => type.SpecialType == SpecialType.System_String ? IntegrityVerificationSource.VerifyFile
                : IsByteArray(type) ? IntegrityVerificationSource.VerifyBytes
                : null;
    }

    /// <summary>
    /// Fix All: per project, every fixable finding of the scope in one change that adds the helper once (checked as a
    /// whole; if it would not compile, the wraps one at a time in document order, each kept only if the result still
    /// compiles).
    /// </summary>
    private sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
            => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            => Task.FromResult<CodeAction?>(CodeAction.Create(FixAllTitle, cancellationToken => FixAllAsync(fixAllContext, cancellationToken), fixAllContext.CodeActionEquivalenceKey));

        private static async Task<Solution> FixAllAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var solution = context.Solution;
            var projectIds = context.Scope == FixAllScope.Solution ? solution.ProjectIds.ToArray() : new[] { context.Project.Id };
            foreach (var projectId in projectIds)
            {
                var diagnostics = context.Scope == FixAllScope.Document && context.Document is { } only
                    ? await context.GetDocumentDiagnosticsAsync(only).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(context.Solution.GetProject(projectId)!).ConfigureAwait(false);
                var project = solution.GetProject(projectId)!;
                var documents = new List<DocumentTargets>();
                foreach (var group in diagnostics.Where(d => d.Location.IsInSource).GroupBy(d => d.Location.SourceTree))
                {
                    if (project.GetDocument(group.Key) is { } document
                        && await DocumentTargets.CreateAsync(document, group, cancellationToken).ConfigureAwait(false) is { } targets)
                    {
                        documents.Add(targets);
                    }
                }

                if (documents.Count == 0)
                {
                    continue;
                }

                var order = project.DocumentIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
                documents.Sort((a, b) => order[a.Document.Id].CompareTo(order[b.Document.Id]));
                solution = await FixAsync(solution, documents, cancellationToken).ConfigureAwait(false)
                           ?? await FixOneByOneAsync(solution, documents, cancellationToken).ConfigureAwait(false)
                           ?? solution;
            }

            return solution;
        }

        private static async Task<Solution?> FixOneByOneAsync(Solution solution, List<DocumentTargets> documents, CancellationToken cancellationToken)
        {
            if (documents.Count == 1 && documents[0].Targets.Length == 1)
            {
                return null;
            }

            Solution? result = null;
            var kept = new List<(DocumentTargets Document, Target Target)>();
            foreach (var document in documents)
            {
                foreach (var target in document.Targets)
                {
                    kept.Add((document, target));
                    var attempt = kept.GroupBy(k => k.Document).Select(g => g.Key.With(g.Select(k => k.Target).ToImmutableArray())).ToList();
                    if (await FixAsync(solution, attempt, cancellationToken).ConfigureAwait(false) is { } fixedSolution)
                    {
                        result = fixedSolution;
                    }
                    else
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }
                }
            }

            return result;
        }
    }
}
