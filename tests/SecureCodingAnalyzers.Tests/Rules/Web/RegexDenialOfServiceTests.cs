using System.Threading.Tasks;
using SecureCodingAnalyzers.Rules.Web;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Web.RegexDenialOfServiceCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Web;

/// <summary>SCR7011, regular expressions that can backtrack without limit on request data.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class RegexDenialOfServiceTests
{
    private const string Rule = "SCR7011";

    // ---- Detect: the pattern checker ----

    [Theory]
    [InlineData(@"(a+)+$")]
    [InlineData(@"^(a*)*b")]
    [InlineData(@"^(\w+\s?)*$")]
    [InlineData(@"^(a|a)*$")]
    [InlineData(@"^(\w|\d)+$")]
    [InlineData(@"^(.*a){12}$")]
    [InlineData(@"^(.*,)+$")]
    [InlineData(@"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$")]
    [InlineData(@"^(([a-z])+.)+[A-Z]([a-z])+$")]
    [InlineData(@"(?:x+x+)+y")]
    [InlineData(@"^(?<word>\w+\.?)*@example\.com$")]
    [InlineData(@"^(\s*\w+\s*)*=")]
    public void Detect_CatastrophicPatterns(string pattern)
        => Assert.True(BacktrackingPattern.IsCatastrophic(pattern), pattern);

    [Theory]
    [InlineData(@"^\d+$")]
    [InlineData(@"^[a-z0-9_-]{3,16}$")]
    [InlineData(@"^(\d+\.)+\d+$")]
    [InlineData(@"^([^,]+,)*[^,]+$")]
    [InlineData(@"^(\w+\s)+$")]
    [InlineData(@"^(foo|bar)*$")]
    [InlineData(@"^(?>a+)+$")]
    [InlineData(@"^[\w.+-]+@[\w-]+\.[\w.-]+$")]
    [InlineData(@"^(\w+([-+.']\w+)*)@example\.com$")]
    [InlineData(@"""(\\.|[^""\\])*""")]
    [InlineData(@"^(ab+)+$")]
    [InlineData(@"(a+)+(")]
    [InlineData(@"^\s*(\w+)\s*=\s*(.*?)\s*$")]
    [InlineData(@"^(\d{1,3}\.){3}\d{1,3}$")]
    public void Safe_LinearPatterns(string pattern)
        => Assert.False(BacktrackingPattern.IsCatastrophic(pattern), pattern);

    [Fact]
    public void Safe_ExtendedSyntaxIsRead()
    {
        // With IgnorePatternWhitespace, the space and the comment are not part of the pattern.
        Assert.True(BacktrackingPattern.IsCatastrophic("^( a+ )+ $  # nested", 0x20));
        Assert.False(BacktrackingPattern.IsCatastrophic("^ \\d+ $ # digits", 0x20));
    }

    // ---- Detect: request data ----

    [Fact]
    public async Task Detect_StaticCallOnQueryValue()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class AccountController : ControllerBase
            {
                public IActionResult Check(string {|#1:email|})
                    => Ok(Regex.IsMatch({|#0:email|}, @"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}[a-z]{2,3}$"));
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("untrusted HTTP input 'email' (line 5)", "the input of a regular expression (line 6)"));
    }

    [Fact]
    public async Task Detect_InstancesBuiltInTheBodyFieldsAndGeneratedRegex()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public partial class SearchController : ControllerBase
            {
                private static readonly Regex Words = new Regex(@"^(\w+\s?)*$", RegexOptions.Compiled);

                [GeneratedRegex(@"^(a+)+$")]
                private static partial Regex Nested();

                public IActionResult A(string {|#1:q|})
                {
                    var regex = new Regex(@"^(\w+\s?)*$");
                    return Ok(regex.IsMatch({|#0:q|}));
                }

                public IActionResult B(string {|#3:q|}) => Ok(Words.Match({|#2:q|}).Success);
                public IActionResult C(string {|#5:q|}) => Ok(Nested().IsMatch({|#4:q|}));
                public IActionResult D(string {|#7:q|}) => Ok(Regex.Replace({|#6:q|}, @"(.*,)+", "", RegexOptions.None, Regex.InfiniteMatchTimeout));
                public IActionResult E(string {|#9:q|}) => Ok(new Regex("(a|a)*b").Split({|#8:q|}));
            }

            partial class SearchController
            {
                private static partial Regex Nested() => new Regex("^(a+)+$"); // what the generator writes, in short
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5),
            Finding.At(Rule, 6, 7),
            Finding.At(Rule, 8, 9));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_BoundedOrLinear()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public partial class SearchController : ControllerBase
            {
                private static readonly Regex WithTimeout = new Regex(@"^(\w+\s?)*$", RegexOptions.None, TimeSpan.FromMilliseconds(200));

                [GeneratedRegex(@"^(a+)+$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
                private static partial Regex Bounded();

                public IActionResult A(string q) => Ok(Regex.IsMatch(q, @"^(\w+\s?)*$", RegexOptions.None, TimeSpan.FromSeconds(1)));
                public IActionResult B(string q) => Ok(Regex.IsMatch(q, @"^(\w+\s?)*$", RegexOptions.NonBacktracking));
                public IActionResult C(string q) => Ok(Regex.IsMatch(q, @"^[a-z0-9_-]{3,16}$"));
                public IActionResult D(string q) => Ok(WithTimeout.IsMatch(q));
                public IActionResult E(string q) => Ok(Bounded().IsMatch(q));
                public IActionResult F(string q) => Ok(new Regex(@"^(a+)+$", RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch(q));
                public IActionResult G(string q, Regex unknown) => Ok(unknown.IsMatch(q));

                // A constant input.
                public IActionResult H(string q) => Ok(Regex.IsMatch("aaaa", @"^(a+)+$") && q.Length > 0);

                // Validated first: an allow-list check or a parse bounds the input.
                public IActionResult I(string q)
                {
                    if (!int.TryParse(q, out _))
                    {
                        return BadRequest();
                    }

                    return Ok(Regex.IsMatch(q, @"^(\d+)+$"));
                }
            }

            partial class SearchController
            {
                private static partial Regex Bounded() => new Regex("^(a+)+$", RegexOptions.None, System.TimeSpan.FromMilliseconds(100));
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_ProcessWideDefaultTimeout()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class SearchController : ControllerBase
            {
                static SearchController() => AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromSeconds(2));
                public IActionResult A(string q) => Ok(Regex.IsMatch(q, @"^(\w+\s?)*$"));
            }
            """,
            TestReferences.Web);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_AddsTimeoutToStaticCallsAndLocalConstruction()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class SearchController : ControllerBase
            {
                public IActionResult A(string q) => Ok(Regex.IsMatch({|SCR7011:q|}, @"^(\w+\s?)*$"));
                public IActionResult B(string q) => Ok(Regex.IsMatch({|SCR7011:q|}, @"^(\w+\s?)*$", RegexOptions.IgnoreCase));
                public IActionResult C(string q)
                {
                    var regex = new Regex(@"^(a+)+$");
                    return Ok(regex.IsMatch({|SCR7011:q|}));
                }
            }
            """,
            """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class SearchController : ControllerBase
            {
                public IActionResult A(string q) => Ok(Regex.IsMatch(q, @"^(\w+\s?)*$", RegexOptions.None, TimeSpan.FromSeconds(1)));
                public IActionResult B(string q) => Ok(Regex.IsMatch(q, @"^(\w+\s?)*$", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
                public IActionResult C(string q)
                {
                    var regex = new Regex(@"^(a+)+$", RegexOptions.None, TimeSpan.FromSeconds(1));
                    return Ok(regex.IsMatch(q));
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Fix_NotOfferedForFieldsAndGeneratedRegex()
    {
        await VerifyCS.VerifyNoCodeFixAsync(
            """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;
            public class SearchController : ControllerBase
            {
                private static readonly Regex Words = new Regex(@"^(\w+\s?)*$");
                public IActionResult B(string q) => Ok(Words.IsMatch({|SCR7011:q|}));
            }
            """,
            TestReferences.Web);
    }
}
