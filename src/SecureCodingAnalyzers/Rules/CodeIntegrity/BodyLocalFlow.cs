using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureCodingAnalyzers.Rules.CodeIntegrity;

/// <summary>
/// The operations of one body (a method, accessor or initializer, with the lambdas and local functions inside it) and
/// every value written to a local: declarations, assignments, <c>foreach</c> variables (written from the collection),
/// pattern variables (from the tested value) and <c>out</c>/<c>ref</c> arguments (from the call). Flow-insensitive on
/// purpose: the local rules of this family look for a check anywhere in the body, and a check on any path is read as
/// the author's intent. Built only for bodies that contain a candidate finding.
/// </summary>
internal sealed class BodyLocalFlow
{
    private readonly List<(ILocalSymbol Local, IOperation Value)> _writes = new();

    public BodyLocalFlow(IOperation root)
    {
        var operations = new List<IOperation>();
        foreach (var operation in root.DescendantsAndSelf())
        {
            operations.Add(operation);
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                    _writes.Add((declarator.Symbol, initializer.Value));
                    break;

                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    _writes.Add((target.Local, assignment.Value));
                    break;

                case IForEachLoopOperation loop:
                    foreach (var variable in loop.LoopControlVariable.DescendantsAndSelf())
                    {
                        if (variable is IVariableDeclaratorOperation declared)
                        {
                            _writes.Add((declared.Symbol, loop.Collection));
                        }
                        else if (variable is ILocalReferenceOperation local)
                        {
                            _writes.Add((local.Local, loop.Collection));
                        }
                    }

                    break;

                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local } pattern when PatternSubject(pattern) is { } subject:
                    _writes.Add((local, subject));
                    break;

                case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol local } pattern when PatternSubject(pattern) is { } subject:
                    _writes.Add((local, subject));
                    break;

                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref, Parent: { } call } argument:
                    var value = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
                    if (value is ILocalReferenceOperation written)
                    {
                        _writes.Add((written.Local, call));
                    }

                    break;
            }
        }

        Operations = operations;
    }

    /// <summary>Every operation of the body, in tree order.</summary>
    public IReadOnlyList<IOperation> Operations { get; }

    /// <summary>Every value written to a local, with the local.</summary>
    public IReadOnlyList<(ILocalSymbol Local, IOperation Value)> Writes => _writes;

    /// <summary>The locals that hold a value computed from a seed operation, directly or through other such locals.</summary>
    public HashSet<ILocalSymbol> LocalsFrom(Func<IOperation, bool> isSeed)
    {
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        bool changed;
        do
        {
            changed = false;
            foreach (var (local, value) in _writes)
            {
                if (!locals.Contains(local) && Reaches(value, isSeed, locals))
                {
                    locals.Add(local);
                    changed = true;
                }
            }
        }
        while (changed);

        return locals;
    }

    /// <summary>True when <paramref name="operation"/> contains a seed or reads one of <paramref name="locals"/>.</summary>
    public static bool Reaches(IOperation operation, Func<IOperation, bool> isSeed, HashSet<ILocalSymbol> locals)
    {
        foreach (var part in operation.DescendantsAndSelf())
        {
            if (isSeed(part) || (part is ILocalReferenceOperation local && locals.Contains(local.Local)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The value an implicit receiver stands for, or <see langword="null"/>: the object of <c>x?.Member</c>, and the
    /// object a property pattern reads its members from (<c>x is { Thumbprint: var t }</c>).
    /// </summary>
    public static IOperation? ImplicitReceiver(IOperation receiver)
    {
        switch (receiver)
        {
            case IConditionalAccessInstanceOperation:
                var previous = receiver;
                for (var current = receiver.Parent; current is not null; previous = current, current = current.Parent)
                {
                    if (current is IConditionalAccessOperation access && access.WhenNotNull == previous)
                    {
                        return access.Operation;
                    }
                }

                return null;

            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput }:
                for (var current = receiver.Parent; current is not null; current = current.Parent)
                {
                    if (current is IRecursivePatternOperation pattern)
                    {
                        return PatternSubject(pattern);
                    }
                }

                return null;

            default:
                return null;
        }
    }

    /// <summary>
    /// The value a pattern tests: the member of an enclosing property subpattern, else the value of the enclosing
    /// <c>is</c>, <c>switch</c> statement or <c>switch</c> expression.
    /// </summary>
    private static IOperation? PatternSubject(IOperation pattern)
    {
        if (pattern.Parent is IPropertySubpatternOperation subpattern)
        {
            return subpattern.Member;
        }

        for (var current = pattern.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IIsPatternOperation isPattern:
                    return isPattern.Value;
                case ISwitchExpressionOperation switchExpression:
                    return switchExpression.Value;
                case ISwitchOperation switchStatement:
                    return switchStatement.Value;
            }
        }

        return null;
    }
}
