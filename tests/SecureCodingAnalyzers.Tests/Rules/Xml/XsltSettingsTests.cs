using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Xml.XsltSettingsAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Xml.XsltSettingsCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Xml;

public class XsltSettingsTests
{
    // ---- Detect ----

    [Fact]
    public async Task Detect_TrustedXslt()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            using System.Xml.Xsl;
            class C
            {
                XslCompiledTransform M(string path)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(path, {|#0:XsltSettings.TrustedXslt|}, null);
                    return xslt;
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments(
                "XslCompiledTransform.Load",
                "XsltSettings.TrustedXslt, which runs the stylesheet's embedded script blocks and enables document()"));
    }

    [Fact]
    public async Task Detect_ScriptsEnabledByConstructorInitializerOrStatement()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            using System.Xml.Xsl;
            class C
            {
                void Constructor(XslCompiledTransform xslt, XmlReader stylesheet) => xslt.Load(stylesheet, [|new XsltSettings(false, true)|], null);
                void Named(XslCompiledTransform xslt, XmlReader stylesheet) => xslt.Load(stylesheet, [|new XsltSettings(enableDocumentFunction: false, enableScript: true)|], null);
                void Initializer(XslCompiledTransform xslt, string path) => xslt.Load(path, {|#0:new XsltSettings { EnableScript = true }|}, null);
                void Statement(XslCompiledTransform xslt, string path)
                {
                    var settings = new XsltSettings();
                    settings.EnableScript = true;
                    xslt.Load(path, [|settings|], new XmlUrlResolver());
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithArguments("XslCompiledTransform.Load", "embedded script blocks enabled (EnableScript)"));
    }

    [Fact]
    public async Task Detect_DocumentFunctionWithResolvingResolver()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt, string path, XmlReader input, XmlWriter output)
                {
                    xslt.Load(path, {|#0:new XsltSettings(true, false)|}, null);
                    xslt.Transform(input, null, output, {|#1:new XmlUrlResolver()|});
                }
                void N(XslCompiledTransform xslt, string path, XmlReader input, XmlWriter output)
                {
                    var resolver = new XmlUrlResolver();
                    var settings = new XsltSettings { EnableDocumentFunction = true };
                    xslt.Load(path, {|#2:settings|}, null);
                    xslt.Transform(input, null, output, {|#3:resolver|});
                }
            }
            """,
            VerifyCS.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "XslCompiledTransform.Load",
                "the document() function enabled and XmlUrlResolver passed to Transform, which reads any file or URL the stylesheet names"),
            VerifyCS.Diagnostic().WithLocation(2).WithLocation(3).WithArguments(
                "XslCompiledTransform.Load",
                "the document() function enabled and XmlUrlResolver passed to Transform, which reads any file or URL the stylesheet names"));
    }

    [Fact]
    public async Task Detect_ScriptsOnNetFramework()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt, string path) => xslt.Load(path, [|XsltSettings.TrustedXslt|], null);
            }
            """,
            TestReferences.NetFramework48);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_DefaultSettingsAndNoResolver()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Xml;
            using System.Xml.Resolvers;
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt, string path, XmlReader reader, XsltSettings injected, XmlResolver resolver)
                {
                    xslt.Load(path);
                    xslt.Load(reader);
                    xslt.Load(path, XsltSettings.Default, new XmlUrlResolver());
                    xslt.Load(path, null, new XmlUrlResolver());
                    xslt.Load(path, new XsltSettings(), new XmlUrlResolver());
                    xslt.Load(path, new XsltSettings(false, false), new XmlUrlResolver());
                    xslt.Load(path, new XsltSettings(true, false), null);
                    xslt.Load(path, new XsltSettings { EnableDocumentFunction = true }, XmlResolver.ThrowingResolver);
                    xslt.Load(path, new XsltSettings(true, false), new XmlPreloadedResolver());
                    xslt.Load(path, injected, new XmlUrlResolver());
                    xslt.Load(path, new XsltSettings(true, false), resolver);
                }
                void Disabled(XslCompiledTransform xslt, string path, bool allowScripts)
                {
                    var settings = new XsltSettings(false, allowScripts);
                    xslt.Load(path, settings, null);
                    var switchedOff = new XsltSettings(true, true);
                    switchedOff.EnableScript = false;
                    switchedOff.EnableDocumentFunction = false;
                    xslt.Load(path, switchedOff, new XmlUrlResolver());
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt) => xslt.{|CS1501:Load|}("a", "b", "c", "d");
                void N(XslCompiledTransform xslt) => xslt.Load("a", XsltSettings.{|CS0117:Missing|}, null);
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_UseDefaultSettings()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Xml;
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt, string path)
                {
                    xslt.Load(path, [|XsltSettings.TrustedXslt|], new XmlUrlResolver());
                    xslt.Load(path, [|new XsltSettings(true, true)|], new XmlUrlResolver());
                }
            }
            """,
            """
            using System.Xml;
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt, string path)
                {
                    xslt.Load(path, XsltSettings.Default, new XmlUrlResolver());
                    xslt.Load(path, XsltSettings.Default, new XmlUrlResolver());
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOfferedForALocal()
    {
        await VerifyCS.VerifyNoCodeFixAsync("""
            using System.Xml.Xsl;
            class C
            {
                void M(XslCompiledTransform xslt, string path)
                {
                    var settings = new XsltSettings { EnableScript = true };
                    xslt.Load(path, [|settings|], null);
                }
            }
            """);
    }
}
