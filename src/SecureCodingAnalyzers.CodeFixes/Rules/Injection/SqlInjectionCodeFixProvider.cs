using System;
using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.CodeFixes.Rules.Injection;

/// <summary>
/// SCR2001: pass values as parameters instead of building SQL text. The SQL must be one concatenation or
/// interpolation of constants and values where every value stands in a value position (<see cref="SqlText"/>):
/// <list type="bullet">
/// <item>ADO.NET: <c>cmd.CommandText = "... = '" + id + "'"</c> (or <c>+=</c>, or the text argument of a command
/// constructor) becomes <c>"... = @id"</c> followed by <c>cmd.Parameters.AddWithValue("@id", id)</c>, or by
/// <c>CreateParameter</c>/<c>Parameters.Add</c> where the parameter collection has no <c>AddWithValue</c>
/// (<c>DbCommand</c>, <c>IDbCommand</c>). Offered only for a command held in a local of the same block (or the
/// <c>using</c> statement around it); not for ODBC, OLE DB and Oracle commands, whose placeholders differ.</item>
/// <item>EF Core: <c>FromSqlRaw</c>, <c>ExecuteSqlRaw</c>, <c>ExecuteSqlRawAsync</c> and <c>SqlQueryRaw</c> become
/// <c>FromSql</c>, <c>ExecuteSql</c>, <c>ExecuteSqlAsync</c>, <c>SqlQuery</c> with an interpolated string
/// (<c>FromSqlInterpolated</c>/<c>ExecuteSqlInterpolated</c> before EF Core 7), whose holes EF Core sends as
/// parameters. Not offered when the call already passes parameters.</item>
/// <item>Dapper: <c>conn.Query&lt;T&gt;("... " + id)</c> becomes <c>conn.Query&lt;T&gt;("... @id", new { id })</c>,
/// unless the call already passes a parameter object.</item>
/// </list>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqlInjectionCodeFixProvider)), Shared]
public sealed class SqlInjectionCodeFixProvider : SafeCodeFixProvider
{
    private const string AdoTitle = "Pass the values as command parameters";
    private const string AdoKey = "SCR2001.CommandParameters";
    private const string EfKey = "SCR2001.EfCoreInterpolated";
    private const string DapperTitle = "Pass the values in a Dapper parameter object";
    private const string DapperKey = "SCR2001.DapperParameters";

    private static readonly Dictionary<string, (string Current, string Legacy)> EfMethods = new()
    {
        ["FromSqlRaw"] = ("FromSql", "FromSqlInterpolated"),
        ["ExecuteSqlRaw"] = ("ExecuteSql", "ExecuteSqlInterpolated"),
        ["ExecuteSqlRawAsync"] = ("ExecuteSqlAsync", "ExecuteSqlInterpolatedAsync"),
        ["SqlQueryRaw"] = ("SqlQuery", "SqlQuery"),
    };

    /// <summary>Fixes SCR2001.</summary>
    public SqlInjectionCodeFixProvider()
        : base(SecureCodingAnalyzers.Catalog.Rules.SqlInjection)
    {
    }

    /// <inheritdoc/>
    protected override SafeCodeFix? PlanFix(FixPlanContext context, Diagnostic diagnostic)
    {
        var node = context.Root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.Parent is ArgumentSyntax parent && parent.Span == node.Span)
        {
            node = parent;
        }

        if (node.Span != diagnostic.Location.SourceSpan)
        {
            return null;
        }

