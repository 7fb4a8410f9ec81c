using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SecureCodingAnalyzers.Symbols;

namespace SecureCodingAnalyzers.Dataflow;

/// <summary>
/// Code integrity on the same engine: loading and running code are sinks (the rules of SCR4001–SCR4004), and an
/// integrity check is the sanitizer. A check verifies <em>data</em>, not a variable: a SHA-256 digest of the bytes
/// read from a path compared with a pinned value proves the path, the bytes and the stream opened on it alike. So a
/// check cleans every value that shares an origin with the data it checked (the path's parameter, the download, the
/// listed file), for the <see cref="SinkKind.Verified"/> kinds only, where it holds.
/// <list type="bullet">
/// <item>Digests: results of SHA-256/384/512 (and SHA-3) hashing carry the <see cref="SinkKind.Digest"/> marker; a
/// comparison of a digest (<c>CryptographicOperations.FixedTimeEquals</c>, <c>SequenceEqual</c>, string equality of
/// its hex or base64 text) with a value that did not come from the network verifies it. A digest compared with a
/// value fetched from the network is reported (SCR4006) and verifies nothing.</item>
/// <item>Signatures: <c>RSA</c>/<c>ECDsa</c>/<c>DSA</c> <c>VerifyData</c>/<c>VerifyHash</c> (the data, where true),
/// <c>SignedCms</c>/<c>SignerInfo</c> <c>CheckSignature</c> (the decoded or detached content, after the call), NuGet's
/// <c>VerifySignaturesResult.IsValid</c>.</item>
/// <item>Methods marked <c>[IntegrityVerifier]</c> or configured in <c>integrity_verifiers</c>: a <c>bool</c> method
/// verifies its arguments where it returned true, a <c>void</c> method after it returned, any other returns them
/// verified.</item>
/// </list>
/// Files written from downloaded (or otherwise tainted) data take that data's taint on their path, for the integrity
/// kinds only: <c>File.WriteAllBytes</c>, copies and moves, zip and tar extraction, <c>WebClient.DownloadFile</c>,
/// and streams opened on a path with <c>File.Create</c>/<c>OpenWrite</c>/<c>Open</c> or <c>new FileStream(path, ...)</c>.
/// </summary>
internal sealed partial class MethodAnalysis
{
    private readonly List<(Taint Subject, SinkKind Kinds)> _verifiedWhere = new();

    /// <summary>Conditions that verify data where they hold (or, <c>When</c> false, where they do not): the data's taint.</summary>
    private Dictionary<SyntaxNode, (Taint Subject, bool When, SinkKind Kinds)>? _verifications;

    /// <summary>Streams opened on a path: writes into the stream (its slot) reach the file the path names.</summary>
    private Dictionary<int, int>? _fileHandles;

    private Taint IntegrityCall(IntegrityTypes types, IOperation operation, IMethodSymbol method, IOperation? instance, Taint receiver, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, Taint all, Taint result, SinkKind attributeVerifies)
    {
        if (method.ContainingType?.OriginalDefinition is not { } type)
        {
            return result;
        }

        switch (method.Name)
        {
            case "FixedTimeEquals" when arguments.Length == 2 && Is(type, types.FixedTime):
            case "SequenceEqual" when arguments.Length >= 2 && (Is(type, types.Enumerable) || Is(type, types.MemoryExtensions)):
            case "Equals" when method.IsStatic && arguments.Length >= 2 && type.SpecialType == SpecialType.System_String:
                DigestComparison(operation, taints[0], taints[1]);
                break;
            case "Equals" when !method.IsStatic && arguments.Length >= 1 && type.SpecialType == SpecialType.System_String:
                DigestComparison(operation, receiver, taints[0]);
                break;
            case "VerifyData" or "VerifyHash" when arguments.Length >= 2 && type.IsOrDerivesFrom(types.AsymmetricAlgorithm):
            case "VerifySignature" when arguments.Length >= 2 && type.IsOrDerivesFrom(types.SignatureDeformatter):
                Verification(operation, taints[0]);
                break;
            case "CheckSignature" when Is(type, types.SignedCms) || Is(type, types.SignerInfo):
                // Throws unless the signature is valid: the content the message carries (or was built over) is verified.
                VerifyNow(receiver);
                break;
            case "Decode" when Is(type, types.SignedCms) && arguments.Length == 1:
                TaintContainer(instance, all);
                break;
            default:
                FileWrite(types, type, method, arguments, taints, receiver);
                break;
        }

        if (operation is IInvocationOperation invocation && method.ReturnType.SpecialType == SpecialType.System_Boolean && attributeVerifies == SinkKind.None)
        {
            // A bool helper of the same file whose returned condition checks a digest or signature of a parameter.
            foreach (var (ordinal, kinds) in ValidatorGuards(invocation, method))
            {
                for (var i = 0; i < arguments.Length && (kinds & SinkKind.Verified) != 0; i++)
                {
                    if (arguments[i].Parameter?.Ordinal == ordinal)
                    {
                        Verification(operation, taints[i], kinds: kinds & SinkKind.Verified);
                    }
                }
            }
        }

        var verifies = attributeVerifies | (_config.HasMethods ? _config.VerifierKinds(method) : SinkKind.None);
        if (verifies != SinkKind.None)
        {
            if (method.ReturnType.SpecialType == SpecialType.System_Boolean)
            {
                Verification(operation, all, kinds: verifies);
            }
            else
            {
                VerifyNow(all, verifies);
                result = _origins.Clean(result, verifies);
            }
        }

        return result;
    }

