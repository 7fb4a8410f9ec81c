using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Deserialization;

/// <summary>SCR3004, untrusted XML loaded into a DataSet or DataTable. No code fix: see rules/SCR3004.md.</summary>
/// <remarks>Markup {|#0:...|} is the finding, {|#1:...|} its source (see <see cref="Finding"/>).</remarks>
public class UntrustedDataSetXmlTests
{
    private const string Rule = "SCR3004";

    // ---- Detect ----

    [Fact]
    public async Task Detect_RequestBodyIntoDataSetReadXml()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data;
            using Microsoft.AspNetCore.Mvc;
            public class ImportController : ControllerBase
            {
                public IActionResult Import()
                {
                    var body = {|#1:Request.Body|};
                    var data = new DataSet();
                    data.ReadXml({|#0:body|});
                    return Ok(data.Tables.Count);
                }
            }
            """,
            TestReferences.Web,
            Finding.WithMessageAt(Rule, 0, 1)
                .WithArguments("HTTP request body (line 7)", "DataSet.ReadXml (line 9)"));
    }

    [Fact]
    public async Task Detect_UploadedFileNetworkAndSchemaIntoDataTable()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.IO;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class ImportController : ControllerBase
            {
                private readonly HttpClient _http = new();

                public IActionResult Upload(IFormFile {|#1:file|})
                {
                    var table = new DataTable();
                    using var stream = file.OpenReadStream();
                    table.ReadXmlSchema({|#0:stream|});
                    return Ok(table.Columns.Count);
                }

                public async Task<int> Sync(string partner)
                {
                    var xml = await {|#3:_http.GetStringAsync("https://partner.example/export")|};
                    var data = new DataSet();
                    data.ReadXml({|#2:new StringReader(xml)|});
                    return data.Tables.Count;
                }
            }
            """,
            TestReferences.Web,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_EmbeddedResourceConstantPathAndXmlBuiltInCode()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Data;
            using System.IO;
            class Seed
            {
                DataSet Load()
                {
                    var data = new DataSet();
                    data.ReadXmlSchema(typeof(Seed).Assembly.GetManifestResourceStream("Seed.schema.xsd")!);
                    data.ReadXml("App_Data/products.xml");
                    data.ReadXml(Path.Combine(AppContext.BaseDirectory, "seed.xml"));
                    data.ReadXml(new StringReader("<root><row id=\"1\"/></root>"));
                    return data;
                }
            }
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_CommandLineToolAndWritingXmlToTheResponse()
    {
        await VerifyCS.VerifyProgramAsync(
            """
            using System.Data;
            var data = new DataSet();
            data.ReadXml(args[0]);
            data.WriteXml(System.Console.Out);
            """,
            TestReferences.Web);
    }

    [Fact]
    public async Task Safe_RequestDataIntoConcreteTypes()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Data;
            using System.Xml.Serialization;
            using Microsoft.AspNetCore.Mvc;
            public class Order { public string? Id { get; set; } }
            public class ImportController : ControllerBase
            {
                public IActionResult Import()
                {
                    var order = (Order?)new XmlSerializer(typeof(Order)).Deserialize(Request.Body);
                    var table = new DataTable("Orders");
                    table.Columns.Add("Id", typeof(string));
                    table.Rows.Add(order?.Id);
                    return Ok(table.Rows.Count);
                }
            }
            """,
            TestReferences.Web);
    }
}
