using System.Threading.Tasks;
using SecureCodingAnalyzers.Tests.Verifiers;
using Xunit;
using VerifyCS = SecureCodingAnalyzers.Tests.Verifiers.CSharpVerifier<
    SecureCodingAnalyzers.Rules.DataflowAnalyzer,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace SecureCodingAnalyzers.Tests.Rules.Injection;

/// <summary>SCR2003, path traversal. No code fix: see rules/SCR2003.md.</summary>
/// <remarks>Markup {|#0:...|}, {|#1:...|}, ... numbers a finding's locations as <see cref="Finding"/> says.</remarks>
public class PathTraversalTests
{
    private const string Rule = "SCR2003";

    /// <summary>Counts every source group: process input, environment variables and file contents are off by default.</summary>
    private const string EveryGroupCounts = "dotnet_diagnostic.SCR2003.taint_disabled_source_groups =";

    /// <summary>Counts process input and environment variables, not file contents.</summary>
    private const string ProcessAndEnvironmentCount = "dotnet_diagnostic.SCR2003.taint_disabled_source_groups = files";

    // ---- Detect ----

    [Fact]
    public async Task Detect_ControllerParameterCombinedIntoPath_FullMessage()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class ReportsController : ControllerBase
            {
                private const string Root = "/srv/plant/reports";
                public IActionResult Get(string {|#1:name|})
                {
                    var bytes = System.IO.File.ReadAllBytes({|#0:Path.Combine(Root, name)|});
                    return File(bytes, "application/pdf");
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("untrusted HTTP input 'name' (line 6)", "a file-system path (line 8)"));
    }

    [Theory]
    [InlineData("File.ReadAllText({|#0:input|});")]
    [InlineData("File.WriteAllText({|#0:input|}, \"x\");")]
    [InlineData("File.AppendAllLines({|#0:input|}, new[] { \"x\" });")]
    [InlineData("File.Copy(\"/srv/a.txt\", {|#0:input|});")]
    [InlineData("File.Move({|#0:input|}, \"/srv/b.txt\");")]
    [InlineData("File.Replace(\"/srv/a.txt\", {|#0:input|}, null);")]
    [InlineData("File.Replace(\"/srv/a.txt\", \"/srv/b.txt\", {|#0:input|});")]
    [InlineData("File.Delete({|#0:input|});")]
    [InlineData("using var s = File.Open({|#0:input|}, FileMode.Open);")]
    [InlineData("using var s = File.OpenHandle({|#0:input|});")]
    [InlineData("File.CreateSymbolicLink(\"/srv/link\", {|#0:input|});")]
    [InlineData("Directory.CreateDirectory({|#0:input|});")]
    [InlineData("Directory.Delete({|#0:input|}, true);")]
    [InlineData("var files = Directory.GetFiles({|#0:input|}, \"*.csv\");")]
    [InlineData("Directory.Move({|#0:input|}, \"/srv/archive\");")]
    [InlineData("Directory.Move(\"/srv/inbox\", {|#0:input|});")]
    [InlineData("Directory.CreateSymbolicLink(\"/srv/link\", {|#0:input|});")]
    [InlineData("using var s = new FileStream({|#0:input|}, FileMode.Open);")]
    [InlineData("var f = new FileInfo({|#0:input|});")]
    [InlineData("new FileInfo(\"/srv/a.txt\").MoveTo({|#0:input|});")]
    [InlineData("new FileInfo(\"/srv/a.txt\").CopyTo({|#0:input|}, true);")]
    [InlineData("new FileInfo(\"/srv/a.txt\").Replace({|#0:input|}, null);")]
    [InlineData("new FileInfo(\"/srv/link\").CreateAsSymbolicLink({|#0:input|});")]
    [InlineData("var d = new DirectoryInfo({|#0:input|});")]
    [InlineData("new DirectoryInfo(\"/srv/inbox\").MoveTo({|#0:input|});")]
    [InlineData("new DirectoryInfo(\"/srv\").CreateSubdirectory({|#0:input|});")]
    [InlineData("using var r = new StreamReader({|#0:input|});")]
    [InlineData("using var w = new StreamWriter({|#0:input|}, append: true);")]
    [InlineData("ZipFile.ExtractToDirectory(\"/srv/update.zip\", {|#0:input|});")]
    [InlineData("ZipFile.ExtractToDirectory({|#0:input|}, \"/srv/update\");")]
    [InlineData("using var z = ZipFile.OpenRead({|#0:input|});")]
    [InlineData("using var z = ZipFile.Open({|#0:input|}, ZipArchiveMode.Update);")]
    [InlineData("ZipFile.CreateFromDirectory({|#0:input|}, \"/srv/out.zip\");")]
    [InlineData("ZipFile.CreateFromDirectory(\"/srv/data\", {|#0:input|});")]
    [InlineData("using var z = ZipFile.OpenRead(\"/srv/a.zip\"); z.ExtractToDirectory({|#0:input|});")]
    [InlineData("using var z = ZipFile.Open(\"/srv/a.zip\", ZipArchiveMode.Update); z.CreateEntryFromFile({|#0:input|}, \"log.txt\");")]
    [InlineData("using var z = ZipFile.OpenRead(\"/srv/a.zip\"); z.Entries[0].ExtractToFile({|#0:input|});")]
    [InlineData("TarFile.ExtractToDirectory({|#0:input|}, \"/srv/out\", true);")]
    [InlineData("TarFile.ExtractToDirectory(\"/srv/a.tar\", {|#0:input|}, true);")]
    [InlineData("TarFile.CreateFromDirectory(\"/srv/data\", {|#0:input|}, false);")]
    [InlineData("using var t = new TarReader(File.OpenRead(\"/srv/a.tar\")); t.GetNextEntry()!.ExtractToFile({|#0:input|}, true);")]
    [InlineData("new XmlDocument().Load({|#0:input|});")]
    [InlineData("new XmlDocument().Save({|#0:input|});")]
    [InlineData("var x = XDocument.Load({|#0:input|});")]
    [InlineData("new XDocument().Save({|#0:input|});")]
    [InlineData("var x = XElement.Load({|#0:input|});")]
    [InlineData("new XElement(\"a\").Save({|#0:input|});")]
    [InlineData("using var x = XmlReader.Create({|#0:input|});")]
    [InlineData("using var x = XmlWriter.Create({|#0:input|});")]
    [InlineData("var x = new XPathDocument({|#0:input|});")]
    public async Task Detect_EverySink_NetworkInput(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using System;
            using System.Formats.Tar;
            using System.IO;
            using System.IO.Compression;
            using System.Net.Sockets;
            using System.Xml;
            using System.Xml.Linq;
            using System.Xml.XPath;
            class Tool
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var input = reader.ReadLine()!;
                    {{statement}}
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Theory]
    [InlineData("return PhysicalFile({|#0:path|}, \"text/plain\");")]
    [InlineData("return new PhysicalFileResult({|#0:path|}, \"text/plain\");")]
    [InlineData("var result = new PhysicalFileResult(\"/srv/a.txt\", \"text/plain\"); {|#0:result.FileName = path|}; return result;")]
    [InlineData("return Results.File({|#0:path|});")]
    [InlineData("return TypedResults.PhysicalFile({|#0:path|});")]
    [InlineData("return Response.SendFileAsync({|#0:path|});")]
    public async Task Detect_EveryWebSink_ControllerParameter(string statement)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            $$"""
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class LogsController : ControllerBase
            {
                public object Download(string {|#1:path|})
                {
                    {{statement}}
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_RazorPageHandler_PhysicalFile()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;
            public class ExportModel : PageModel
            {
                public IActionResult OnGet(string {|#1:file|}) => PhysicalFile({|#0:"/srv/exports/" + file|}, "text/csv");
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_UploadedFileNameAsStoragePath()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class FirmwareController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> Upload(IFormFile {|#1:image|})
                {
                    var target = Path.Combine("/srv/firmware", image.FileName);
                    await using var stream = new FileStream({|#0:target|}, FileMode.Create);
                    await image.CopyToAsync(stream);
                    return Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_ZipSlip_ExtractToFile()
    {
        // Archive entry names are their own source group (archives): they count by default, unlike file contents.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Compression;
            class UpdateInstaller
            {
                public void Install(string package, string destination)
                {
                    using var archive = ZipFile.OpenRead(package);
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.Combine(destination, {|#1:entry.FullName|});
                        Directory.CreateDirectory({|#2:Path.GetDirectoryName(target)|}!);
                        entry.ExtractToFile({|#0:target|}, overwrite: true);
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 2, 1),
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("a zip entry name (line 10)", "a zip extraction target (zip slip) (line 12)"));
    }

    [Fact]
    public async Task Detect_ZipSlip_EntryStreamCopiedToFile()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Compression;
            class RecipeImporter
            {
                public void Import(Stream upload, string folder)
                {
                    using var archive = new ZipArchive(upload);
                    foreach (var entry in archive.Entries)
                    {
                        using var input = entry.Open();
                        using var output = File.Create({|#0:folder + "/" + {|#1:entry.FullName|}|});
                        input.CopyTo(output);
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_ZipSlip_StartsWithWithoutGetFullPath()
    {
        // "dest/../../etc/cron.d/x" starts with "dest": only a normalized path can be checked.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Compression;
            class Extractor
            {
                public void Extract(ZipArchive archive, string destination)
                {
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.Combine(destination, {|#1:entry.FullName|});
                        if (!target.StartsWith(destination))
                        {
                            continue;
                        }

                        entry.ExtractToFile({|#0:target|});
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_ZipSlip_GetFullPathWithoutCheck()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Compression;
            class Extractor
            {
                public void Extract(ZipArchive archive, string destination)
                {
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.GetFullPath(Path.Combine(destination, {|#1:entry.FullName|}));
                        entry.ExtractToFile({|#0:target|});
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_TarSlip()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Formats.Tar;
            using System.IO;
            class BackupRestore
            {
                public void Restore(Stream backup, string destination)
                {
                    using var reader = new TarReader(backup);
                    while (reader.GetNextEntry() is { } entry)
                    {
                        if (entry.EntryType == TarEntryType.RegularFile)
                        {
                            entry.ExtractToFile({|#0:Path.Combine(destination, {|#1:entry.Name|})|}, overwrite: true);
                        }
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_SerialDeviceNamesItsLogFile()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Ports;
            class Logger
            {
                private const string LogRoot = "/var/log/plant";
                void Capture(SerialPort port)
                {
                    var header = {|#1:port.ReadLine()|};
                    var device = header.Split(':')[1].Trim();
                    File.AppendAllText({|#0:Path.Combine(LogRoot, device + ".log")|}, port.ReadExisting());
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("serial-port input (SerialPort.ReadLine) (line 8)", "a file-system path (line 10)"));
    }

    [Fact]
    public async Task Detect_NetworkRequestNamesAFile_Async()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            using System.Threading.Tasks;
            class RecipeServer
            {
                private const string Recipes = "/srv/recipes";
                async Task ServeAsync(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    using var writer = new StreamWriter(client.GetStream());
                    var name = await reader.ReadLineAsync();
                    var recipe = await File.ReadAllTextAsync({|#0:Path.Join(Recipes, name)|});
                    await writer.WriteAsync(recipe);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_EnvironmentVariableNamingAFile_WhenConfigured()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            class Exporter
            {
                void Export(string csv)
                {
                    var target = {|#1:Environment.GetEnvironmentVariable("EXPORT_FILE")|} ?? "export.csv";
                    File.WriteAllText({|#0:target|}, csv);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            ProcessAndEnvironmentCount,
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("an environment variable (line 7)", "a file-system path (line 8)"));
    }

    [Fact]
    public async Task Detect_MainArgs_WhenConfigured()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            static class Program
            {
                static void Main(string[] {|#1:args|})
                {
                    foreach (var file in args)
                    {
                        File.Delete({|#0:file|});
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            ProcessAndEnvironmentCount,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_TopLevelStatements_NetworkInput()
    {
        await VerifyCS.VerifyProgramAsync(
            """
            using System;
            using System.IO;
            using System.Net.Sockets;
            using var client = new TcpClient("hmi.plant.local", 4840);
            using var reader = new StreamReader({|#1:client.GetStream()|});
            var recipe = reader.ReadLine();
            Console.WriteLine(File.ReadAllText({|#0:$"/srv/recipes/{recipe}.xml"|}));
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_HelperInSameClass_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class DocsController : ControllerBase
            {
                public IActionResult Get(string {|#1:name|}) => Content(Load({|#0:name|}));
                private static string Load(string name) => System.IO.File.ReadAllText({|#2:Path.Combine("/srv/docs", name)|});
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.WithMessageAt(Rule, 0, 1, 2).WithArguments("untrusted HTTP input 'name' (line 5)", "a file-system path in DocsController.Load (line 6)"));
    }

    [Fact]
    public async Task Detect_HelperInOtherClass_ReportedAtTheCall()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.Net.Sockets;
            static class Storage
            {
                public static void Remove(string root, string name) => File.Delete({|#2:Path.Combine(root, name)|});
            }
            class Cleaner
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var name = reader.ReadLine()!;
                    Storage.Remove("/srv/cache", {|#0:name|});
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_FieldSetInOneMethod_UsedInAnother()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Ports;
            class Recorder
            {
                private readonly SerialPort _port = new("COM3");
                private string _file = "/var/log/plant/default.log";
                public void Configure() => {|#2:_file|} = "/var/log/plant/" + {|#1:_port.ReadLine()|};
                public void Write(string line) => File.AppendAllText({|#0:_file|}, line);
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1, 2));
    }

    [Fact]
    public async Task Detect_CollectionAndLambda()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Sockets;
            class Cleanup
            {
                void Run(TcpClient client)
                {
                    using var reader = new StreamReader({|#1:client.GetStream()|});
                    var names = new List<string>();
                    for (var i = 0; i < 3; i++)
                    {
                        names.Add(reader.ReadLine()!);
                    }

                    names.Select(n => Path.Combine("/srv/cache", n)).ToList().ForEach(p => File.Delete({|#0:p|}));
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_BaseDirectoryCheckAfterTheAccess()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.IO.Ports;
            class Reader
            {
                private const string Root = "/srv/data/";
                string Read(SerialPort port)
                {
                    var full = Path.GetFullPath(Path.Combine(Root, {|#1:port.ReadLine()|}));
                    var text = File.ReadAllText({|#0:full|});
                    if (!full.StartsWith(Root, StringComparison.Ordinal))
                    {
                        throw new UnauthorizedAccessException();
                    }

                    return text;
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_BaseDirectoryFromUntrustedInput()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class FilesController : ControllerBase
            {
                public IActionResult Get(string {|#1:root|}, string name)
                {
                    var full = Path.GetFullPath(Path.Combine(root, name));
                    if (!full.StartsWith(root))
                    {
                        return Forbid();
                    }

                    return PhysicalFile({|#0:full|}, "application/octet-stream");
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Fact]
    public async Task Detect_InvalidPathCharactersAllowSeparators()
    {
        // GetInvalidPathChars does not contain '/' or '\'; the wrong branch of a file-name check cleans nothing.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class NotesController : ControllerBase
            {
                public IActionResult Get(string {|#1:name|})
                {
                    if (name.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                    {
                        return BadRequest();
                    }

                    var text = System.IO.File.ReadAllText({|#0:Path.Combine("/srv/notes", name)|});
                    if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                    {
                        System.IO.File.Delete({|#2:Path.Combine("/srv/notes", name)|});
                    }

                    return Ok(text);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 1));
    }

    [Fact]
    public async Task Detect_RegexEscapeDoesNotCleanPaths()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using System.IO.Ports;
            using System.Text.RegularExpressions;
            class Reader
            {
                string Read(SerialPort port) => File.ReadAllText({|#0:"/srv/" + Regex.Escape({|#1:port.ReadLine()|})|});
            }
            """,
            TestReferences.WebDataAndTools,
            Finding.At(Rule, 0, 1));
    }

    [Theory]
    [InlineData("dotnet_diagnostic.SCR2003.taint_disabled_source_groups =")]
    [InlineData("secure_coding.taint_disabled_source_groups =")]
    public async Task Detect_LocalInput_WhenEveryGroupCounts(string globalConfig)
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            static class Program
            {
                static void Main(string[] {|#1:args|})
                {
                    File.Delete({|#0:args[0]|});
                    File.Delete({|#2:{|#3:Environment.GetEnvironmentVariable("PLANT_STALE_FILE")|}|}!);
                    File.Delete({|#4:{|#5:Console.ReadLine()|}|}!);
                    foreach (var line in {|#7:File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "cleanup.lst"))|})
                    {
                        File.Delete({|#6:line.Trim()|});
                    }
                }
            }
            """,
            TestReferences.WebDataAndTools,
            globalConfig,
            Finding.At(Rule, 0, 1),
            Finding.At(Rule, 2, 3),
            Finding.At(Rule, 4, 5),
            Finding.WithMessageAt(Rule, 6, 7).WithArguments("file contents (line 10)", "a file-system path (line 12)"));
    }

    [Fact]
    public async Task Detect_ArchiveEntryNames_AreNotFileContents()
    {
        // Disabling file contents leaves zip and tar entry names counted: they are the archives group.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.Formats.Tar;
            using System.IO;
            using System.IO.Compression;
            class Restore
            {
                void Run(string package, string backup, string destination)
                {
                    using var zip = ZipFile.OpenRead(package);
                    foreach (var entry in zip.Entries)
                    {
                        entry.ExtractToFile({|#0:Path.Combine(destination, {|#1:entry.FullName|})|}, overwrite: true);
                    }

                    using var tar = new TarReader(File.OpenRead(backup));
                    while (tar.GetNextEntry() is { } item)
                    {
                        item.ExtractToFile({|#2:Path.Combine(destination, {|#3:item.Name|})|}, overwrite: true);
                    }

                    var manifest = File.ReadAllLines(Path.Combine(destination, "manifest.txt"));
                    File.Delete(Path.Combine(destination, manifest[0]));
                }
            }
            """,
            TestReferences.WebDataAndTools,
            "dotnet_diagnostic.SCR2003.taint_disabled_source_groups = process, environment, files",
            Finding.WithMessageAt(Rule, 0, 1).WithArguments("a zip entry name (line 11)", "a zip extraction target (zip slip) (line 11)"),
            Finding.At(Rule, 2, 3));
    }

    // ---- Safe ----

    [Fact]
    public async Task Safe_GetFileName_AndFriends()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            public class DocumentsController : ControllerBase
            {
                private const string Root = "/srv/documents";
                public IActionResult Get(string name) => PhysicalFile(Path.Combine(Root, Path.GetFileName(name)), "application/pdf");
                public IActionResult Json(string id) => PhysicalFile(Path.Combine(Root, Path.GetFileNameWithoutExtension(id) + ".json"), "application/json");

                [HttpPost]
                public async Task<IActionResult> Upload(IFormFile file)
                {
                    var stored = Path.Combine(Root, Guid.NewGuid().ToString("N") + Path.GetExtension(file.FileName));
                    await using var stream = System.IO.File.Create(stored);
                    await file.CopyToAsync(stream);
                    var copy = Path.Combine(Root, "originals", Path.GetFileName(file.FileName));
                    System.IO.File.Copy(stored, copy);
                    return Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_InvalidFileNameCharactersRejected()
    {
        // Where IndexOfAny(GetInvalidFileNameChars()) found nothing, the name has no directory separator.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class NotesController : ControllerBase
            {
                private const string Root = "/srv/notes";
                private static readonly char[] Invalid = Path.GetInvalidFileNameChars();
                public IActionResult Get(string name)
                {
                    if (name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
                    {
                        return BadRequest();
                    }

                    return PhysicalFile(Path.Combine(Root, name), "text/plain");
                }

                public IActionResult Put(string name, string text)
                {
                    if (-1 != name.IndexOfAny(Invalid))
                    {
                        return BadRequest();
                    }

                    System.IO.File.WriteAllText(Path.Combine(Root, name + ".txt"), text);
                    return Ok();
                }

                public IActionResult Delete(string name)
                {
                    if (name.IndexOfAny(Invalid) < 0)
                    {
                        System.IO.File.Delete(Path.Combine(Root, name));
                    }

                    return Ok();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_FullPathCheckedAgainstBaseDirectory_EarlyExit()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class FilesController : ControllerBase
            {
                private readonly string _root = Path.GetFullPath("data") + Path.DirectorySeparatorChar;
                public IActionResult Get(string name)
                {
                    var full = Path.GetFullPath(Path.Combine(_root, name));
                    if (!full.StartsWith(_root, StringComparison.Ordinal))
                    {
                        return BadRequest();
                    }

                    return PhysicalFile(full, "application/octet-stream");
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_FullPathCheckedAgainstBaseDirectory_InsideTheCheck()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.Net.Sockets;
            class Reader
            {
                string? Read(string root, TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var name = reader.ReadLine()!;
                    var full = Path.GetFullPath(name, root);
                    if (full.StartsWith(root, StringComparison.OrdinalIgnoreCase))
                    {
                        return File.ReadAllText(full);
                    }

                    return null;
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_BaseDirectoryCheckOnInlineGetFullPath()
    {
        // The file system resolves the checked path exactly as GetFullPath did.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.IO.Ports;
            class Reader
            {
                private static readonly string Root = AppContext.BaseDirectory;
                string Read(SerialPort port)
                {
                    var path = Path.Combine(Root, port.ReadLine());
                    if (!Path.GetFullPath(path).StartsWith(Root, StringComparison.Ordinal))
                    {
                        throw new UnauthorizedAccessException(path);
                    }

                    return File.ReadAllText(path);
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_BaseDirectoryCheckAgainstConstant()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class ArchiveController : ControllerBase
            {
                public IActionResult Get(string name)
                {
                    var full = Path.GetFullPath(Path.Combine("/srv/archive", name));
                    if (!full.StartsWith("/srv/archive/", StringComparison.Ordinal))
                    {
                        return NotFound();
                    }

                    return PhysicalFile(full, "application/zip");
                }

                public IActionResult Windows(string name)
                {
                    var full = Path.GetFullPath(Path.Combine(@"D:\Archive", name));
                    return full.StartsWith(@"D:\Archive\", StringComparison.OrdinalIgnoreCase) ? PhysicalFile(full, "application/zip") : NotFound();
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_ZipSlipGuard()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using System.IO.Compression;
            class UpdateInstaller
            {
                public void Install(Stream package, string destination)
                {
                    var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
                    using var archive = new ZipArchive(package);
                    foreach (var entry in archive.Entries)
                    {
                        var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                        if (!target.StartsWith(root, StringComparison.Ordinal))
                        {
                            throw new IOException("Entry outside the target folder: " + entry.FullName);
                        }

                        if (entry.Name.Length == 0)
                        {
                            Directory.CreateDirectory(target);
                            continue;
                        }

                        entry.ExtractToFile(target, overwrite: true);
                    }
                }

                public void Flat(ZipArchive archive, string destination)
                {
                    foreach (var entry in archive.Entries)
                    {
                        entry.ExtractToFile(Path.Combine(destination, Path.GetFileName(entry.FullName)), true);
                    }
                }

                public void Library(Stream package) => ZipFile.ExtractToDirectory(package, "/srv/update");
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_IdentifiersConvertedToNonText()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public enum Report { Daily, Weekly }
            public class ExportController : ControllerBase
            {
                private const string Root = "/srv/export";
                public IActionResult Order(int id) => PhysicalFile(Path.Combine(Root, $"order-{id}.pdf"), "application/pdf");
                public IActionResult Batch(Guid id) => PhysicalFile(Path.Combine(Root, id + ".csv"), "text/csv");
                public IActionResult Summary(Report report) => PhysicalFile(Path.Combine(Root, report + ".pdf"), "application/pdf");
                public IActionResult Shift(string date)
                {
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var day))
                    {
                        return BadRequest();
                    }

                    return PhysicalFile(Path.Combine(Root, $"shift-{day:yyyyMMdd}.pdf"), "application/pdf");
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_AllowListAndAnchoredRegex()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Sockets;
            using System.Text.RegularExpressions;
            class Recipes
            {
                private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "bread", "cake" };
                private static readonly Regex Name = new(@"^[a-z0-9_-]{1,32}$");
                string Load(TcpClient client)
                {
                    using var reader = new StreamReader(client.GetStream());
                    var recipe = reader.ReadLine()!;
                    if (!Known.Contains(recipe))
                    {
                        throw new ArgumentException("unknown recipe");
                    }

                    var text = File.ReadAllText("/srv/recipes/" + recipe + ".xml");
                    var batch = reader.ReadLine()!;
                    if (Name.IsMatch(batch))
                    {
                        File.WriteAllText(Path.Combine("/srv/batches", batch), text);
                    }

                    return text;
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_VirtualPathsAndSearchPatternsAreNotSinks()
    {
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            using Microsoft.AspNetCore.Mvc;
            public class HelpController : ControllerBase
            {
                public IActionResult Page(string topic) => File("~/help/" + topic + ".html", "text/html");
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_SystemLocationEnvironmentVariables()
    {
        // HOME, ProgramData, XDG_CONFIG_HOME and friends are set by the operating system: not input, even where
        // environment variables count.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            class Settings
            {
                string Load()
                {
                    var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
                    var user = File.ReadAllText(Path.Combine(home, ".plant", "settings.json"));
                    var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
                    if (config is not null)
                    {
                        user += File.ReadAllText(Path.Combine(config, "plant.json"));
                    }

                    return user + File.ReadAllText(Environment.ExpandEnvironmentVariables(@"%ProgramData%\Plant\machine.json"));
                }
            }
            """,
            TestReferences.WebDataAndTools,
            ProcessAndEnvironmentCount);
    }

    [Fact]
    public async Task Safe_ConstantPathsAndFilesReadFromThem()
    {
        // Even where file contents count, a file at a constant path ships with (or configures) the program.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System.IO;
            class Service
            {
                private const string SettingsFile = "/etc/plant/datadir";
                string Run()
                {
                    var dataDir = File.ReadAllText(SettingsFile).Trim();
                    var temp = Path.Combine(Path.GetTempPath(), Path.GetRandomFileName());
                    File.WriteAllText(temp, "x");
                    return File.ReadAllText(Path.Combine(dataDir, "state.json"));
                }
            }
            """,
            TestReferences.WebDataAndTools,
            EveryGroupCounts);
    }

    [Fact]
    public async Task Safe_CliTool_ArgumentsEnvironmentAndFileContentsByDefault()
    {
        // A path from the command line, the environment or a file the same user names gives no more access than
        // that user has: no privilege boundary.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            static class Program
            {
                static int Main(string[] args)
                {
                    var text = File.ReadAllText(args[0]);
                    File.WriteAllText(args.Length > 1 ? args[1] : Path.ChangeExtension(args[0], ".out"), text.ToUpperInvariant());
                    var output = Environment.GetEnvironmentVariable("EXPORT_FILE") ?? "export.csv";
                    File.AppendAllText(output, text);
                    foreach (var file in Directory.GetFiles(Environment.CurrentDirectory, "*.tmp"))
                    {
                        File.Delete(file);
                    }

                    foreach (var line in File.ReadAllLines(Path.Combine(Environment.GetCommandLineArgs()[0], "cleanup.lst")))
                    {
                        File.Delete(line.Trim());
                    }

                    Console.Write("Copy to: ");
                    File.Copy(args[0], Console.ReadLine()!, overwrite: true);
                    return 0;
                }
            }
            """,
            TestReferences.WebDataAndTools);
    }

    [Fact]
    public async Task Safe_Regression_ConfiguredSanitizerWithSeveralParameters_AndDisabledSourceGroup()
    {
        // The comma between the parameter types of a documentation-comment id does not split the list. "process"
        // replaces the default: the environment variable counts here, and the configured sanitizer cleans it.
        await VerifyCS.VerifyAnalyzerAsync(
            """
            using System;
            using System.IO;
            namespace Plant;
            static class SafePath
            {
                public static string Under(string root, string name)
                    => name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name is not ("." or "..")
                        ? Path.Join(root, name)
                        : throw new ArgumentException("not a file name", nameof(name));
            }
            static class Program
            {
                static void Main(string[] args)
                {
                    var name = Environment.GetEnvironmentVariable("PLANT_CACHE_ENTRY")!;
                    File.Delete(SafePath.Under("/srv/cache", name));
                    File.Delete(args[0]);
                    File.Delete(Console.ReadLine()!);
                }
            }
            """,
            TestReferences.WebDataAndTools,
            """
            dotnet_diagnostic.SCR2003.taint_sanitizers = M:Plant.SafePath.Under(System.String,System.String)
            dotnet_diagnostic.SCR2003.taint_disabled_source_groups = process
            """);
    }
}
