using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>How a body is analyzed.</summary>
internal enum BodyShape
{
    /// <summary>Not at all: it has no origin or no target of taint.</summary>
    None,

    /// <summary>Straight-line code: its operation tree is its execution order, no graph needed.</summary>
    Straight,

    /// <summary>Loops, switch statements, exception handlers, jumps or local functions: on the control-flow graph.</summary>
    Branching,
}

/// <summary>
/// The cheap filter in front of the control-flow graph: one walk over a body's operations. A body is analyzed only
/// when it has an origin of taint (a source, a taintable parameter, a field of <c>this</c>, the result of a call into
/// the compilation) and a target (a sink, a call into the compilation, a returned value, a field write). Bodies
/// without both cannot contribute a flow. Straight-line bodies (most getters, constructors and small helpers) are
/// analyzed on their operation tree, which is exact for them and spares the graph.
/// </summary>
internal static class CandidateFilter
{
    [System.ThreadStatic]
    private static List<ApiSpec>? t_specs;

    public static BodyShape Classify(TaintModel model, TaintConfiguration configuration, IMethodSymbol method, IOperation body)
    {
        var specs = t_specs ??= new List<ApiSpec>();
        var origin = false;
        var target = false;
        var branching = false;
        foreach (var parameter in method.Parameters)
        {
            if (model.IsTaintable(parameter.Type))
            {
                origin = true;
                break;
            }
        }

        foreach (var operation in body.Descendants())
        {
            branching |= Branches(operation);
            switch (operation)
            {
                case IInvocationOperation invocation:
                    Member(invocation.TargetMethod, invocation.Arguments.Length > 0, invocation.Instance?.Type);
                    // A digest compared in constant time may be checked against a downloaded value (SCR4006).
                    target |= invocation.TargetMethod.Name == "FixedTimeEquals";
                    if (model.Web.IsEndpointMapping(invocation.TargetMethod))
                    {
                        origin = target = true;
                    }

                    break;
                case IObjectCreationOperation { Constructor: { } constructor } creation:
                    Member(constructor, creation.Arguments.Length > 0);
                    break;
                case IPropertyReferenceOperation property:
                    Member(property.Property, hasArguments: false);
                    if (property.Instance is IInstanceReferenceOperation || property.Property.IsStatic)
                    {
                        Own(property);
                    }

                    break;
                case IFieldReferenceOperation field when field.Instance is IInstanceReferenceOperation || field.Field.IsStatic:
                    Own(field);
                    break;
                case IReturnOperation { ReturnedValue: { } value } when model.IsTaintable(value.Type):
                    target = true;
                    break;
            }

        }

        return !(origin && target) ? BodyShape.None : branching ? BodyShape.Branching : BodyShape.Straight;

        void Member(ISymbol member, bool hasArguments, ITypeSymbol? receiverType = null)
        {
            if (member is IMethodSymbol called && called.DeclaringSyntaxReferences.Length > 0
                && SymbolEqualityComparer.Default.Equals(called.ContainingAssembly, model.Compilation.Assembly))
            {
                origin |= model.IsTaintable(called.ReturnType);
                target |= hasArguments;
                return;
            }

            if (configuration.HasMethods && member is IMethodSymbol)
            {
                origin = target = true;
                return;
            }

            model.Specs.Find(member, specs, receiverType);
            foreach (var spec in specs)
            {
                origin |= spec.Role == ApiRole.Source;
                target |= spec.Role == ApiRole.Sink;
            }
        }

        // Loops, switch statements, exception handlers, jumps and local functions need the graph; if, ?:, && and ||
        // are evaluated on the tree with their guards (MethodAnalysis.Conditional), lambdas where they are created.
        static bool Branches(IOperation operation) => operation switch
        {
            ILoopOperation or ISwitchOperation or ITryOperation or IBranchOperation or ILocalFunctionOperation => true,
            IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } => true,
            _ => false,
        };

        void Own(IMemberReferenceOperation reference)
        {
            if (!model.IsTaintable(reference.Type))
            {
                return;
            }

            if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
            {
                target = true;
            }
            else
            {
                origin = true;
            }
        }
    }
}
