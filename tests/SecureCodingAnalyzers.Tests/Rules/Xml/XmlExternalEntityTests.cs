using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.Xml.XmlExternalEntityAnalyzer,
    SecureCodingAnalyzers.CodeFixes.Rules.Xml.XmlExternalEntityCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Xml;

public class XmlExternalEntityTests
{
    /// <summary>.NET Framework 4.8 reference assemblies: the target framework comes from the attribute in the source.</summary>
    private static readonly ReferenceAssemblies NetFramework = TestReferences.NetFramework48;

    /// <summary>What the SDK generates for a project that targets .NET Framework 4.5.1 (legacy XML defaults).</summary>
    private const string Net451 = """[assembly: System.Runtime.Versioning.TargetFramework(".NETFramework,Version=v4.5.1")]""";

    /// <summary>What the SDK generates for a project that targets .NET Framework 4.8 (secure XML defaults).</summary>
    private const string Net48 = """[assembly: System.Runtime.Versioning.TargetFramework(".NETFramework,Version=v4.8")]""";

    // ---- Detect ----

    [Fact]
    public async Task Detect_SettingsParseWithUrlResolver_InInitializer()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            class C
            {
                XmlReader M(Stream input)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Parse,
                        {|SCR3010:XmlResolver = new XmlUrlResolver()|},
                    };
                    return XmlReader.Create(input, settings);
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_SettingsConfiguredByStatements_ResolverThroughALocal()
    {
        // The documentation's own sample: a resolver with credentials, assigned later.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net;
            using System.Xml;
            class C
            {
                XmlReader M(Stream input)
                {
                    var resolver = new XmlUrlResolver();
                    resolver.Credentials = CredentialCache.DefaultCredentials;
                    XmlReaderSettings settings = new XmlReaderSettings();
                    {|#1:settings.DtdProcessing = DtdProcessing.Parse|};
                    {|#0:settings.XmlResolver = resolver|};
                    return XmlReader.Create(input, settings);
                }
            }
            """,
            VerifyCS.Diagnostic("SCR3010").WithLocation(0).WithLocation(1).WithArguments("XmlReaderSettings", "processes DTDs and resolves external entities with XmlUrlResolver"));
    }

    [Fact]
    public async Task Detect_SettingsFieldAndParameter()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Xml;
            class C
            {
                private readonly XmlReaderSettings _settings = new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Parse,
                    {|SCR3010:XmlResolver = XmlResolver.FileSystemResolver|},
                };

                void Configure(XmlReaderSettings settings)
                {
                    settings.DtdProcessing = DtdProcessing.Parse;
                    {|SCR3010:settings.XmlResolver = new XmlUrlResolver()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_XmlDocumentWithUrlResolver_OnEveryFramework()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            class C
            {
                XmlDocument M(string xml)
                {
                    var doc = new XmlDocument();
                    {|#0:doc.XmlResolver = new XmlUrlResolver()|};
                    doc.LoadXml(xml);
                    return doc;
                }
                XmlDocument N(string path) { var doc = new XmlDocument { {|SCR3010:XmlResolver = new XmlUrlResolver()|} }; doc.Load(path); return doc; }
            }
            """,
            VerifyCS.Diagnostic("SCR3010").WithLocation(0).WithArguments("XmlDocument", "processes DTDs and resolves external entities with XmlUrlResolver"));
    }

    [Fact]
    public async Task Detect_XmlTextReaderWithUrlResolver()
    {
        // XmlTextReader parses DTDs by default on every framework: a resolving resolver is all it takes.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            class C
            {
                void M(Stream input)
                {
                    using var reader = new XmlTextReader(input);
                    {|SCR3010:reader.XmlResolver = new XmlUrlResolver()|};
                    while (reader.Read()) { }
                }
            }
            """);
    }

    [Fact]
    public async Task Detect_SubclassOfXmlUrlResolverThatDoesNotRestrict()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Net;
            using System.Xml;
            class CredentialResolver : XmlUrlResolver
            {
                public CredentialResolver() { Credentials = CredentialCache.DefaultCredentials; }
            }
            class C
            {
                XmlReaderSettings Settings() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, {|SCR3010:XmlResolver = new CredentialResolver()|} };
            }
            """);
    }

