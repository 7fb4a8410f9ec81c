using System;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// The partner-exchange hosts of the realistic corpus: XML and data-contract imports, XSLT reports, plugin and driver
/// loading, an updater, mail and database settings, for the deserialization and XML (SCR3xxx), code-integrity
/// (SCR4xxx) and secrets (SCR6001, SCR6002, SCR6004) rules. Safe members follow the documented compliant idioms
/// (default or DTD-prohibiting reader settings, a null resolver, typed serializers and allow-listed type names, plugins
/// checked against pinned SHA-256 digests, code from the application directory, programs by full path, secrets from
/// configuration or the environment); each file carries one or two planted insecure members, round-robin over
/// <see cref="InsecureMembers"/>, whose reported line ends with a <see cref="PlantedFindings.Marker"/>.
/// </summary>
internal static class IntegrationTemplates
{
    public static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.Data", "System.Data.Common", "System.Diagnostics", "System.IO", "System.Linq",
        "System.Net", "System.Net.Http", "System.Net.Http.Headers", "System.Net.Mail", "System.Reflection",
        "System.Runtime.InteropServices", "System.Runtime.Loader", "System.Runtime.Serialization",
        "System.Runtime.Serialization.Formatters.Binary", "System.Security.Cryptography",
        "System.Security.Cryptography.X509Certificates", "System.Text", "System.Text.Json", "System.Threading",
        "System.Threading.Tasks", "System.Xml", "System.Xml.Serialization", "System.Xml.Xsl", "Contoso.Core",
        "Microsoft.AspNetCore.Http", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Logging",
    ];

    public static string Header(MemberContext c) => $$"""
        private const string InstallerSha256 = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

        private static readonly Dictionary<string, Type> MessageTypes = new(StringComparer.Ordinal)
        {
            ["{{c.Camel}}"] = typeof({{c.Entity}}Dto),
            ["create"] = typeof(Create{{c.Entity}}Request),
        };

        private static readonly Dictionary<string, Type> Handlers = new(StringComparer.Ordinal)
        {
            ["entity"] = typeof({{c.Entity}}),
            ["list"] = typeof(List<{{c.Entity}}>),
        };

        private static readonly Dictionary<string, byte[]> ReviewedPlugins = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Contoso.{{c.Entity}}.Rules.dll"] = Convert.FromHexString("3F1A9C0E5B7D2F4A6C8E0B1D3F5A7C9E2B4D6F8A0C1E3B5D7F9A2C4E6B8D0F1A"),
        };

        private readonly HttpClient _http;
        private readonly IConfiguration _configuration;
        private readonly ILogger<{{c.Class}}> _logger;
        private readonly string _pluginFolder;

        public {{c.Class}}(HttpClient http, IConfiguration configuration, ILogger<{{c.Class}}> logger)
        {
            _http = http;
            _configuration = configuration;
            _logger = logger;
            _pluginFolder = Path.Combine(AppContext.BaseDirectory, "plugins");
        }
        """;

    public static readonly Func<MemberContext, string>[] SafeMembers =
    [
        c => $$"""
            public static IReadOnlyList<string> ReadNames{{c.M}}(Stream upload)
            {
                var names = new List<string>();
                using var reader = XmlReader.Create(upload);
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Name == "{{c.Camel}}")
                    {
                        names.Add(reader.GetAttribute("name") ?? string.Empty);
                    }
                }

                return names;
            }
            """,
        c => $$"""
            public static XmlDocument LoadDocument{{c.M}}(Stream stream)
            {
                var document = new XmlDocument { XmlResolver = null };
                document.Load(stream);
                return document;
            }
            """,
        c => $$"""
            public static int CountEntries{{c.M}}(Stream stream)
            {
                // Partner files declare their entities in an internal DTD: parse it, resolve nothing, cap the expansion.
                var settings = new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Parse,
                    MaxCharactersFromEntities = 1_000_000,
                    XmlResolver = null,
                };
                using var reader = XmlReader.Create(stream, settings);
                var count = 0;
                while (reader.ReadToFollowing("entry"))
                {
                    count++;
                }

                return count;
            }
            """,
        c => $$"""
            public static XmlReader OpenStrict{{c.M}}(Stream stream)
            {
                var settings = new XmlReaderSettings
                {
                    DtdProcessing = DtdProcessing.Prohibit,
                    IgnoreComments = true,
                    IgnoreProcessingInstructions = true,
                    MaxCharactersInDocument = 50_000_000,
                };
                return XmlReader.Create(stream, settings);
            }
            """,
        c => $$"""
            public static string RenderReport{{c.M}}(Stream data)
            {
                var xslt = new XslCompiledTransform();
                xslt.Load(Path.Combine(AppContext.BaseDirectory, "Templates", "{{c.Camel}}-report.xslt"), XsltSettings.Default, new XmlUrlResolver());
                using var input = XmlReader.Create(data);
                using var output = new StringWriter();
                var arguments = new XsltArgumentList();
                arguments.AddParam("generated", string.Empty, DateTimeOffset.UtcNow.ToString("O"));
                xslt.Transform(input, arguments, output);
                return output.ToString();
            }
            """,
        c => $$"""
            public static Create{{c.Entity}}Request? ReadRequest{{c.M}}(Stream stream)
                => (Create{{c.Entity}}Request?)new XmlSerializer(typeof(Create{{c.Entity}}Request)).Deserialize(stream);
            """,
        c => $$"""
            public static object? ReadMessage{{c.M}}(string kind, string xml)
            {
                if (!MessageTypes.TryGetValue(kind, out var type))
                {
                    throw new DomainException("Unknown message kind.");
                }

                return new XmlSerializer(type).Deserialize(new StringReader(xml));
            }
            """,
        c => $$"""
            public static {{c.Entity}}Dto? ReadContract{{c.M}}(Stream stream)
            {
                var serializer = new DataContractSerializer(typeof({{c.Entity}}Dto), [typeof(Create{{c.Entity}}Request)]);
                return ({{c.Entity}}Dto?)serializer.ReadObject(stream);
            }
            """,
        c => $$"""
            public async Task<Create{{c.Entity}}Request?> FetchJson{{c.M}}Async(Uri partner, CancellationToken cancellationToken)
            {
                await using var stream = await _http.GetStreamAsync(partner, cancellationToken).ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync<Create{{c.Entity}}Request>(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            """,
        c => $$"""
            public IReadOnlyList<Assembly> LoadReviewedPlugins{{c.M}}()
            {
                var loaded = new List<Assembly>();
                foreach (var file in Directory.GetFiles(_pluginFolder, "*.dll"))
                {
                    var bytes = File.ReadAllBytes(file);
                    if (!ReviewedPlugins.TryGetValue(Path.GetFileName(file), out var pinned)
                        || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), pinned))
                    {
                        _logger.LogWarning("Skipping {Plugin}: not a reviewed build", Path.GetFileName(file));
                        continue;
                    }

                    loaded.Add(Assembly.Load(bytes));
                }

                return loaded;
            }
            """,
        c => $$"""
            public static Assembly LoadShippedDriver{{c.M}}()
                => Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Drivers", "Contoso.Drivers.{{c.Entity}}.dll"));
            """,
        c => $$"""
            public static void ResolveFromApplication{{c.M}}()
            {
                AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                {
                    var path = Path.Combine(AppContext.BaseDirectory, "lib", new AssemblyName(args.Name).Name + ".dll");
                    return File.Exists(path) ? Assembly.LoadFrom(path) : null;
                };
            }
            """,
        c => $$"""
            public static void OpenFirewall{{c.M}}(int port)
            {
                using var process = Process.Start(Path.Combine(Environment.SystemDirectory, "netsh.exe"), "advfirewall firewall add rule name={{c.Camel}} dir=in protocol=TCP localport=" + port);
                process?.WaitForExit(10_000);
                Process.Start(new ProcessStartInfo("https://help.contoso.example/{{c.Route}}") { UseShellExecute = true })?.Dispose();
            }
            """,
        c => $$"""
            public async Task<string> DownloadInstaller{{c.M}}Async(string target, CancellationToken cancellationToken)
            {
                var installer = await _http.GetByteArrayAsync(new Uri("https://updates.contoso.example/{{c.Route}}/setup.msi"), cancellationToken).ConfigureAwait(false);
                if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(installer), Convert.FromHexString(InstallerSha256)))
                {
                    throw new InvalidDataException("The installer does not match the pinned digest.");
                }

                await File.WriteAllBytesAsync(target, installer, cancellationToken).ConfigureAwait(false);
                return target;
            }
            """,
        c => $$"""
            public static object? CreateHandler{{c.M}}(HttpRequest request)
                => Handlers.TryGetValue(request.Query["handler"].ToString(), out var type) ? Activator.CreateInstance(type) : null;
            """,
        c => $$"""
            public async Task SendReceipt{{c.M}}Async(string to, string body, CancellationToken cancellationToken)
            {
                using var smtp = new SmtpClient(_configuration["Smtp:Host"] ?? "smtp.contoso.example", 587)
                {
                    EnableSsl = true,
                    Credentials = new NetworkCredential(_configuration["Smtp:User"], _configuration["Smtp:Password"]),
                };
                using var message = new MailMessage("no-reply@contoso.example", to, "Your {{c.Camel}} receipt", body);
                await smtp.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
            }
            """,
        c => $$"""
            public string DescribeDatabase{{c.M}}()
            {
                var builder = new DbConnectionStringBuilder { ConnectionString = _configuration.GetConnectionString("{{c.Entity}}s") ?? "Server=db;Database={{c.Entity}}s;Integrated Security=true" };
                builder["Application Name"] = "{{c.Class}}";
                _logger.LogInformation("Using database {Database}", builder.TryGetValue("Database", out var database) ? database : "(default)");
                return builder.ConnectionString;
            }
            """,
        c => $$"""
            public async Task<string> QueryPartner{{c.M}}Async(string path, CancellationToken cancellationToken)
            {
                var token = Environment.GetEnvironmentVariable("PARTNER_API_TOKEN") ?? throw new InvalidOperationException("PARTNER_API_TOKEN is not set.");
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://api.partner.example/" + Uri.EscapeDataString(path)));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            """,
        c => $$"""
            public static DataSet LoadReferenceData{{c.M}}()
            {
                // Reference data shipped with the product, schema defined by the product.
                var data = new DataSet("{{c.Entity}}Reference");
                data.ReadXmlSchema(Path.Combine(AppContext.BaseDirectory, "Schemas", "{{c.Camel}}.xsd"));
                data.ReadXml(Path.Combine(AppContext.BaseDirectory, "Data", "{{c.Camel}}.xml"), XmlReadMode.IgnoreSchema);
                return data;
            }
            """,
        c => $$"""
            public static string? PluginVersion{{c.M}}(string path)
                => AssemblyName.GetAssemblyName(path).Version?.ToString();
            """,
        c => $$"""
            /// <summary>Each plugin's dependencies come from its own .deps.json, next to the plugin.</summary>
            private sealed class PluginLoadContext{{c.M}}(string pluginPath) : AssemblyLoadContext(isCollectible: true)
            {
                private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

                protected override Assembly? Load(AssemblyName assemblyName)
                    => _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
            }
            """,
        c => $$"""
            public static IntPtr LoadCodec{{c.M}}()
                => NativeLibrary.Load("libsodium", typeof({{c.Class}}).Assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.System32);
            """,
        c => $$"""
            public static string RenderSummary{{c.M}}(Stream data, string stylesheetPath)
            {
                // document() may read other files of the product's own templates; no resolver is passed, so it resolves nothing.
                var xslt = new XslCompiledTransform();
                xslt.Load(stylesheetPath, new XsltSettings(enableDocumentFunction: true, enableScript: false), null);
                using var input = XmlReader.Create(data);
                using var output = new StringWriter();
                using var writer = XmlWriter.Create(output, xslt.OutputSettings);
                xslt.Transform(input, null, writer, null);
                writer.Flush();
                return output.ToString();
            }
            """,
    ];

    /// <summary>Planted insecure members, interleaved so that consecutive picks cycle through the rules.</summary>
    public static readonly (string RuleId, Func<MemberContext, string> Template)[] InsecureMembers = CorpusTemplates.Interleave<Func<MemberContext, string>>(
    [
        ("SCR3001",
        [
            c => $$"""
                public static object RestoreSession{{c.M}}(Stream stream)
                    => new BinaryFormatter().Deserialize(stream); {{PlantedFindings.Marker("SCR3001")}}
                """,
        ]),
        ("SCR3004",
        [
            c => $$"""
                public async Task<int> ImportPartnerTables{{c.M}}Async(Uri partner, CancellationToken cancellationToken)
                {
                    await using var stream = await _http.GetStreamAsync(partner, cancellationToken).ConfigureAwait(false);
                    var data = new DataSet();
                    data.ReadXml(stream); {{PlantedFindings.Marker("SCR3004")}}
                    return data.Tables.Count;
                }
                """,
        ]),
        ("SCR3007",
        [
            c => $$"""
                public static object? ReadTypedMessage{{c.M}}(HttpRequest request)
                {
                    var type = Type.GetType(request.Headers["X-Message-Type"].ToString(), throwOnError: true)!;
                    return new XmlSerializer(type).Deserialize(request.Body); {{PlantedFindings.Marker("SCR3007")}}
                }
                """,
        ]),
        ("SCR3010",
        [
            c => $$"""
                public static int CountEntries{{c.M}}(Stream stream)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Parse,
                        XmlResolver = new XmlUrlResolver(), {{PlantedFindings.Marker("SCR3010")}}
                    };
                    using var reader = XmlReader.Create(stream, settings);
                    var count = 0;
                    while (reader.ReadToFollowing("entry"))
                    {
                        count++;
                    }

                    return count;
                }
                """,
            c => $$"""
                public static XmlDocument LoadDocument{{c.M}}(string xml)
                {
                    var document = new XmlDocument();
                    document.XmlResolver = new XmlUrlResolver(); {{PlantedFindings.Marker("SCR3010")}}
                    document.LoadXml(xml);
                    return document;
                }
                """,
        ]),
        ("SCR3011",
        [
            c => $$"""
                public static XmlReader OpenWithEntities{{c.M}}(Stream stream)
                {
                    var settings = new XmlReaderSettings
                    {
                        DtdProcessing = DtdProcessing.Parse,
                        MaxCharactersFromEntities = 0, {{PlantedFindings.Marker("SCR3011")}}
                        XmlResolver = null,
                    };
                    return XmlReader.Create(stream, settings);
                }
                """,
        ]),
        ("SCR3013",
        [
            c => $$"""
                public static XslCompiledTransform LoadPartnerStylesheet{{c.M}}(string stylesheetPath)
                {
                    var xslt = new XslCompiledTransform();
                    xslt.Load(stylesheetPath, XsltSettings.TrustedXslt, new XmlUrlResolver()); {{PlantedFindings.Marker("SCR3013")}}
                    return xslt;
                }
                """,
        ]),
        ("SCR4001",
        [
            c => $$"""
                public IReadOnlyList<Assembly> LoadPlugins{{c.M}}()
                {
                    var loaded = new List<Assembly>();
                    foreach (var file in Directory.GetFiles(_pluginFolder, "*.dll"))
                    {
                        loaded.Add(Assembly.LoadFrom(file)); {{PlantedFindings.Marker("SCR4001")}}
                    }

                    return loaded;
                }
                """,
        ]),
        ("SCR4002",
        [
            c => $$"""
                public static Assembly LoadStagedUpdate{{c.M}}()
                {
                    var staged = Path.Combine(Path.GetTempPath(), "Contoso.{{c.Entity}}.Update.dll");
                    return Assembly.LoadFrom(staged); {{PlantedFindings.Marker("SCR4002")}}
                }
                """,
            c => $$"""
                public IntPtr LoadNativeDriver{{c.M}}()
                    => NativeLibrary.Load(_configuration["Drivers:{{c.Entity}}Native"]!); {{PlantedFindings.Marker("SCR4002")}}
                """,
        ]),
        ("SCR4003",
        [
            c => $$"""
                public async Task<Assembly> FetchRules{{c.M}}Async(Uri feed, CancellationToken cancellationToken)
                {
                    var image = await _http.GetByteArrayAsync(feed, cancellationToken).ConfigureAwait(false);
                    return Assembly.Load(image); {{PlantedFindings.Marker("SCR4003")}}
                }
                """,
        ]),
        ("SCR4004",
        [
            c => $$"""
                public async Task<Assembly> FetchPinnedRules{{c.M}}Async(CancellationToken cancellationToken)
                {
                    const string Feed = "http://updates.contoso.example/{{c.Route}}/Contoso.{{c.Entity}}.Rules.dll"; {{PlantedFindings.Marker("SCR4004")}}
                    var image = await _http.GetByteArrayAsync(Feed, cancellationToken).ConfigureAwait(false);
                    if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(image), ReviewedPlugins["Contoso.{{c.Entity}}.Rules.dll"]))
                    {
                        throw new InvalidDataException("The rules do not match the pinned digest.");
                    }

                    return Assembly.Load(image);
                }
                """,
        ]),
        ("SCR4005",
        [
            c => $$"""
                public static object? CreateHandler{{c.M}}(HttpRequest request)
                {
                    var type = Type.GetType(request.Query["handler"].ToString(), throwOnError: true)!;
                    return Activator.CreateInstance(type); {{PlantedFindings.Marker("SCR4005")}}
                }
                """,
        ]),
        ("SCR4006",
        [
            c => $$"""
                public async Task<byte[]> DownloadVerified{{c.M}}Async(string url, CancellationToken cancellationToken)
                {
                    var installer = await _http.GetByteArrayAsync(url, cancellationToken).ConfigureAwait(false);
                    var expected = (await _http.GetStringAsync(url + ".sha256", cancellationToken).ConfigureAwait(false)).Trim();
                    // The digest comes from the same server as the file: whoever can replace one replaces both, so the
                    // comparison (SCR4006) verifies nothing and the installer runs unverified (SCR4003).
                    if (Convert.ToHexString(SHA256.HashData(installer)) != expected) {{PlantedFindings.Marker("SCR4006")}}
                    {
                        throw new InvalidDataException("Corrupted download.");
                    }

                    var target = Path.Combine(AppContext.BaseDirectory, "setup.exe");
                    await File.WriteAllBytesAsync(target, installer, cancellationToken).ConfigureAwait(false);
                    Process.Start(target)?.Dispose(); {{PlantedFindings.Marker("SCR4003")}}
                    return installer;
                }
                """,
        ]),
        ("SCR4010",
        [
            c => $$"""
                public static void ResolveFromSharedFolder{{c.M}}()
                {
                    // Any local user can add a file to the shared folder: the handler (SCR4010) and the load from a
                    // user-writable location (SCR4002) are both reported.
                    AppDomain.CurrentDomain.AssemblyResolve += (sender, args) => {{PlantedFindings.Marker("SCR4010")}}
                    {
                        var file = new AssemblyName(args.Name).Name + ".dll";
                        var path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Contoso", "Shared", file);
                        return File.Exists(path) ? Assembly.LoadFrom(path) : null; {{PlantedFindings.Marker("SCR4002")}}
                    };
                }
                """,
        ]),
        ("SCR4011",
        [
            c => $$"""
                public static void FetchConfiguration{{c.M}}(string repository)
                {
                    using var process = Process.Start("git", "-C " + repository + " fetch --prune"); {{PlantedFindings.Marker("SCR4011")}}
                    process?.WaitForExit(30_000);
                }
                """,
            c => $$"""
                public static IntPtr LoadPlcDriver{{c.M}}()
                    => NativeLibrary.Load("plcdriver.dll"); {{PlantedFindings.Marker("SCR4011")}}
                """,
        ]),
        ("SCR4020",
        [
            c => $$"""
                public static bool IsGenuineUpdate{{c.M}}(string path, string pinnedThumbprint)
                {
                    using var signer = new X509Certificate2(X509Certificate.CreateFromSignedFile(path)); {{PlantedFindings.Marker("SCR4020")}}
                    return signer.Verify() && signer.Thumbprint == pinnedThumbprint;
                }
                """,
        ]),
        ("SCR4022",
        [
            c => $$"""
                public IReadOnlyList<Assembly> LoadContosoPlugins{{c.M}}(byte[] contosoPublicKeyToken)
                {
                    var loaded = new List<Assembly>();
                    foreach (var path in Directory.EnumerateFiles(_pluginFolder, "*.dll"))
                    {
                        var token = AssemblyName.GetAssemblyName(path).GetPublicKeyToken();
                        if (token is not null && token.SequenceEqual(contosoPublicKeyToken)) {{PlantedFindings.Marker("SCR4022")}}
                        {
                            loaded.Add(Assembly.LoadFrom(path)); {{PlantedFindings.Marker("SCR4001")}}
                        }
                    }

                    return loaded;
                }
                """,
        ]),
        ("SCR6001",
        [
            c => $$"""
                public static string ReportingConnection{{c.M}}()
                {
                    var builder = new DbConnectionStringBuilder { ConnectionString = "Server=db;Database={{c.Entity}}s;User Id=reporting;Password=Tr0ub4dor&3" }; {{PlantedFindings.Marker("SCR6001")}}
                    builder["Application Name"] = "{{c.Class}}";
                    return builder.ConnectionString;
                }
                """,
        ]),
        ("SCR6002",
        [
            c => $$"""
                public static async Task SendAlert{{c.M}}Async(string to, string body, CancellationToken cancellationToken)
                {
                    using var smtp = new SmtpClient("smtp.contoso.example", 587) { EnableSsl = true };
                    smtp.Credentials = new NetworkCredential("mailer", "Tr0ub4dor&3"); {{PlantedFindings.Marker("SCR6002")}}
                    using var message = new MailMessage("alerts@contoso.example", to, "{{c.Entity}} alert", body);
                    await smtp.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
                }
                """,
            c => $$"""
                public async Task<string> QueryLegacy{{c.M}}Async(CancellationToken cancellationToken)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://legacy.partner.example/{{c.Route}}"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("svc-{{c.Camel}}:Tr0ub4dor&3"))); {{PlantedFindings.Marker("SCR6002")}}
                    using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }
                """,
        ]),
        ("SCR6004",
        [
            c => $$"""
                public async Task<string> ChargeCard{{c.M}}Async(string customer, long amount, CancellationToken cancellationToken)
                {
                    const string StripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQm8nRv2K"; {{PlantedFindings.Marker("SCR6004")}}
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://api.stripe.com/v1/charges"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StripeKey); {{PlantedFindings.Marker("SCR6002")}}
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["customer"] = customer, ["amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                }
                """,
        ]),
    ]);
}
