using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyXml = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Xml.XmlExternalEntityAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Xml.XmlExternalEntityCodeFixProvider>;
using VerifyXslt = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Xml.XsltSettingsAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Xml.XsltSettingsCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Xml;

/// <summary>
/// Precision review of SCR3010-SCR3013 on supplier code as it is written: industrial configuration loaders, SOAP-era
/// helpers, shared settings factories, DTD validation, XmlDocument subclasses, XSLT reporting, multi-targeted and
/// .NET Standard libraries. The expectation of each case was decided before running the rules: only explicit opt-ins
/// are reported, and the .NET Framework legacy defaults only for targets before 4.5.2.
/// </summary>
public class XmlReviewTests
{
    /// <summary>.NET Framework 4.8 reference assemblies plus LINQ to XML.</summary>
    private static readonly ReferenceAssemblies NetFramework = TestReferences.NetFramework48.AddAssemblies(ImmutableArray.Create("System.Xml.Linq"));

    private const string Net451 = """[assembly: System.Runtime.Versioning.TargetFramework(".NETFramework,Version=v4.5.1")]""";
    private const string Net472 = """[assembly: System.Runtime.Versioning.TargetFramework(".NETFramework,Version=v4.7.2")]""";
    private const string Net48 = """[assembly: System.Runtime.Versioning.TargetFramework(".NETFramework,Version=v4.8")]""";
    private const string NetStandard20 = """[assembly: System.Runtime.Versioning.TargetFramework(".NETStandard,Version=v2.0")]""";

    /// <summary>An OPC UA style configuration loader: XmlDocument.Load of a file path, XPath over it.</summary>
    private const string ConfigLoader = """
        using System.Xml;
        public sealed class ServerConfigurationLoader
        {
            public string? ReadEndpointUrl(string configPath)
            {
                var doc = new XmlDocument();
                doc.Load(configPath);
                return doc.SelectSingleNode("/ApplicationConfiguration/ServerConfiguration/BaseAddresses/string")?.InnerText;
            }
        }
        """;

    /// <summary>A SOAP-era helper: an XmlTextReader over the response stream of a device's web service.</summary>
    private const string SoapHelper = """
        using System.IO;
        using System.Net;
        using System.Xml;
        public static class SoapEnvelopeReader
        {
            public static string? ReadFault(WebResponse response)
            {
                using (Stream body = response.GetResponseStream())
                using (var reader = new XmlTextReader(body))
                {
                    reader.WhitespaceHandling = WhitespaceHandling.None;
                    while (reader.Read())
                    {
                        if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "faultstring")
                        {
                            return reader.ReadElementContentAsString();
                        }
                    }
                }

                return null;
            }
        }
        """;

    /// <summary>Settings from a shared static factory in another class; the consumer only sees a call.</summary>
    private const string SharedFactory = """
        using System.IO;
        using System.Xml;
        internal static class XmlDefaults
        {
            // Internal DTD subsets (entities for units, default attributes) are part of the device description format.
            public static XmlReaderSettings DeviceDescriptionSettings()
            {
                return new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, IgnoreComments = true };
            }
        }
        public sealed class DeviceDescriptionParser
        {
            public int CountParameters(Stream input)
            {
                var count = 0;
                using (var reader = XmlReader.Create(input, XmlDefaults.DeviceDescriptionSettings()))
                {
                    while (reader.ReadToFollowing("Parameter")) { count++; }
                }

                return count;
            }
        }
        """;

    /// <summary>Puts the generated TargetFramework attribute after the using directives (and after a leading #define).</summary>
    private static string Targeting(string attribute, string source)
    {
        var lines = source.Split('\n').ToList();
        var last = lines.FindLastIndex(l => l.StartsWith("using ", System.StringComparison.Ordinal) || l.StartsWith("#define", System.StringComparison.Ordinal));
        lines.Insert(last + 1, attribute);
        return string.Join("\n", lines);
    }

    // ---- Detect ----

    [Fact]
    public async Task Detect_ConfigLoader_XmlDocumentLoadPath_OnNet451()
    {
        // 4.5.1 keeps the XmlUrlResolver default: the configuration file's DTD could pull in any file or URL.
        await VerifyXml.VerifyAnalyzerAsync(
            Targeting(Net451, ConfigLoader.Replace("var doc = new XmlDocument();", "var doc = {|SCR3012:new XmlDocument()|};")),
            NetFramework);
    }