    /// <summary>
    /// The parameters a validation helper's returned condition verifies: a comparison (<c>FixedTimeEquals</c>,
    /// <c>SequenceEqual</c>, <c>Equals</c>, <c>==</c>) of which one side is a SHA-2 or SHA-3 digest computed from the
    /// parameter, or an asymmetric <c>VerifyData</c>/<c>VerifyHash</c> of it; through <c>&amp;&amp;</c>.
    /// </summary>
    private static void VerifiedParameters(IOperation condition, IMethodSymbol helper, List<(int Ordinal, SinkKind Kinds)> result)
    {
        condition = condition.WalkDownConversions();
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                VerifiedParameters(both.LeftOperand, helper, result);
                VerifiedParameters(both.RightOperand, helper, result);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equality:
                DigestOf(equality.LeftOperand, helper, result);
                DigestOf(equality.RightOperand, helper, result);
                return;
            case IInvocationOperation { TargetMethod.Name: "FixedTimeEquals" or "SequenceEqual" or "Equals" } comparison:
                if (comparison.Instance is { } instance)
                {
                    DigestOf(instance, helper, result);
                }

                foreach (var argument in comparison.Arguments)
                {
                    DigestOf(argument.Value, helper, result);
                }

                return;
            case IInvocationOperation { TargetMethod.Name: "VerifyData" or "VerifyHash", Arguments.Length: >= 2 } signature:
                ParametersIn(signature.Arguments[0].Value, helper, result);
                return;
        }
    }

    private static void DigestOf(IOperation side, IMethodSymbol helper, List<(int Ordinal, SinkKind Kinds)> result)
    {
        foreach (var node in side.DescendantsAndSelf())
        {
            if (node is IInvocationOperation { TargetMethod: { Name: "HashData" or "ComputeHash" } hash } digest
                && hash.ContainingType?.Name is "SHA256" or "SHA384" or "SHA512" or "SHA3_256" or "SHA3_384" or "SHA3_512")
            {
                foreach (var argument in digest.Arguments)
                {
                    ParametersIn(argument.Value, helper, result);
                }
            }
        }
    }

    private static void ParametersIn(IOperation value, IMethodSymbol helper, List<(int Ordinal, SinkKind Kinds)> result)
    {
        foreach (var node in value.DescendantsAndSelf())
        {
            if (node is IParameterReferenceOperation { Parameter: { } parameter } && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, helper))
            {
                result.Add((parameter.Ordinal, SinkKind.Verified));
            }
        }
    }

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected) => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

    /// <summary>The data written into a file taints the path it was written to (integrity kinds only).</summary>
    private void FileWrite(IntegrityTypes types, INamedTypeSymbol type, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, Taint[] taints, Taint receiver)
    {
        string? destination = method.Name switch
        {
            "WriteAllBytes" or "WriteAllBytesAsync" or "WriteAllText" or "WriteAllTextAsync" or "WriteAllLines" or "WriteAllLinesAsync"
                or "AppendAllText" or "AppendAllTextAsync" or "AppendAllLines" or "AppendAllLinesAsync" when Is(type, types.File) => "path",
            "Copy" or "Move" when Is(type, types.File) => "destFileName",
            "CopyTo" or "MoveTo" when Is(type, types.FileInfo) => "destFileName",
            "ExtractToDirectory" or "ExtractToDirectoryAsync" when Is(type, types.ZipFile) || Is(type, types.ZipFileExtensions) || Is(type, types.TarFile) => "destinationDirectoryName",
            "ExtractToFile" when Is(type, types.ZipFileExtensions) => "destinationFileName",
            _ => null,
        };
        if (destination is null)
        {
            return;
        }

        var written = receiver;
        IOperation? target = null;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].Parameter?.Name == destination)
            {
                target = arguments[i].Value;
            }
            else
            {
                written |= taints[i];
            }
        }

        if (target is not null && !written.IsEmpty)
        {
            Assign(target, ForIntegrityOnly(written), weak: true);
            if (TrackedSlot(target.WalkDownConversions()) < 0 && FixedPathKey(target) is { } key)
            {
                var slot = SlotOfFixedPath(key);
                Set(slot, Get(slot) | ForIntegrityOnly(written));
            }
        }
    }

    /// <summary>
    /// The file a path written out in full names, when the path is built only from constants and fixed locations
    /// (<c>Path.Combine(Path.GetTempPath(), "setup.exe")</c>, <c>AppContext.BaseDirectory</c>,
    /// <c>Environment.GetFolderPath(...)</c>): the same expression later names the same file, so what was written to
    /// it is what a second <c>Path.Combine(...)</c> starts. Null for anything else (a variable is tracked as itself).
    /// </summary>
    private static string? FixedPathKey(IOperation operation)
    {
        operation = operation.WalkDownConversions();
        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return "'" + constant.Value + "'";
        }

        switch (operation)
        {
            case IInvocationOperation { Instance: null, TargetMethod: { ContainingType.Name: "Path" or "Environment" } method } call
                when method.ContainingNamespace?.ToDisplayString() is "System.IO" or "System":
                var key = method.ContainingType.Name + "." + method.Name + "(";
                foreach (var argument in call.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
                    {
                        foreach (var element in elements.ElementValues)
                        {
                            if (FixedPathKey(element) is not { } part)
                            {
                                return null;
                            }

                            key += part + ",";
                        }
                    }
                    else if (FixedPathKey(argument.Value) is { } part)
                    {
                        key += part + ",";
                    }
                    else
                    {
                        return null;
                    }
                }

                return key + ")";
            case IPropertyReferenceOperation { Instance: null, Property: { ContainingType.Name: "AppContext" or "Environment" } property }:
                return property.ContainingType.Name + "." + property.Name;
            case IPropertyReferenceOperation { Property.Name: "BaseDirectory", Instance: IPropertyReferenceOperation { Instance: null, Property.Name: "CurrentDomain" } }:
                return "AppDomain.BaseDirectory";
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                return FixedPathKey(concatenation.LeftOperand) is { } left && FixedPathKey(concatenation.RightOperand) is { } right ? left + "+" + right : null;
            default:
                return null;
        }
    }

    /// <summary>What was written to the file a fixed path expression names, in this body (see <see cref="FixedPathKey"/>).</summary>
    private Taint FixedPathTaint(IOperation operation)
        => _fixedPathSlots is not null && FixedPathKey(operation) is { } key && _fixedPathSlots.TryGetValue(key, out var slot) ? Get(slot) : Taint.None;

    private int SlotOfFixedPath(string key)
    {
        _fixedPathSlots ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (!_fixedPathSlots.TryGetValue(key, out var slot))
        {
            slot = _initial.Count;
            _fixedPathSlots.Add(key, slot);
            _initial.Add(Taint.None);
            _lastUseBySlot.Add(int.MaxValue);
        }

        return slot;
    }

    /// <summary>
    /// The taint of data written to a file, as its path carries it: for the integrity kinds only (the path names
    /// downloaded code, but did not itself come from the network: opening it is no path traversal).
    /// </summary>
    private Taint ForIntegrityOnly(Taint taint) => _origins.Clean(taint, SinkKind.AllSinks | SinkKind.FileContent);

    /// <summary>What a sink counts: for a <see cref="ApiSpec.ContentOnly"/> sink, only taint that names file contents.</summary>
    private Taint SinkTaint(ApiSpec spec, Taint taint)
    {
        if (!spec.ContentOnly || taint.IsEmpty)
        {
            return taint;
        }

        var result = Taint.None;
        foreach (var bit in taint.Bits())
        {
            if ((_origins[bit].Clean & SinkKind.FileContent) != 0)
            {
                result |= Taint.Bit(bit);
            }
        }

        return result;
    }

    /// <summary>Remembers that <paramref name="slot"/> holds a stream opened for writing on the path in another variable.</summary>
    private void NoteFileHandle(int slot, IOperation value)
    {
        if (_model.Integrity is not { } types || slot < 0)
        {
            return;
        }

        var path = -1;
        switch (value.WalkDownConversions())
        {
            case IInvocationOperation { TargetMethod.Name: "Create" or "OpenWrite" or "Open", Arguments.Length: > 0 } open
                when open.TargetMethod.ContainingType is { } declaring && Is(declaring, types.File):
                path = TrackedSlot(open.Arguments[0].Value.WalkDownConversions());
                break;
            case IInvocationOperation { TargetMethod.Name: "Create" or "OpenWrite" or "Open", Instance: { } file } open
                when open.TargetMethod.ContainingType is { } declaring && Is(declaring, types.FileInfo):
                path = TrackedSlot(file.WalkDownConversions());
                break;
            case IObjectCreationOperation { Constructor: { } constructor, Arguments.Length: > 0 } creation
                when Is(constructor.ContainingType, types.FileStream) && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String:
                path = TrackedSlot(creation.Arguments[0].Value.WalkDownConversions());
                break;
        }

        if (path >= 0 && path != slot)
        {
            (_fileHandles ??= new Dictionary<int, int>())[slot] = path;
        }
        else
        {
            _fileHandles?.Remove(slot);
        }
    }

    /// <summary>A write into a stream opened on a path also reaches the path (integrity kinds only).</summary>
    private void WroteToFile(int slot, Taint value)
    {
        if (_fileHandles is not null && !value.IsEmpty && _fileHandles.TryGetValue(slot, out var path))
        {
            Set(path, Get(path) | ForIntegrityOnly(value));
        }
    }

    // ---- checks ----

    /// <summary>An equality of a digest with an expected value (a call, or <c>==</c>/<c>!=</c> on strings).</summary>
    private void DigestComparison(IOperation comparison, Taint left, Taint right)
    {
        var leftDigest = HasDigest(left);
        var rightDigest = HasDigest(right);
        if (!leftDigest && !rightDigest)
        {
            return;
        }

        var expected = leftDigest && rightDigest ? Taint.None : leftDigest ? right : left;
        if (FromNetwork(expected))
        {
            var text = comparison.Syntax.ToString();
            _facts.SameOriginChecks.Add((comparison.Syntax.GetLocation(), text.Length <= 80 ? text : text.Substring(0, 77) + "..."));
            return;
        }

        var subject = (leftDigest ? left : Taint.None) | (rightDigest ? right : Taint.None);
        Verification(comparison, subject, when: comparison is not IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals });
    }

    private bool HasDigest(Taint taint)
    {
        foreach (var bit in taint.Bits())
        {
            if ((_origins[bit].Clean & SinkKind.Digest) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="taint"/> came from the network and was not verified on the way: a digest read from
    /// an update manifest whose signature was checked with a pinned key is the publisher's, not the server's.
    /// </summary>
    private bool FromNetwork(Taint taint)
    {
        foreach (var bit in taint.Bits())
        {
            var (origin, clean) = _origins[bit];
            if (origin.Kind == OriginKind.Source && (clean & SinkKind.DownloadedCode) == 0
                && _facts.Sources[origin.Index].Group is SourceGroup.Network or SourceGroup.Cleartext)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records that <paramref name="condition"/> verifies <paramref name="subject"/> where it is <paramref name="when"/>.</summary>
    private void Verification(IOperation condition, Taint subject, bool when = true, SinkKind kinds = SinkKind.Verified)
    {
        if (!subject.IsEmpty)
        {
            (_verifications ??= new Dictionary<SyntaxNode, (Taint, bool, SinkKind)>())[condition.Syntax] = (subject, when, kinds);
        }
    }

    /// <summary>During guard collection: a recorded check that holds on this branch.</summary>
    private bool VerificationGuard(IOperation condition, bool holds)
    {
        if (_verifications is null || !_verifications.TryGetValue(condition.Syntax, out var check))
        {
            return false;
        }

        if (holds == check.When)
        {
            _verifiedWhere.Add((check.Subject, check.Kinds));
        }

        return true;
    }

    /// <summary>Verifies the origins of <paramref name="subject"/> in every variable, from here on.</summary>
    private void VerifyNow(Taint subject, SinkKind kinds = SinkKind.Verified)
    {
        if (Origins(subject) is not { } origins)
        {
            return;
        }

        for (var slot = 0; slot < _initial.Count; slot++)
        {
            var value = Get(slot);
            var verified = Verified(value, origins, kinds);
            if (!verified.Equals(value))
            {
                Set(slot, verified);
            }
        }
    }

    /// <summary>Verifies the origins of <paramref name="subject"/> in every variable of a refined branch state.</summary>
    private void VerifyIn(Dictionary<int, Taint> values, Taint subject, SinkKind kinds)
    {
        if (Origins(subject) is not { } origins)
        {
            return;
        }

        for (var slot = 0; slot < _initial.Count; slot++)
        {
            var value = values.TryGetValue(slot, out var v) ? v : Initial(slot);
            var verified = Verified(value, origins, kinds);
            if (!verified.Equals(value))
            {
                values[slot] = verified;
            }
        }
    }

    private HashSet<Origin>? Origins(Taint taint)
    {
        HashSet<Origin>? origins = null;
        foreach (var bit in taint.Bits())
        {
            (origins ??= new HashSet<Origin>()).Add(_origins[bit].Origin);
        }

        return origins;
    }

    private Taint Verified(Taint value, HashSet<Origin> origins, SinkKind kinds)
    {
        if (value.IsEmpty)
        {
            return value;
        }

        var result = Taint.None;
        foreach (var bit in value.Bits())
        {
            var (origin, clean) = _origins[bit];
            if (!origins.Contains(origin) || (clean & kinds) == kinds)
            {
                result |= Taint.Bit(bit);
                continue;
            }

            var verified = _origins.Bit(origin, clean | kinds);
            result |= verified.IsEmpty ? Taint.Bit(bit) : verified;
        }

        return result;
    }

    // ---- cleartext downloads ----

    /// <summary>
    /// For a download call: a source of the <see cref="SourceGroup.Cleartext"/> group at its URL when that is a
    /// constant <c>http://</c> URL (in the call, in a local initialized with it, or in a constant or read-only field)
    /// whose host is not the loopback interface.
    /// </summary>
    private Taint CleartextDownload(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name is "requestUri" or "address" && CleartextUrl(argument.Value) is { } url)
            {
                return SourceBit(url, url.GetLocation(), SourceGroup.Cleartext, "code downloaded from '" + Shorten(url) + "'", SinkKind.CleartextCode);
            }
        }

        return Taint.None;
    }

    private SyntaxNode? CleartextUrl(IOperation value)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when _model.Integrity?.Uri is { } uri && SymbolEqualityComparer.Default.Equals(creation.Type, uri):
                return CleartextUrl(creation.Arguments[0].Value);
            case ILocalReferenceOperation local:
                return Initializer(local.Local);
            case IFieldReferenceOperation { Field: { IsConst: true } or { IsReadOnly: true } } field:
                return Initializer(field.Field);
        }

        var text = value.ConstantValue.Value as string ?? LeftmostConstant(value);
        return text is not null && IsCleartext(text) ? value.Syntax : null;
    }

    /// <summary>The initializer of a local or field declared with a constant cleartext URL (a string or <c>new Uri("...")</c>).</summary>
    private SyntaxNode? Initializer(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
            {
                continue;
            }

            var literal = initializer switch
            {
                ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } uriArguments } => uriArguments[0].Expression,
                ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } uriArguments } => uriArguments[0].Expression,
                _ => initializer,
            };
            var text = literal switch
            {
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } s => s.Token.ValueText,
                InterpolatedStringExpressionSyntax { Contents: { Count: > 0 } contents } when contents[0] is InterpolatedStringTextSyntax start => start.TextToken.ValueText,
                _ => null,
            };
            return text is not null && IsCleartext(text) ? literal : null;
        }

        return null;
    }

    /// <summary>An <c>http://</c> URL with a host other than the loopback interface.</summary>
    internal static bool IsCleartext(string url)
    {
        const string Scheme = "http://";
        if (url.Length <= Scheme.Length || !url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var end = url.IndexOfAny(HostEnd, Scheme.Length);
        var host = (end < 0 ? url.Substring(Scheme.Length) : url.Substring(Scheme.Length, end - Scheme.Length)).ToLowerInvariant();
        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            host = host.Substring(at + 1);
        }

        if (host.StartsWith("[", StringComparison.Ordinal))
        {
            return host != "[::1]" && !host.StartsWith("[::1]:", StringComparison.Ordinal);
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            host = host.Substring(0, colon);
        }

        return host.Length > 0 && host != "localhost" && !host.EndsWith(".localhost", StringComparison.Ordinal) && !host.StartsWith("127.", StringComparison.Ordinal);
    }

    private static readonly char[] HostEnd = { '/', '?', '#' };

    private static string Shorten(SyntaxNode url)
    {
        var text = url is LiteralExpressionSyntax literal ? literal.Token.ValueText : url.ToString();
        return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }
}
