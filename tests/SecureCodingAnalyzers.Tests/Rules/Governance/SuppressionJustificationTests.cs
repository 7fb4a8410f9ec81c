using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.CodeFixes.Infrastructure;
using SecureCodingAnalyzers.Rules.Governance;
using Xunit;
using Microsoft.CodeAnalysis.CSharp.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;

namespace SecureCodingAnalyzers.Tests.Rules.Governance;

/// <summary>SCR9001, unjustified suppressions of security rules. No code fix: see rules/SCR9001.md.</summary>
public class SuppressionJustificationTests
{
    private const string Pragma = "#pragma warning disable";
    private const string AddComment = "add a comment on the same line saying why the finding is acceptable";
    private const string SetJustification = "set Justification to why the finding is acceptable";
    private const string GovernanceWhy = "suppressing a governance rule hides what it reports about other suppressions and settings; ";

    // ---- Detect ----

    [Fact]
    public async Task Detect_PragmaWithoutReason_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] M(byte[] data)
                {
            {|#0:#pragma warning disable SCR1001|}
                    return MD5.HashData(data);
            #pragma warning restore SCR1001
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "SCR1001", AddComment)
                .WithMessage("#pragma warning disable suppresses SCR1001 without a justification; add a comment on the same line saying why the finding is acceptable"));
    }

    [Fact]
    public async Task Detect_PragmaMixingIds_NamesOnlyTheSecurityRules()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            {|#0:#pragma warning disable CS1591, CA5351, IDE0005, 0618, SCS0005|}
            class C { }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "CA5351, SCS0005", AddComment));
    }

    [Fact]
    public async Task Detect_PragmaWithPlaceholderComment_QuotesIt()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class C
            {
            {|#0:#pragma warning disable SCR1001|} // TODO
            {|#1:#pragma warning disable CA5350|} // ...
            {|#2:#pragma warning disable SCR2001|} // SCR2001
            {|#3:#pragma warning disable CA3075|} // FIXME:
            {|#4:#pragma warning disable SCR1002|} //
            {|#5:#pragma warning disable CA2100|} // #1234
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "SCR1001", "the comment 'TODO' is not a reason; " + AddComment),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments(Pragma, "CA5350", "the comment '...' is not a reason; " + AddComment),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments(Pragma, "SCR2001", "the comment 'SCR2001' is not a reason; " + AddComment),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments(Pragma, "CA3075", "the comment 'FIXME:' is not a reason; " + AddComment),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments(Pragma, "SCR1002", AddComment),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments(Pragma, "CA2100", "the comment '#1234' is not a reason; " + AddComment));
    }

    [Fact]
    public async Task Detect_PragmaWhoseCommentIsTheRuleTitle_AsVisualStudioWritesIt()
    {
        var title = SecureCodingAnalyzers.Catalog.Rules.WeakHashAlgorithm.Title.ToString();
        await VerifyCS.VerifyAnalyzerAsync(
            "class C\n{\n{|#0:#pragma warning disable SCR1001|} // " + title + "\n}\n",
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "SCR1001", "the comment '" + title + "' is not a reason; " + AddComment));
    }

    [Fact]
    public async Task Detect_BarePragmaDisable_SwitchesOffEveryRule()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            {|#0:#pragma warning disable|}
            class Legacy { }
            #pragma warning restore
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "every rule (security rules included)", AddComment));
    }

    [Fact]
    public async Task Detect_PeerSecurityRules_NetAnalyzersAndSecurityCodeScan()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class C
            {
            [|#pragma warning disable CA2100|]
            [|#pragma warning disable CA2300|]
            [|#pragma warning disable CA2153|]
            [|#pragma warning disable CA2353|]
            [|#pragma warning disable CA3001|]
            [|#pragma warning disable CA3147|]
            [|#pragma warning disable CA5369|]
            [|#pragma warning disable CA5405|]
            [|#pragma warning disable SCS0018|]
            }
            """);
    }

    [Fact]
    public async Task Detect_SuppressMessageWithoutJustification_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            using System.Security.Cryptography;
            class C
            {
                [{|#0:SuppressMessage("Security.Cryptography", "SCR1001")|}]
                byte[] M(byte[] data) => MD5.HashData(data);
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("[SuppressMessage]", "SCR1001", SetJustification)
                .WithMessage("[SuppressMessage] suppresses SCR1001 without a justification; set Justification to why the finding is acceptable"));
    }

    [Fact]
    public async Task Detect_SuppressMessageWithEmptyOrPlaceholderJustification()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            class C
            {
                [{|#0:SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "<Pending>")|}]
                void A() { }
                [{|#1:SuppressMessage("Security.Cryptography", "SCR1001", Justification = "")|}]
                void B() { }
                [{|#2:SuppressMessage("Security.Cryptography", "SCR1001", Justification = "   ")|}]
                void D() { }
                [{|#3:SuppressMessage("Security.Cryptography", "SCR1001", Justification = "TBD")|}]
                void E() { }
                [{|#4:SuppressMessage("Security.Cryptography", "SCR1001", Justification = null)|}]
                void F() { }
                [{|#5:SuppressMessage("Security.Cryptography", "SCR1001", MessageId = "md5", Justification = Reasons.Later)|}]
                void G() { }
            }
            static class Reasons { public const string Later = "todo:"; }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("[SuppressMessage]", "CA5351", "its Justification \"<Pending>\" is a placeholder: write why the finding is acceptable"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("[SuppressMessage]", "SCR1001", "its Justification is empty: write why the finding is acceptable"),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("[SuppressMessage]", "SCR1001", "its Justification is empty: write why the finding is acceptable"),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("[SuppressMessage]", "SCR1001", "its Justification \"TBD\" is a placeholder: write why the finding is acceptable"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("[SuppressMessage]", "SCR1001", SetJustification),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("[SuppressMessage]", "SCR1001", "its Justification \"todo:\" is a placeholder: write why the finding is acceptable"));
    }

    [Fact]
    public async Task Detect_EverySpellingOfTheAttribute()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            using Alias = System.Diagnostics.CodeAnalysis.SuppressMessageAttribute;
            class C
            {
                [{|#0:System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "SCR1002")|}]
                void A() { }
                [{|#1:global::System.Diagnostics.CodeAnalysis.SuppressMessageAttribute("Security", "SCR1002")|}]
                void B() { }
                [{|#2:UnconditionalSuppressMessage("Security", "SCR1002")|}]
                void D() { }
                [{|#3:SuppressMessage(checkId: "SCR1002", category: "Security")|}]
                void E() { }
                void F()
                {
                    [{|#4:SuppressMessage("Security", "SCR1002")|}]
                    void Local() { }
                    Local();
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("[SuppressMessage]", "SCR1002", SetJustification),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("[SuppressMessage]", "SCR1002", SetJustification),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("[UnconditionalSuppressMessage]", "SCR1002", SetJustification),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments("[SuppressMessage]", "SCR1002", SetJustification),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("[SuppressMessage]", "SCR1002", SetJustification));
    }

    [Fact]
    public async Task Detect_GlobalSuppressions_NameTheScopeTheyCover()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            [assembly: {|#0:SuppressMessage("Security.Injection", "SCR2001", Scope = "namespace", Target = "~N:Contoso.Legacy")|}]
            [assembly: {|#1:SuppressMessage("Security.Injection", "SCR2001", Scope = "namespaceanddescendants", Target = "~N:Contoso")|}]
            [assembly: {|#2:SuppressMessage("Security.Injection", "SCR2001", Scope = "type", Target = "~T:Contoso.Legacy.Report")|}]
            [assembly: {|#3:SuppressMessage("Security.Injection", "SCR2001:Title", Justification = "<Pending>", Scope = "member", Target = "~M:Contoso.Legacy.Report.Run(System.String)")|}]
            [assembly: {|#4:SuppressMessage("Security", "CA5350")|}]
            [module: {|#5:SuppressMessage("Security", "CA5351", Scope = "module")|}]
            namespace Contoso.Legacy
            {
                class Report { void Run(string sql) { } }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("[assembly: SuppressMessage] for namespace Contoso.Legacy", "SCR2001", SetJustification)
                .WithMessage("[assembly: SuppressMessage] for namespace Contoso.Legacy suppresses SCR2001 without a justification; set Justification to why the finding is acceptable"),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("[assembly: SuppressMessage] for namespace Contoso and the namespaces in it", "SCR2001", SetJustification),
            VerifyCS.Diagnostic().WithLocation(2).WithArguments("[assembly: SuppressMessage] for type Contoso.Legacy.Report", "SCR2001", SetJustification),
            VerifyCS.Diagnostic().WithLocation(3).WithArguments(
                "[assembly: SuppressMessage] for member Contoso.Legacy.Report.Run(System.String)", "SCR2001", "its Justification \"<Pending>\" is a placeholder: write why the finding is acceptable"),
            VerifyCS.Diagnostic().WithLocation(4).WithArguments("[assembly: SuppressMessage] for the whole assembly", "CA5350", SetJustification),
            VerifyCS.Diagnostic().WithLocation(5).WithArguments("[module: SuppressMessage] for the whole assembly", "CA5351", SetJustification));
    }

    [Fact]
    public async Task Detect_AdditionalSecurityRules_FromConfiguration()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            {|#0:#pragma warning disable S2077, S1118|}
            class C
            {
                [{|#1:SuppressMessage("Contoso.Security", "CTS0042")|}]
                void A() { }
                [SuppressMessage("Sonar", "S1118")]
                void B() { }
            }
            """,
            "dotnet_diagnostic.SCR9001.additional_security_rules = S2077, CTS*",
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "S2077", AddComment),
            VerifyCS.Diagnostic().WithLocation(1).WithArguments("[SuppressMessage]", "CTS0042", SetJustification));
    }

    [Fact]
    public async Task Detect_NamedSecurityRulesInGeneratedCode()
    {
        // A generator that silences a security rule is a deviation the evidence must show.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            // <auto-generated/>
            {|#0:#pragma warning disable CA5394|}
            class Generated { }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "CA5394", AddComment));
    }

    [Fact]
    public async Task Detect_PragmaSwitchingOffThisRuleItself_NeedsAReasonToo()
    {
        // Without this, one unexplained '#pragma warning disable SCR9001' would hide every unjustified suppression below it.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            {|#0:#pragma warning disable SCR9001, SCR1001|}
            class C { }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(Pragma, "SCR9001, SCR1001", GovernanceWhy + AddComment)
                .WithMessage("#pragma warning disable suppresses SCR9001, SCR1001 without a justification; suppressing a governance rule hides what it reports about other suppressions and settings; add a comment on the same line saying why the finding is acceptable"));
    }

    [Fact]
    public async Task Detect_PragmaSwitchingOffAGovernanceRule_IsReportedAtThePragma_WhichDoesNotCoverItself()
    {
        var (diagnostics, exceptions) = await RunAsync(
            """
            #pragma warning disable SCR9001
            #pragma warning disable SCR9002 // TODO
            #pragma warning disable SCR1001
            class C { }
            """,
            reportSuppressed: true);

        Assert.Empty(exceptions);
        Assert.Equal(
            [
                (0, false, "#pragma warning disable suppresses SCR9001 without a justification; " + GovernanceWhy + AddComment),
                (1, true, "#pragma warning disable suppresses SCR9002 without a justification; the comment 'TODO' is not a reason; " + GovernanceWhy + AddComment),
                (2, true, "#pragma warning disable suppresses SCR1001 without a justification; " + AddComment),
            ],
            diagnostics.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.IsSuppressed, d.GetMessage())).OrderBy(d => d.Line));
    }

    [Fact]
    public async Task Detect_SuppressMessageOfAGovernanceRule_IsReported_AndRecordedAsSuppressedByItself()
    {
        // The attribute's declaration covers the attribute, so its finding is suppressed with the rest: the compiler still
        // writes it to the SARIF log (suppressed, no justification), and the evidence report's audit lists it first.
        var (diagnostics, exceptions) = await RunAsync(
            """
            using System.Diagnostics.CodeAnalysis;

            [assembly: SuppressMessage("Security.Governance", "SCR9002")]

            class C
            {
                [SuppressMessage("Security.Governance", "SCR9001", Justification = "TBD")]
                void M()
                {
            #pragma warning disable SCR1001
                }
            }
            """,
            reportSuppressed: true);

        Assert.Empty(exceptions);
        Assert.Equal(
            [
                (2, false, "[assembly: SuppressMessage] for the whole assembly suppresses SCR9002 without a justification; " + GovernanceWhy + SetJustification),
                (6, true, "[SuppressMessage] suppresses SCR9001 without a justification; " + GovernanceWhy + "its Justification \"TBD\" is a placeholder: write why the finding is acceptable"),
                (9, true, "#pragma warning disable suppresses SCR1001 without a justification; " + AddComment),
            ],
            diagnostics.Select(d => (d.Location.GetLineSpan().StartLinePosition.Line, d.IsSuppressed, d.GetMessage())).OrderBy(d => d.Line));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_PragmaWithAReasonOnTheSameLine()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Security.Cryptography;
            class C
            {
                byte[] GitObjectId(byte[] blob)
                {
            #pragma warning disable SCR1001 // Git object ids are SHA-1 by format; not used for integrity.
            #pragma warning disable CA5350, CA5351 // legacy device protocol v2 fixes MD5 (see ADR-017)
            #pragma warning disable SCS0006 // TODO: remove when firmware 3.x is retired; MD5 is only a cache key here
            #pragma warning disable SCR2001 // JIRA-4711: query text is a compile-time constant
                    return SHA1.HashData(blob);
            #pragma warning restore SCR1001, CA5350, CA5351, SCS0006, SCR2001
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_PragmasOfNonSecurityRules()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            #pragma warning disable CS1591
            #pragma warning disable 1591, 0618, 8618
            #pragma warning disable IDE0005, IDE0051
            #pragma warning disable CA1822, CA2000, CA1050, CA1062, CA2007, CA2101, CA2329X
            #pragma warning disable xUnit1004, xUnit2013
            #pragma warning disable S1118, S3925
            #pragma warning disable SA1600, RCS1036, MA0004, VSTHRD200, CS8600, SYSLIB0021, NU1603
            #pragma warning disable SCR1, SCR12345
            #nullable disable
            class C { }
            #nullable restore
            #pragma warning restore
            #pragma warning restore SCR1001
            """);
    }

    [Fact]
    public async Task Safe_BarePragmaWithAReason_OrInGeneratedCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            #pragma warning disable // vendored third-party source (Contoso.Parser 2.1); reviewed in SEC-88
            class C { }
            #pragma warning restore
            """);
        await VerifyCS.VerifyAnalyzerAsync(
            """
            // <auto-generated>
            //     This code was generated by a tool.
            // </auto-generated>
            #pragma warning disable
            class Generated { }
            """);
    }

    [Fact]
    public async Task Safe_PragmaInAnInactiveRegion()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            class C
            {
            #if NEVER_DEFINED
            #pragma warning disable SCR1001
            #endif
            }
            """);
    }

    [Fact]
    public async Task Safe_SuppressMessageWithAJustification()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            [assembly: SuppressMessage("Security.Injection", "SCR2001", Justification = "Generated EF migrations: SQL is built from the model, no input.", Scope = "namespaceanddescendants", Target = "~N:Contoso.Migrations")]
            class C
            {
                private const string Reason = "RFC 4122 UUIDv5 requires SHA-1; not used for integrity.";

                [SuppressMessage("Security.Cryptography", "SCR1001:Do not use broken hash algorithms", Justification = "RFC 4122 UUIDv5 requires SHA-1; not used for integrity.")]
                void A() { }
                [SuppressMessage("Security.Cryptography", "SCR1001", Justification = Reason)]
                void B() { }
                [UnconditionalSuppressMessage("Security", "CA5351", Justification = "Interop with the " + "v1 bootloader, which only checks MD5.")]
                void D() { }
                [SuppressMessage("Security", "SCR1001", Justification = "TODO: remove with the legacy importer; cache key only")]
                void E() { }
            }
            """);
    }

    [Fact]
    public async Task Safe_SuppressMessageOfNonSecurityRules_WithoutJustification()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            [assembly: SuppressMessage("Style", "IDE0005")]
            [assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "<Pending>", Scope = "module")]
            class C
            {
                [SuppressMessage("Performance", "CA1822:Mark members as static")]
                void A() { }
                [SuppressMessage("Usage", "xUnit1004")]
                void B() { }
                [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode")]
                void D() { }
                [SuppressMessage("Security", "")]
                void E() { }
                [SuppressMessage("Microsoft.Design", "CA1031:DoNotCatchGeneralExceptionTypes", Justification = "")]
                void F() { }
            }
            """);
    }

    [Fact]
    public async Task Safe_SuppressionsTheCompilerIgnores()
    {
        // Ids match case-sensitively, a title is only taken after a colon, unknown scopes and symbol scopes without a
        // target suppress nothing: nothing is set aside, so there is nothing to justify.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            [assembly: SuppressMessage("Security", "SCR2001", Scope = "file", Target = "~N:Contoso")]
            [assembly: SuppressMessage("Security", "SCR2001", Scope = "type")]
            [assembly: SuppressMessage("Security", "SCR2001", Target = "~T:Contoso.C")]
            [assembly: SuppressMessage("Security", "SCR2001", Scope = "resource", Target = "Contoso.Strings.resources")]
            #pragma warning disable scr1001, ca5351
            namespace Contoso
            {
                class C
                {
                    [SuppressMessage("Security", "scr1001")]
                    void A() { }
                    [SuppressMessage("Security", "SCR1001 : Title")]
                    void B() { }
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_GovernanceRuleSwitchedOffWithAReason_SilencesItsFindingsBelow()
    {
        // A justified suppression of SCR9001 is a reviewed decision; the findings it silences stay in the SARIF log, marked suppressed.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            #pragma warning disable SCR9001 // third_party/ is vendored unchanged from upstream; reviewed in SEC-12
            #pragma warning disable SCR1001
            class C { }
            """);
    }

    [Fact]
    public async Task Safe_SuppressMessageOfAGovernanceRuleWithAJustification()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Diagnostics.CodeAnalysis;

            [assembly: SuppressMessage("Security.Governance", "SCR9001", Justification = "third_party/ is vendored unchanged from upstream; reviewed in SEC-12.", Scope = "namespaceanddescendants", Target = "~N:Contoso.ThirdParty")]

            class C
            {
                [SuppressMessage("Security.Governance", "SCR9002", Justification = "Build file checks run in the product repository, not here.")]
                void M() { }
            }
            """);
    }

    [Fact]
    public async Task Safe_AnotherAttributeNamedSuppressMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            namespace Contoso.Lint
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                sealed class SuppressMessageAttribute : System.Attribute
                {
                    public SuppressMessageAttribute(string category, string checkId) { }
                }

                class C
                {
                    [SuppressMessage("Security", "SCR1001")]
                    void A() { }
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCode_NeverThrows_AndReportsWhatIsClear()
    {
        var (diagnostics, exceptions) = await RunAsync(
            """
            using System.Diagnostics.CodeAnalysis;
            #pragma warning disable SCR1001,
            #pragma warning disable ,
            #pragma warning
            #pragma warning disable SCR1002 SCR1003
            #pragma
            class C
            {
                [SuppressMessage("Security")]
                void A() { }
                [SuppressMessage(]
                void B() { }
                [SuppressMessage("Security", "SCR1001", Justification = )]
                void D() { }
                [SuppressMessage("Security", Undefined.Id)]
                void E() { }
                [SuppressMessage("Security", "SCR1001", Justification = Undefined.Reason)]
                void F() { }
                [SuppressMessage("Security", "SCR1001", Scope = "namespace")]
                void G() { }
                [SuppressMessage
                void H() { }
            """);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var messages = diagnostics.Where(d => d.Id == "SCR9001").Select(d => d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.StartsWith("#pragma warning disable suppresses SCR1001 without", System.StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[SuppressMessage] suppresses SCR1001 without", System.StringComparison.Ordinal));
    }

    // ---- Fix ----

    [Fact]
    public void Fix_NoneOffered_ByDesign()
    {
        // A justification is a reviewer's judgement: a fix that wrote one (or an empty one) would forge the evidence.
        var fixers = typeof(SafeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)System.Activator.CreateInstance(t)!)
            .Where(f => f.FixableDiagnosticIds.Contains("SCR9001"));
        Assert.Empty(fixers);
    }

    [Fact]
    public async Task Fix_NotOffered_ForAnUnjustifiedPragma()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            [|#pragma warning disable SCR1001|]
            class C { }
            """);
    }

    /// <summary>
    /// The shared verifier without the testing library's suppression check. That check puts
    /// <c>#pragma warning disable SCR9001</c> (no comment) above each test and expects silence; SCR9001 reports that very
    /// pragma by design, since a governance rule's own suppression needs a reason (rules/SCR9001.md).
    /// </summary>
    private static class VerifyCS
    {
        public static DiagnosticResult Diagnostic() => CSharpVerifier<SuppressionJustificationAnalyzer, EmptyCodeFixProvider>.Diagnostic();

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) => VerifyAnalyzerAsync(source, null, expected);

        public static Task VerifyAnalyzerAsync(string source, string? globalConfig, params DiagnosticResult[] expected)
        {
            var test = new CSharpAnalyzerTest<SuppressionJustificationAnalyzer, DefaultVerifier>
            {
                TestCode = source,
                ReferenceAssemblies = CSharpVerifier<SuppressionJustificationAnalyzer, EmptyCodeFixProvider>.References,
                CompilerDiagnostics = CompilerDiagnostics.Errors,
                TestBehaviors = TestBehaviors.SkipSuppressionCheck,
            };
            if (globalConfig is not null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
            }

            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public static Task VerifyNoCodeFixAsync(string source)
        {
            var test = new CSharpCodeFixTest<SuppressionJustificationAnalyzer, EmptyCodeFixProvider, DefaultVerifier>
            {
                TestCode = source,
                FixedCode = source,
                ReferenceAssemblies = CSharpVerifier<SuppressionJustificationAnalyzer, EmptyCodeFixProvider>.References,
                CompilerDiagnostics = CompilerDiagnostics.Errors,
                TestBehaviors = TestBehaviors.SkipSuppressionCheck,
            };
            return test.RunAsync(CancellationToken.None);
        }
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, ConcurrentBag<string> Exceptions)> RunAsync(string source, bool reportSuppressed = false)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(source, path: "Broken.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, diagnostic) => exceptions.Add(exception.ToString()),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: reportSuppressed);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SuppressionJustificationAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (diagnostics, exceptions);
    }
}