    [Fact]
    public async Task Detect_SharedFactory_ParseWithTheLegacyDefaultResolver_OnNet451()
    {
        // Reported once, in the factory that sets DtdProcessing.Parse; the consumer's call is not a second finding.
        await VerifyXml.VerifyAnalyzerAsync(
            Targeting(Net451, SharedFactory.Replace("DtdProcessing = DtdProcessing.Parse", "{|SCR3010:DtdProcessing = DtdProcessing.Parse|}")),
            NetFramework);
    }

    [Fact]
    public async Task Detect_SoapHelper_ExplicitUrlResolverWithCredentials_OnNet48()
    {
        // Someone "fixed" a proxy problem by giving the reader credentials: an explicit opt-in on every framework.
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Net;
            using System.Xml;
            {{Net48}}
            public static class SoapEnvelopeReader
            {
                public static void Read(WebResponse response)
                {
                    var reader = new XmlTextReader(response.GetResponseStream());
                    {|SCR3010:reader.XmlResolver = new XmlUrlResolver { Credentials = CredentialCache.DefaultNetworkCredentials }|};
                    while (reader.Read()) { }
                }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Detect_DtdValidationWithUrlResolver()
    {
        // Validating against the product's DTD with an XmlUrlResolver also resolves every external entity the
        // document declares: reported (suppress with a justification when the documents are the product's own).
        await VerifyXml.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            public sealed class RecipeValidator
            {
                public void Validate(Stream recipe)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Parse,
                        ValidationType = ValidationType.DTD,
                        {|SCR3010:XmlResolver = new XmlUrlResolver()|},
                    };
                    settings.ValidationEventHandler += (_, e) => throw new XmlException(e.Message);
                    using var reader = XmlReader.Create(recipe, settings);
                    while (reader.Read()) { }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_XDocumentAndXPathDocumentOverUnsafeSettings()
    {
        // The settings are the finding; the XDocument / XPathDocument over the reader is not a second one.
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;
            {{Net48}}
            public static class Imports
            {
                public static XDocument Linq(Stream input)
                {
                    var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, {|SCR3010:XmlResolver = new XmlUrlResolver()|} };
                    using (var reader = XmlReader.Create(input, settings)) { return XDocument.Load(reader); }
                }
                public static XPathDocument Navigable(string path)
                {
                    var settings = new XmlReaderSettings();
                    settings.DtdProcessing = DtdProcessing.Parse;
                    {|SCR3010:settings.XmlResolver = new XmlUrlResolver()|};
                    using (var reader = XmlReader.Create(path, settings)) { return new XPathDocument(reader); }
                }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Detect_Net472_XmlDocumentWithExplicitUrlResolver()
    {
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            {{Net472}}
            public sealed class ProjectFileReader
            {
                public XmlDocument Read(string xml)
                {
                    var doc = new XmlDocument { PreserveWhitespace = true, {|SCR3010:XmlResolver = new XmlUrlResolver()|} };
                    doc.LoadXml(xml);
                    return doc;
                }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Detect_MultiTargeted_LegacyBranchOnNet451()
    {
        // The net451 build of a multi-targeted library compiles the NETFRAMEWORK branch: the legacy reader is reported there.
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            #define NETFRAMEWORK
            using System.IO;
            using System.Xml;
            {{Net451}}
            public static class TagListReader
            {
                public static int Count(Stream input)
                {
            #if NETFRAMEWORK
                    var reader = {|SCR3012:new XmlTextReader(input)|};
            #else
                    var reader = XmlReader.Create(input);
            #endif
                    var count = 0;
                    while (reader.Read()) { count++; }
                    return count;
                }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Detect_XmlDocumentSubclassThatDoesNotConfigureItself_OnNet451()
    {
        // A subclass that only adds helpers keeps the legacy defaults.
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            {{Net451}}
            public class ConfigDocument : XmlDocument
            {
                public string? Value(string xpath) => SelectSingleNode(xpath)?.InnerText;
            }
            public static class Loader
            {
                public static ConfigDocument Load(string path) { var doc = {|SCR3012:new ConfigDocument()|}; doc.Load(path); return doc; }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Detect_Xslt_DocumentFunctionWithAResolvingTransformResolver()
    {
        // document() is resolved at Transform time, by the resolver passed to Transform.
        await VerifyXslt.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Xml;
            using System.Xml.Xsl;
            public static class ReportRenderer
            {
                public static void Render(string stylesheet, XmlReader data, TextWriter output)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, {|#0:new XsltSettings(enableDocumentFunction: true, enableScript: false)|}, null);
                    using var writer = XmlWriter.Create(output);
                    xslt.Transform(data, null, writer, {|#1:new XmlUrlResolver()|});
                }
            }
            """,
            VerifyXslt.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "XslCompiledTransform.Load",
                "the document() function enabled and XmlUrlResolver passed to Transform, which reads any file or URL the stylesheet names"));
    }

    [Fact]
    public async Task Detect_Xslt_DocumentFunctionWithTheNetFrameworkDefaultTransformResolver()
    {
        // On .NET Framework, Transform without a resolver resolves document() with an XmlUrlResolver.
        await VerifyXslt.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            using System.Xml.Xsl;
            {{Net48}}
            public static class ReportRenderer
            {
                public static void Render(string stylesheet, XmlReader data, TextWriter output)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, {|#0:new XsltSettings { EnableDocumentFunction = true }|}, null);
                    {|#1:xslt.Transform(data, null, output)|};
                }
            }
            """,
            NetFramework,
            VerifyXslt.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "XslCompiledTransform.Load",
                "the document() function enabled and the XmlUrlResolver that .NET Framework's Transform uses by default, which reads any file or URL the stylesheet names"));
    }

    [Fact]
    public async Task Detect_Xslt_TrustedXsltInANet48ReportTool()
    {
        await VerifyXslt.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            using System.Xml.Xsl;
            {{Net48}}
            public static class BatchReport
            {
                public static XslCompiledTransform Compile(string path)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(path, [|XsltSettings.TrustedXslt|], new XmlUrlResolver());
                    return xslt;
                }
            }
            """,
            NetFramework);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ConfigLoader_XmlDocumentLoadPath_OnModernTargets()
    {
        // net48, net472, netstandard2.0 (runs on .NET Framework 4.6.1+ or .NET Core), net8: no default resolver.
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net48, ConfigLoader), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net472, ConfigLoader), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(NetStandard20, ConfigLoader), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(ConfigLoader);
    }

    [Fact]
    public async Task Safe_NetStandardLibrary_FromTheBuildProperty()
    {
        // A netstandard2.0 library built without the generated attribute: the TargetFramework property decides.
        await VerifyXml.VerifyAnalyzerAsync(ConfigLoader, NetFramework, "build_property.TargetFramework = netstandard2.0");
        await VerifyXml.VerifyAnalyzerAsync(SoapHelper, NetFramework, "build_property.TargetFramework = netstandard2.0");
    }

    [Fact]
    public async Task Safe_SoapHelper_XmlTextReaderOverNetworkStream_OnModernTargets()
    {
        // XmlTextReader parses DTDs but has no resolver from 4.5.2 on and on .NET (Core); expansion is capped.
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net48, SoapHelper), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net472, SoapHelper), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(SoapHelper);
    }

    [Fact]
    public async Task Safe_SharedFactory_ParseWithoutResolver_OnModernTargets()
    {
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net48, SharedFactory), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(NetStandard20, SharedFactory), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(SharedFactory);
    }

    [Fact]
    public async Task Safe_ParseWithNullResolver_InternalEntitiesOnly()
    {
        // Internal entities only, expansion capped at 10,000,000 characters by the framework.
        const string source = """
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;
            public static class NodeSetImporter
            {
                private static readonly XmlReaderSettings Settings = new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Parse,
                    XmlResolver = null,
                };

                public static XDocument Import(Stream nodeSet)
                {
                    using (var reader = XmlReader.Create(nodeSet, Settings)) { return XDocument.Load(reader); }
                }
            }
            """;
        await VerifyXml.VerifyAnalyzerAsync(source);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net48, source), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(NetStandard20, source), NetFramework);
    }

    [Fact]
    public async Task Safe_DtdValidationWithPreloadedLocalDtd()
    {
        // The validating DTD is preloaded; anything else the document names is refused.
        await VerifyXml.VerifyAnalyzerAsync("""
            using System;
            using System.IO;
            using System.Xml;
            using System.Xml.Resolvers;
            public sealed class RecipeValidator
            {
                public void Validate(Stream recipe, byte[] recipeDtd)
                {
                    var resolver = new XmlPreloadedResolver();
                    resolver.Add(new Uri("urn:vendor:recipe.dtd"), recipeDtd);
                    var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, ValidationType = ValidationType.DTD, XmlResolver = resolver };
                    using var reader = XmlReader.Create(recipe, settings);
                    while (reader.Read()) { }
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_XmlDocumentSubclassThatOverridesTheResolver()
    {
        // The override drops whatever is assigned: the assignment through it does not configure a resolver.
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            {{Net48}}
            public class HardenedXmlDocument : XmlDocument
            {
                public override XmlResolver? XmlResolver { set { base.XmlResolver = null; } }
            }
            public static class Loader
            {
                public static XmlDocument Load(string xml)
                {
                    var doc = new HardenedXmlDocument { XmlResolver = new XmlUrlResolver() };
                    doc.LoadXml(xml);
                    return doc;
                }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Safe_XmlDocumentSubclassHardenedInItsConstructor_OnNet451()
    {
        // The usual hardening of legacy code: the subclass switches resolution off itself.
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            {{Net451}}
            public class SafeXmlDocument : XmlDocument
            {
                public SafeXmlDocument() { XmlResolver = null; }
            }
            public static class Loader
            {
                public static XmlDocument Load(string path) { var doc = new SafeXmlDocument(); doc.Load(path); return doc; }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Safe_XDocumentAndXPathDocument_OnModernTargets()
    {
        const string source = """
            using System.Xml.Linq;
            using System.Xml.XPath;
            public static class Readers
            {
                public static XDocument Linq(string path) => XDocument.Load(path);
                public static XElement Element(string xml) => XElement.Parse(xml);
                public static XPathDocument Navigable(string path) => new XPathDocument(path);
            }
            """;
        await VerifyXml.VerifyAnalyzerAsync(source);
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net48, source), NetFramework);
    }

    [Fact]
    public async Task Safe_XDocumentLoad_OnNet451_DocumentedLimit()
    {
        // Deliberate limit: on .NET Framework before 4.5.2 XDocument.Load parses DTDs with the default resolver too,
        // but the rule does not model LINQ to XML's internal settings (SCR3010 page, "Not reported").
        await VerifyXml.VerifyAnalyzerAsync(
            $$"""
            using System.Xml.Linq;
            {{Net451}}
            public static class Readers
            {
                public static XDocument Linq(string path) => XDocument.Load(path);
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Safe_MultiTargeted_HardenedLegacyBranch()
    {
        // The usual multi-targeting idiom: the .NET Framework build switches the resolver off explicitly.
        const string body = """
            using System.Xml;
            public static class ConfigReader
            {
                public static XmlDocument Load(string path)
                {
                    var doc = new XmlDocument();
            #if NETFRAMEWORK
                    doc.XmlResolver = null;
            #endif
                    doc.Load(path);
                    return doc;
                }
            }
            """;
        await VerifyXml.VerifyAnalyzerAsync(Targeting(Net451, "#define NETFRAMEWORK\n" + body), NetFramework);
        await VerifyXml.VerifyAnalyzerAsync(body);
    }

    [Fact]
    public async Task Safe_SettingsFieldConfiguredInAnotherMethod_DocumentedLimit()
    {
        // Deliberate limit: the analysis is per body; a resolver set on a shared settings field in another method
        // is not joined with the DtdProcessing set where the field is created (SCR3010 page).
        await VerifyXml.VerifyAnalyzerAsync("""
            using System.Xml;
            public sealed class Importer
            {
                private readonly XmlReaderSettings _settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
                public void UseCredentials(System.Net.ICredentials credentials) => _settings.XmlResolver = new XmlUrlResolver { Credentials = credentials };
            }
            """);
    }

    [Fact]
    public async Task Safe_Xslt_DefaultSettingsWithUrlResolverForIncludes()
    {
        // xsl:include / xsl:import go through the Load resolver: that is what Load(path) does by default, and it
        // reads only what the stylesheet itself names. No scripts, no document(): not reported.
        await VerifyXslt.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            using System.Xml.Xsl;
            {{Net48}}
            public static class ReportTemplates
            {
                public static XslCompiledTransform Compile(string path)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(path, XsltSettings.Default, new XmlUrlResolver());
                    return xslt;
                }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Safe_Xslt_DocumentFunctionWithoutAResolvingTransformResolver()
    {
        // document() enabled, but Transform gets no resolver (none by default on .NET and serviced .NET Framework),
        // null, or the Load resolver only (which serves xsl:include / xsl:import, not document()).
        await VerifyXslt.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            using System.Xml.Xsl;
            public static class ReportRenderer
            {
                public static void Render(string stylesheet, XmlReader data, TextWriter output)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, new XsltSettings(true, false), new XmlUrlResolver());
                    xslt.Transform(data, null, output);
                }
                public static void RenderNull(string stylesheet, XmlReader data, XmlWriter output)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, new XsltSettings { EnableDocumentFunction = true }, null);
                    xslt.Transform(data, null, output, null);
                }
                public static void OtherTransform(string stylesheet, XmlReader data, XmlWriter output, XslCompiledTransform other)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, new XsltSettings(true, false), null);
                    other.Transform(data, null, output, new XmlUrlResolver());
                }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_DtdValidation_ResolverBecomesNull()
    {
        await VerifyXml.VerifyCodeFixAsync(
            """
            using System.IO;
            using System.Xml;
            public sealed class RecipeValidator
            {
                public XmlReader Open(Stream recipe)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Parse,
                        ValidationType = ValidationType.DTD,
                        {|SCR3010:XmlResolver = new XmlUrlResolver()|},
                    };
                    return XmlReader.Create(recipe, settings);
                }
            }
            """,
            """
            using System.IO;
            using System.Xml;
            public sealed class RecipeValidator
            {
                public XmlReader Open(Stream recipe)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Parse,
                        ValidationType = ValidationType.DTD,
                        XmlResolver = null,
                    };
                    return XmlReader.Create(recipe, settings);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_ConfigLoaderOnNet451_DocumentGetsNullResolver()
    {
        await VerifyXml.VerifyCodeFixAsync(
            Targeting(Net451, ConfigLoader.Replace("var doc = new XmlDocument();", "var doc = {|SCR3012:new XmlDocument()|};")),
            Targeting(Net451, ConfigLoader.Replace("var doc = new XmlDocument();", "var doc = new XmlDocument() { XmlResolver = null };")),
            NetFramework);
    }

    [Fact]
    public async Task Fix_SoapHelperOnNet451_ReaderProhibitsDtds()
    {
        await VerifyXml.VerifyCodeFixAsync(
            Targeting(Net451, SoapHelper.Replace("using (var reader = new XmlTextReader(body))", "using (var reader = {|SCR3012:new XmlTextReader(body)|})")),
            Targeting(Net451, SoapHelper.Replace("using (var reader = new XmlTextReader(body))", "using (var reader = new XmlTextReader(body) { DtdProcessing = DtdProcessing.Prohibit })")),
            NetFramework);
    }

    [Fact]
    public async Task Fix_Xslt_DocumentFunctionSettingsBecomeDefault()
    {
        await VerifyXslt.VerifyCodeFixAsync(
            """
            using System.Xml;
            using System.Xml.Xsl;
            public static class ReportRenderer
            {
                public static void Render(string stylesheet, XmlReader data, XmlWriter output)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, [|new XsltSettings(true, false)|], null);
                    xslt.Transform(data, null, output, new XmlUrlResolver());
                }
            }
            """,
            """
            using System.Xml;
            using System.Xml.Xsl;
            public static class ReportRenderer
            {
                public static void Render(string stylesheet, XmlReader data, XmlWriter output)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheet, XsltSettings.Default, null);
                    xslt.Transform(data, null, output, new XmlUrlResolver());
                }
            }
            """);
    }
}