    [Fact]
    public async Task Detect_PreloadedResolverWithResolvingFallback()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Xml;
            using System.Xml.Resolvers;
            class C
            {
                XmlReaderSettings Settings() => new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Parse,
                    {|SCR3010:XmlResolver = new XmlPreloadedResolver(new XmlUrlResolver(), XmlKnownDtds.Xhtml10)|},
                };
            }
            """);
    }

    [Fact]
    public async Task Detect_EntityExpansionUnlimitedOrAboveTheMaximum()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            class C
            {
                XmlReaderSettings A() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, {|#0:MaxCharactersFromEntities = 0|} };
                XmlReaderSettings B()
                {
                    var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
                    {|#1:settings.MaxCharactersFromEntities = long.MaxValue|};
                    return settings;
                }
            }
            """,
            VerifyCS.Diagnostic("SCR3011").WithLocation(0).WithArguments("XmlReaderSettings", "MaxCharactersFromEntities = 0 (no limit)"),
            VerifyCS.Diagnostic("SCR3011").WithLocation(1).WithArguments("XmlReaderSettings", "MaxCharactersFromEntities = 9,223,372,036,854,775,807 (above 100,000,000)"));
    }

    [Fact]
    public async Task Detect_EntityExpansionMaximumIsConfigurable()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Xml;
            class C
            {
                XmlReaderSettings A() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, {|SCR3011:MaxCharactersFromEntities = 20_000_000|} };
            }
            """,
            "dotnet_diagnostic.SCR3011.max_characters_from_entities = 10_000_000");
    }

    [Fact]
    public async Task Detect_LegacyNetFramework_SettingsParseWithDefaultResolver()
    {
        // On .NET Framework 4.5.1 XmlReaderSettings defaults to an XmlUrlResolver and unlimited expansion: one finding (SCR3010).
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            {{Net451}}
            class C
            {
                XmlReader M(Stream input)
                {
                    var settings = new XmlReaderSettings { {|#0:DtdProcessing = DtdProcessing.Parse|} };
                    return XmlReader.Create(input, settings);
                }
            }
            """,
            NetFramework,
            VerifyCS.Diagnostic("SCR3010").WithLocation(0).WithArguments(
                "XmlReaderSettings",
                "processes DTDs (DtdProcessing.Parse) and resolves external entities with the XmlUrlResolver that .NET Framework 4.5.1 uses by default"));
    }

    [Fact]
    public async Task Detect_LegacyNetFramework_UnlimitedExpansionWhenTheResolverIsNull()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.Xml;
            {{Net451}}
            class C
            {
                XmlReaderSettings M() => new XmlReaderSettings { {|#0:DtdProcessing = DtdProcessing.Parse|}, XmlResolver = null };
            }
            """,
            NetFramework,
            VerifyCS.Diagnostic("SCR3011").WithLocation(0).WithArguments("XmlReaderSettings", "the unlimited entity expansion that .NET Framework 4.5.1 uses by default"));
    }

    [Fact]
    public async Task Detect_LegacyNetFramework_DefaultReaders()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            using System.Xml.XPath;
            {{Net451}}
            class C
            {
                void Reader(Stream input)
                {
                    using (var reader = {|#0:new XmlTextReader(input)|})
                    {
                        while (reader.Read()) { }
                    }
                }
                XmlDocument Document(string xml)
                {
                    var doc = {|#1:new XmlDocument()|};
                    doc.LoadXml(xml);
                    return doc;
                }
                XPathDocument Navigable(Stream input) => {|#2:new XPathDocument(input)|};
                void Passed(Stream input) => new XmlDocument { XmlResolver = null }.Load({|SCR3012:new XmlTextReader(input)|});
            }
            """,
            NetFramework,
            VerifyCS.Diagnostic("SCR3012").WithLocation(0).WithArguments("new XmlTextReader(...)", "processes DTDs and resolves external entities by default on .NET Framework 4.5.1"),
            VerifyCS.Diagnostic("SCR3012").WithLocation(1).WithArguments("new XmlDocument()", "resolves external entities by default on .NET Framework 4.5.1"),
            VerifyCS.Diagnostic("SCR3012").WithLocation(2).WithArguments("new XPathDocument(...)", "processes DTDs and resolves external entities by default on .NET Framework 4.5.1"));
    }

    [Fact]
    public async Task Detect_LegacyNetFramework_FromTheBuildProperty()
    {
        // Without the generated attribute (a hand-made compilation), the package's compiler-visible TargetFramework decides.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Xml;
            class C
            {
                void M(Stream input) { using var reader = {|SCR3012:new XmlTextReader(input)|}; reader.Read(); }
            }
            """,
            NetFramework,
            "build_property.TargetFramework = net45");
    }

    [Fact]
    public async Task Detect_LegacyNetFramework_ExplicitResolverIsScr3010Only()
    {
        // One site, one id: the explicit resolver is the finding, not the legacy default.
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            {{Net451}}
            class C
            {
                void M(Stream input)
                {
                    var reader = new XmlTextReader(input);
                    {|SCR3010:reader.XmlResolver = new XmlUrlResolver()|};
                    reader.Read();
                }
            }
            """,
            NetFramework);
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_ModernDefaults()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.Serialization;
            using System.Xml.XPath;
            class C
            {
                XmlReader Reader(Stream input) => XmlReader.Create(input);
                XmlReader WithSettings(Stream input) => XmlReader.Create(input, new XmlReaderSettings { IgnoreComments = true });
                XmlDocument Document(string xml) { var doc = new XmlDocument(); doc.LoadXml(xml); return doc; }
                XPathDocument Navigable(Stream input) => new XPathDocument(input);
                XDocument Linq(Stream input) => XDocument.Load(input);
                object Serializer(Stream input) => new XmlSerializer(typeof(string)).Deserialize(input)!;
                void TextReader(Stream input) { using var reader = new XmlTextReader(input); reader.Read(); }
            }
            """);
    }

    [Fact]
    public async Task Safe_ParseWithoutAResolvingResolver()
    {
        // Documents with an internal DTD (entities, default attributes) are fine without a resolver.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            using System.Xml.Resolvers;
            class C
            {
                XmlReaderSettings Plain() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
                XmlReaderSettings Null() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
                XmlReaderSettings Throwing() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = XmlResolver.ThrowingResolver };
                XmlReaderSettings Preloaded() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlPreloadedResolver(XmlKnownDtds.Xhtml10) };
                XmlReaderSettings Limited() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 1024 };
            #pragma warning disable SYSLIB0047
                XmlReaderSettings Secure() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlSecureResolver(new XmlUrlResolver(), "https://example.com/") };
            #pragma warning restore SYSLIB0047
            }
            """);
    }

    [Fact]
    public async Task Safe_ResolverWithDtdsProhibitedOrIgnored()
    {
        // A resolver on settings that prohibit DTDs serves schema imports, not entities.
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Xml;
            class C
            {
                XmlReaderSettings Schemas() => new XmlReaderSettings { XmlResolver = new XmlUrlResolver(), ValidationType = ValidationType.Schema };
                XmlReaderSettings Ignored() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() };
                void Reader(Stream input)
                {
                    var reader = new XmlTextReader(input) { DtdProcessing = DtdProcessing.Prohibit };
                    reader.XmlResolver = new XmlUrlResolver();
                    reader.Read();
                }
            }
            """);
    }

    [Fact]
    public async Task Safe_ValuesTheCodeDoesNotShow()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Xml;
            class AllowListResolver : XmlUrlResolver
            {
                public override object? GetEntity(System.Uri absoluteUri, string? role, System.Type? ofObjectToReturn)
                    => absoluteUri.IsFile ? throw new XmlException("blocked") : base.GetEntity(absoluteUri, role, ofObjectToReturn);
            }
            class C
            {
                XmlReaderSettings Injected(XmlResolver resolver) => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = resolver };
                XmlReaderSettings Computed(DtdProcessing processing) => new XmlReaderSettings { DtdProcessing = processing, XmlResolver = new XmlUrlResolver() };
                XmlReaderSettings Restricted() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new AllowListResolver() };
                XmlReaderSettings Bounded(long limit) => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = limit };
                void Document(XmlDocument doc, XmlResolver resolver) => doc.XmlResolver = resolver;
            }
            """);
    }

    [Fact]
    public async Task Safe_SecureNetFrameworkTargetsAndIdioms()
    {
        // 4.5.2+ defaults resolve nothing; on legacy targets the usual idioms switch resolution off.
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            using System.Xml.XPath;
            {{Net48}}
            class C
            {
                void Reader(Stream input) { using (var reader = new XmlTextReader(input)) { reader.Read(); } }
                XmlDocument Document(string xml) { var doc = new XmlDocument(); doc.LoadXml(xml); return doc; }
                XPathDocument Navigable(Stream input) => new XPathDocument(input);
                XmlReaderSettings Parse() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
            }
            """,
            NetFramework);
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System.IO;
            using System.Xml;
            using System.Xml.XPath;
            {{Net451}}
            class C
            {
                void Reader(Stream input)
                {
                    using (var reader = new XmlTextReader(input))
                    {
                        reader.XmlResolver = null;
                        reader.Read();
                    }
                }
                void Prohibited(Stream input) { var reader = new XmlTextReader(input) { DtdProcessing = DtdProcessing.Prohibit }; reader.Read(); }
            #pragma warning disable 618
                void Legacy(Stream input) { var reader = new XmlTextReader(input); reader.ProhibitDtd = true; reader.Read(); }
            #pragma warning restore 618
                XmlDocument Document(string xml) { var doc = new XmlDocument { XmlResolver = null }; doc.LoadXml(xml); return doc; }
                XmlDocument FromReader(XmlReader reader) { var doc = new XmlDocument(); doc.Load(reader); return doc; }
                XmlDocument Built() { var doc = new XmlDocument(); doc.AppendChild(doc.CreateElement("root")); return doc; }
                XmlReader Created(Stream input) => XmlReader.Create(input);
                XPathDocument OverSafeReader(Stream input) => new XPathDocument(XmlReader.Create(input));
                XmlReaderSettings Limited() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null, MaxCharactersFromEntities = 1_000_000 };
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Safe_NetStandardAndModernBuildProperty()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Xml;
            class C
            {
                void M(Stream input) { using var reader = new XmlTextReader(input); reader.Read(); }
            }
            """,
            NetFramework,
            "build_property.TargetFramework = net472");
    }

    [Fact]
    public async Task Safe_BrokenCode()
    {
        await VerifyCS.VerifyAnalyzerAsync("""
            using System.Xml;
            class C
            {
                XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.{|CS0117:Whatever|}, XmlResolver = new {|CS0246:Missing|}() };
                void N(XmlDocument doc) { doc.XmlResolver = {|CS0103:unknown|}; doc.{|CS1501:Load|}(); }
            }
            """);
    }

    // ---- Fix ----

    [Fact]
    public async Task Fix_ResolverBecomesNull()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Xml;
            class C
            {
                XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, {|SCR3010:XmlResolver = new XmlUrlResolver()|} };
                void N(XmlDocument doc) { {|SCR3010:doc.XmlResolver = new XmlUrlResolver()|}; }
            }
            """,
            """
            using System.Xml;
            class C
            {
                XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
                void N(XmlDocument doc) { doc.XmlResolver = null; }
            }
            """);
    }

    [Fact]
    public async Task Fix_EntityLimit()
    {
        await VerifyCS.VerifyCodeFixAsync(
            """
            using System.Xml;
            class C
            {
                XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, {|SCR3011:MaxCharactersFromEntities = 0|} };
            }
            """,
            """
            using System.Xml;
            class C
            {
                XmlReaderSettings M() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, MaxCharactersFromEntities = 10_000_000 };
            }
            """);
    }

    [Fact]
    public async Task Fix_LegacyNetFramework_ProhibitDtds()
    {
        await VerifyCS.VerifyCodeFixAsync(
            $$"""
            using System.IO;
            using System.Xml;
            {{Net451}}
            class C
            {
                XmlReaderSettings Settings() => new XmlReaderSettings { {|SCR3010:DtdProcessing = DtdProcessing.Parse|} };
                void Reader(Stream input) { using (var reader = {|SCR3012:new XmlTextReader(input)|}) { reader.Read(); } }
            }
            """,
            $$"""
            using System.IO;
            using System.Xml;
            {{Net451}}
            class C
            {
                XmlReaderSettings Settings() => new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
                void Reader(Stream input) { using (var reader = new XmlTextReader(input) { DtdProcessing = DtdProcessing.Prohibit }) { reader.Read(); } }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Fix_LegacyNetFramework_DocumentWithoutResolver()
    {
        await VerifyCS.VerifyCodeFixAsync(
            $$"""
            using System.Xml;
            {{Net451}}
            class C
            {
                XmlDocument Document(string xml) { var doc = {|SCR3012:new XmlDocument()|}; doc.LoadXml(xml); return doc; }
                XmlDocument Initialized(string xml) { var doc = {|SCR3012:new XmlDocument { PreserveWhitespace = true }|}; doc.LoadXml(xml); return doc; }
            }
            """,
            $$"""
            using System.Xml;
            {{Net451}}
            class C
            {
                XmlDocument Document(string xml) { var doc = new XmlDocument() { XmlResolver = null }; doc.LoadXml(xml); return doc; }
                XmlDocument Initialized(string xml) { var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null }; doc.LoadXml(xml); return doc; }
            }
            """,
            NetFramework);
    }

    [Fact]
    public async Task Fix_NotOfferedForXPathDocument()
    {
        var source = $$"""
            using System.IO;
            using System.Xml.XPath;
            {{Net451}}
            class C
            {
                XPathDocument M(Stream input) => {|SCR3012:new XPathDocument(input)|};
            }
            """;
        await VerifyCS.VerifyNoCodeFixAsync(source, NetFramework);
    }
}