        return node switch
        {
            AssignmentExpressionSyntax assignment => CommandTextAssignment(context, assignment),
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax creation } } argument => CommandConstructor(context, creation, argument),
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } argument => Call(context, invocation, argument),
            _ => null,
        };
    }

    // ---- ADO.NET ----

    private static SafeCodeFix? CommandTextAssignment(FixPlanContext context, AssignmentExpressionSyntax assignment)
    {
        var model = context.SemanticModel;
        if (!(assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || assignment.IsKind(SyntaxKind.AddAssignmentExpression))
            || assignment.Left is not MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax commandName, Name.Identifier.ValueText: "CommandText" }
            || assignment.Parent is not ExpressionStatementSyntax statement
            || statement.Parent is not BlockSyntax block
            || model.GetSymbolInfo(commandName, context.CancellationToken).Symbol is not ILocalSymbol command
            || !IsCommand(model.Compilation, command.Type)
            || !DeclaredFor(command, block, context.CancellationToken))
        {
            return null;
        }

        return CommandFix(context, assignment.Right, command, statement, block, atStart: false);
    }

    private static SafeCodeFix? CommandConstructor(FixPlanContext context, ObjectCreationExpressionSyntax creation, ArgumentSyntax argument)
    {
        var model = context.SemanticModel;
        if (model.GetSymbolInfo(creation, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !IsCommand(model.Compilation, constructor.ContainingType)
            || ParameterOf(argument, constructor) is not { Name: "cmdText" or "commandText" }
            || creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || model.GetDeclaredSymbol(declarator, context.CancellationToken) is not ILocalSymbol command)
        {
            return null;
        }

        switch (declaration.Parent)
        {
            case LocalDeclarationStatementSyntax { Parent: BlockSyntax block } statement:
                return CommandFix(context, argument.Expression, command, statement, block, atStart: false);
            case UsingStatementSyntax { Statement: BlockSyntax body } usingStatement:
                return CommandFix(context, argument.Expression, command, usingStatement, body, atStart: true);
            default:
                return null;
        }
    }

    /// <summary>
    /// Rewrites the SQL and adds one parameter per value after <paramref name="anchor"/> (or at the start of
    /// <paramref name="block"/>, the body of the <c>using</c> that declares the command).
    /// </summary>
    private static SafeCodeFix? CommandFix(FixPlanContext context, ExpressionSyntax sql, ILocalSymbol command, StatementSyntax anchor, BlockSyntax block, bool atStart)
    {
        var model = context.SemanticModel;
        var ns = command.Type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        if (ns.StartsWith("System.Data.Odbc", StringComparison.Ordinal) || ns.StartsWith("System.Data.OleDb", StringComparison.Ordinal)
            || ns.StartsWith("Oracle", StringComparison.Ordinal)
            || SqlText.Parse(sql, model, context.CancellationToken) is not { } text)
        {
            return null;
        }

        var taken = TakenNames(atStart ? anchor : block, command.Name);
        if (text.Parameterize(taken) is not { } parameterized || parameterized.ToCommandText("@") is not { } newText)
        {
            return null;
        }

        var addWithValue = HasAddWithValue(command.Type);
        var name = command.Name;

        // With several commands in the block, their parameters' locals carry the command's name (no two fixes collide).
        var qualify = !addWithValue && CommandLocals(model, block, context.CancellationToken) > 1;
        var statements = new List<string>();
        foreach (var parameter in parameterized.Parameters)
        {
            var value = parameter.Value!.ToString();
            if (addWithValue)
            {
                statements.Add($"{name}.Parameters.AddWithValue(\"@{parameter.Name}\", {value});");
                continue;
            }

            var local = UniqueLocal(model, anchor.SpanStart, (qualify ? name + Capitalized(parameter.Name!) : parameter.Name) + "Parameter", statements);
            statements.Add($"var {local} = {name}.CreateParameter();");
            statements.Add($"{local}.ParameterName = \"@{parameter.Name}\";");
            statements.Add($"{local}.Value = {value};");
            statements.Add($"{name}.Parameters.Add({local});");
        }

        var added = new List<StatementSyntax>();
        foreach (var code in statements)
        {
            var parsed = SyntaxFactory.ParseStatement(code);
            if (parsed.ContainsDiagnostics)
            {
                return null;
            }

            added.Add(parsed);
        }

        var marker = new SyntaxAnnotation();
        var edits = new List<NodeEdit>
        {
            NodeEdit.Replace(sql, newText.WithTriviaFrom(sql)),
        };
        if (atStart)
        {
            edits.Add(NodeEdit.Replace(block, (BlockSyntax current) => InsertAt(current, 0, added, IndentationOf(block))));
        }
        else
        {
            edits.Add(NodeEdit.Replace(anchor, (StatementSyntax current) => current.WithAdditionalAnnotations(marker)));
            edits.Add(NodeEdit.Replace(block, (BlockSyntax current) =>
            {
                var index = current.Statements.IndexOf(s => s.HasAnnotation(marker));
                return index < 0 ? current : InsertAt(current, index + 1, added, Indentation(anchor));
            }));
        }

        return new SafeCodeFix(AdoTitle, AdoKey, edits);
    }

    private static BlockSyntax InsertAt(BlockSyntax block, int index, List<StatementSyntax> statements, string? indentation)
    {
        var newLine = block.SyntaxTree.GetText().ToString().IndexOf("\r\n", StringComparison.Ordinal) >= 0 ? "\r\n" : "\n";
        var laidOut = statements.Select(s => indentation is null
            ? s.WithLeadingTrivia(SyntaxFactory.ElasticMarker).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithAdditionalAnnotations(Formatter.Annotation)
            : s.WithLeadingTrivia(SyntaxFactory.Whitespace(indentation)).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)));
        return block.WithStatements(block.Statements.InsertRange(index, laidOut));
    }

    private static string? Indentation(StatementSyntax statement)
    {
        var leading = statement.GetLeadingTrivia();
        return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
               && statement.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
            ? leading[leading.Count - 1].ToString()
            : null;
    }

    private static string? IndentationOf(BlockSyntax body)
        => body.Statements.Count > 0 ? Indentation(body.Statements[0]) : null;

    /// <summary>True for an ADO.NET command type (a <c>DbCommand</c> or an <c>IDbCommand</c>).</summary>
    private static bool IsCommand(Compilation compilation, ITypeSymbol type)
    {
        if (type.IsOrDerivesFrom(compilation.GetTypeByMetadataName("System.Data.Common.DbCommand")))
        {
            return true;
        }

        var dbCommand = compilation.GetTypeByMetadataName("System.Data.IDbCommand");
        return dbCommand is not null
               && (SymbolEqualityComparer.Default.Equals(type, dbCommand) || type.AllInterfaces.Contains(dbCommand, SymbolEqualityComparer.Default));
    }

    /// <summary>True when <paramref name="command"/> is declared by a statement of <paramref name="block"/> or by the <c>using</c> whose body it is.</summary>
    private static bool DeclaredFor(ILocalSymbol command, BlockSyntax block, CancellationToken cancellationToken)
    {
        if (command.DeclaringSyntaxReferences.Length != 1
            || command.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration })
        {
            return false;
        }

        return declaration.Parent switch
        {
            LocalDeclarationStatementSyntax statement => statement.Parent == block,
            UsingStatementSyntax usingStatement => usingStatement.Statement == block,
            _ => false,
        };
    }

    private static bool HasAddWithValue(ITypeSymbol commandType)
    {
        for (var type = commandType; type is not null; type = type.BaseType)
        {
            if (type.GetMembers("Parameters").OfType<IPropertySymbol>().FirstOrDefault() is { } parameters)
            {
                for (var collection = parameters.Type; collection is not null; collection = collection.BaseType)
                {
                    if (collection.GetMembers("AddWithValue").OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 2 && m.Parameters[0].Type.SpecialType == SpecialType.System_String))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return false;
    }

    private static string Capitalized(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The number of command locals declared directly in <paramref name="block"/>.</summary>
    private static int CommandLocals(SemanticModel model, BlockSyntax block, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var statement in block.Statements)
        {
            if (statement is LocalDeclarationStatementSyntax declaration)
            {
                foreach (var variable in declaration.Declaration.Variables)
                {
                    if (model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol local && IsCommand(model.Compilation, local.Type))
                    {
                        count++;
                    }
                }
            }
        }

        return count;
    }

    private static string UniqueLocal(SemanticModel model, int position, string name, List<string> planned)
    {
        var candidate = name;
        for (var n = 2; model.LookupSymbols(position, name: candidate).Length > 0 || planned.Any(s => s.StartsWith("var " + candidate + " ", StringComparison.Ordinal)); n++)
        {
            candidate = name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary>
    /// Parameter names already written in strings (placeholders, <c>Parameters.Add</c> names) of the statements of
    /// <paramref name="scope"/> that mention the command <paramref name="name"/> (all of <paramref name="scope"/> when null).
    /// </summary>
    private static HashSet<string> TakenNames(SyntaxNode scope, string? name)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var statements = scope is BlockSyntax block ? block.Statements.Cast<SyntaxNode>() : new[] { scope };
        foreach (var statement in statements)
        {
            var tokens = statement.DescendantTokens().ToList();
            if (name is not null && !tokens.Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name))
            {
                continue;
            }

            foreach (var token in tokens)
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
                    || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                {
                    SqlText.CollectParameterNames(token.ValueText, names);
                }
            }
        }

        return names;
    }

    // ---- EF Core and Dapper ----

    private static SafeCodeFix? Call(FixPlanContext context, InvocationExpressionSyntax invocation, ArgumentSyntax argument)
    {
        var model = context.SemanticModel;
        if (model.GetOperation(invocation, context.CancellationToken) is not IInvocationOperation operation
            || operation.TargetMethod.ContainingType is not { } type
            || Argument(operation, argument) is not { Parameter.Name: "sql" })
        {
            return null;
        }

        return type.ToDisplayString() switch
        {
            "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions" or "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions" => EfCore(context, invocation, argument, operation),
            "Dapper.SqlMapper" => Dapper(context, invocation, argument, operation),
            _ => null,
        };
    }

    private static SafeCodeFix? EfCore(FixPlanContext context, InvocationExpressionSyntax invocation, ArgumentSyntax argument, IInvocationOperation operation)
    {
        var method = operation.TargetMethod;
        if (!EfMethods.TryGetValue(method.Name, out var names)
            || NameOf(invocation) is not { } name
            || HasOtherArguments(operation, argument)
            || SqlText.Parse(argument.Expression, context.SemanticModel, context.CancellationToken) is not { } text
            || text.Parameterize(new HashSet<string>(StringComparer.OrdinalIgnoreCase)) is not { } parameterized
            || parameterized.ToInterpolatedString() is not { } interpolated)
        {
            return null;
        }

        // EF Core 7 added FromSql/ExecuteSql(FormattableString); older versions have the *Interpolated names.
        var target = HasFormattableOverload(method.ContainingType, names.Current) ? names.Current
            : HasFormattableOverload(method.ContainingType, names.Legacy) ? names.Legacy
            : null;
        if (target is null)
        {
            return null;
        }

        var renamed = name switch
        {
            GenericNameSyntax generic => (SimpleNameSyntax)generic.WithIdentifier(SyntaxFactory.Identifier(target).WithTriviaFrom(generic.Identifier)),
            IdentifierNameSyntax identifier => identifier.WithIdentifier(SyntaxFactory.Identifier(target).WithTriviaFrom(identifier.Identifier)),
            _ => null,
        };
        if (renamed is null)
        {
            return null;
        }

        return new SafeCodeFix(
            "Use " + target + " with an interpolated string (values become parameters)",
            EfKey,
            NodeEdit.Replace(name, renamed),
            NodeEdit.Replace(argument.Expression, interpolated.WithTriviaFrom(argument.Expression)));
    }

    private static SafeCodeFix? Dapper(FixPlanContext context, InvocationExpressionSyntax invocation, ArgumentSyntax argument, IInvocationOperation operation)
    {
        var method = operation.TargetMethod;
        var param = method.Parameters.FirstOrDefault(p => p.Name == "param");
        var sqlParameter = method.Parameters.FirstOrDefault(p => p.Name == "sql");
        if (param is null || sqlParameter is null)
        {
            return null;
        }

        ArgumentSyntax? existing = null;
        foreach (var passed in operation.Arguments)
        {
            if (passed.ArgumentKind == ArgumentKind.Explicit && SymbolEqualityComparer.Default.Equals(passed.Parameter, param))
            {
                if (!passed.Value.WalkDownConversions().ConstantValue.HasValue || passed.Value.WalkDownConversions().ConstantValue.Value is not null
                    || passed.Syntax is not ArgumentSyntax syntax)
                {
                    return null;
                }

                existing = syntax;
            }
        }

        if (SqlText.Parse(argument.Expression, context.SemanticModel, context.CancellationToken) is not { } text
            || text.Parameterize(TakenNames(argument, name: null)) is not { } parameterized
            || parameterized.ToCommandText("@") is not { } newText)
        {
            return null;
        }

        var members = new StringBuilder("new { ");
        var first = true;
        foreach (var parameter in parameterized.Parameters)
        {
            members.Append(first ? string.Empty : ", ");
            first = false;
            var value = parameter.Value!;
            members.Append(value is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == parameter.Name
                ? parameter.Name
                : parameter.Name + " = " + value);
        }

        var creation = SyntaxFactory.ParseExpression(members.Append(" }").ToString());
        if (creation.ContainsDiagnostics)
        {
            return null;
        }

        var edits = new List<NodeEdit> { NodeEdit.Replace(argument.Expression, newText.WithTriviaFrom(argument.Expression)) };
        var list = (ArgumentListSyntax)argument.Parent!;
        if (existing is not null)
        {
            edits.Add(NodeEdit.Replace(existing.Expression, creation.WithTriviaFrom(existing.Expression)));
        }
        else
        {
            var positional = argument.NameColon is null && list.Arguments.Last() == argument && param.Ordinal == sqlParameter.Ordinal + 1;
            var added = positional
                ? SyntaxFactory.Argument(creation)
                : SyntaxFactory.Argument(SyntaxFactory.NameColon("param"), default, creation);
            edits.Add(NodeEdit.Replace(list, (ArgumentListSyntax current) => current.AddArguments(added)));
        }

        return new SafeCodeFix(DapperTitle, DapperKey, edits);
    }

    private static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation)
        => invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

    /// <summary>True when the call passes values besides the SQL (parameters), other than the receiver and a cancellation token.</summary>
    private static bool HasOtherArguments(IInvocationOperation operation, ArgumentSyntax sql)
    {
        foreach (var passed in operation.Arguments)
        {
            if (passed.Syntax == sql || passed.Parameter is null || passed.Parameter.Ordinal == 0 && operation.TargetMethod.IsExtensionMethod)
            {
                continue;
            }

            if (passed.ArgumentKind == ArgumentKind.DefaultValue
                || passed.Parameter.Type.ToDisplayString() == "System.Threading.CancellationToken")
            {
                continue;
            }

            if (passed.ArgumentKind == ArgumentKind.ParamArray && passed.Value is IArrayCreationOperation { Initializer.ElementValues.Length: 0 })
            {
                continue;
            }

            return true;
        }

        return false;
    }

    private static bool HasFormattableOverload(INamedTypeSymbol type, string name)
        => type.GetMembers(name).OfType<IMethodSymbol>().Any(m => m.Parameters.Any(p => p.Name == "sql" && p.Type.ToDisplayString() == "System.FormattableString"));

    private static IArgumentOperation? Argument(IInvocationOperation operation, ArgumentSyntax argument)
    {
        foreach (var passed in operation.Arguments)
        {
            if (passed.Syntax == argument)
            {
                return passed;
            }
        }

        return null;
    }

    private static IParameterSymbol? ParameterOf(ArgumentSyntax argument, IMethodSymbol method)
    {
        if (argument.NameColon is { } nameColon)
        {
            return method.Parameters.FirstOrDefault(p => p.Name == nameColon.Name.Identifier.ValueText);
        }

        var index = ((ArgumentListSyntax)argument.Parent!).Arguments.IndexOf(argument);
        return index >= 0 && index < method.Parameters.Length ? method.Parameters[index] : null;
    }
}
