using System;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// The operations controllers of the realistic corpus: members that take web input (and two that read a socket or
/// the console) into the sinks of every injection rule. Each file gets a couple of real flows, round-robin over
/// <see cref="InsecureMembers"/>, among safe look-alikes (sanitizers, guards, structurally safe APIs). Sink lines
/// carry <see cref="GroundTruth"/> markers; the flow id is the class and member number.
/// </summary>
internal static class InjectionTemplates
{
    public static readonly string[] Usings =
    [
        "System", "System.Collections.Generic", "System.Data.Common", "System.Diagnostics", "System.IO", "System.Linq",
        "System.Net.Http", "System.Net.Sockets", "System.Text", "System.Text.RegularExpressions", "System.Threading",
        "System.Threading.Tasks", "System.Xml", "Microsoft.AspNetCore.Mvc", "Microsoft.Extensions.Logging",
    ];

    public static string Header(MemberContext c) => $$"""
        private static readonly HashSet<string> AllowedTools = new(StringComparer.Ordinal) { "uptime", "df", "free" };
        private const string UsersXml = "<users><user name='admin' role='operator'/></users>";

        private readonly DbConnection _connection;
        private readonly HttpClient _http;
        private readonly ILogger<{{c.Class}}> _logger;
        private readonly string _root;

        public {{c.Class}}(DbConnection connection, HttpClient http, ILogger<{{c.Class}}> logger, string contentRoot)
        {
            _connection = connection;
            _http = http;
            _logger = logger;
            _root = Path.GetFullPath(contentRoot);
        }
        """;

    /// <summary>Real flows, one sink kind each; consecutive picks cycle through the kinds.</summary>
    public static readonly Func<MemberContext, string>[] InsecureMembers =
    [
        c => $$"""
            [HttpGet("audit/v{{c.M}}")]
            public IActionResult Audit{{c.M}}([FromQuery] string user)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT at, action FROM audit WHERE user_name = '" + user + "' ORDER BY at DESC"; {{Marker(c, "sql", true)}}
                using var reader = command.ExecuteReader();
                var rows = new List<string>();
                while (reader.Read())
                {
                    rows.Add(reader.GetString(1));
                }

                return Ok(rows);
            }
            """,
        c => $$"""
            [HttpPost("diagnostics/v{{c.M}}")]
            public IActionResult Ping{{c.M}}([FromForm] string host)
            {
                using var process = Process.Start("ping", "-c 1 " + host); {{Marker(c, "command", true)}}
                process?.WaitForExit(5000);
                return Ok();
            }
            """,
        c => $$"""
            [HttpGet("logs/v{{c.M}}")]
            public IActionResult ReadLog{{c.M}}([FromQuery] string file)
            {
                var text = System.IO.File.ReadAllText(Path.Combine(_root, "logs", file)); {{Marker(c, "path", true)}}
                return Content(text, "text/plain");
            }
            """,
        c => $$"""
            [HttpGet("back/v{{c.M}}")]
            public IActionResult Back{{c.M}}([FromQuery] string returnUrl)
            {
                _logger.LogDebug("Leaving the console");
                return Redirect(returnUrl); {{Marker(c, "redirect", true)}}
            }
            """,
        c => $$"""
            [HttpGet("preview/v{{c.M}}")]
            public async Task<IActionResult> Preview{{c.M}}([FromQuery] string url, CancellationToken cancellationToken)
            {
                var body = await _http.GetStringAsync(url, cancellationToken).ConfigureAwait(false); {{Marker(c, "ssrf", true)}}
                return Content(body, "text/html");
            }
            """,
        c => $$"""
            [HttpGet("hosts/v{{c.M}}")]
            public IActionResult FilterHosts{{c.M}}([FromQuery] string pattern, [FromQuery] string hosts)
            {
                var matches = Regex.Matches(hosts, pattern); {{Marker(c, "regex", true)}}
                return Ok(matches.Select(m => m.Value).ToList());
            }
            """,
        c => $$"""
            [HttpPost("login/v{{c.M}}")]
            public IActionResult LoginFailed{{c.M}}([FromForm] string user)
            {
                _logger.LogWarning("Login failed for " + user); {{Marker(c, "log", true)}}
                return Unauthorized();
            }
            """,
        c => $$"""
            [HttpGet("roles/v{{c.M}}")]
            public IActionResult Role{{c.M}}([FromQuery] string name)
            {
                var document = new XmlDocument();
                document.LoadXml(UsersXml);
                var node = document.SelectSingleNode("/users/user[@name='" + name + "']"); {{Marker(c, "xpath", true)}}
                return Ok(node?.Attributes?["role"]?.Value);
            }
            """,
        c => $$"""
            [NonAction]
            public async Task<int> ImportFromGateway{{c.M}}(TcpClient client, CancellationToken cancellationToken)
            {
                using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
                var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty;
                using var command = _connection.CreateCommand();
                command.CommandText = "INSERT INTO readings (raw) VALUES ('" + line + "')"; {{Marker(c, "sql", true)}}
                return command.ExecuteNonQuery();
            }
            """,
        c => $$"""
            [NonAction]
            public void PurgeInteractive{{c.M}}()
            {
                // The operator's own console input: not a privilege boundary, so not counted for paths by default.
                Console.Write("Folder to purge: ");
                var folder = Console.ReadLine() ?? string.Empty;
                Directory.Delete(Path.Combine(_root, folder), recursive: true); {{Marker(c, "path", false)}}
            }
            """,
    ];

    /// <summary>Untrusted input reaching the same sinks through a sanitizer, a guard or a structurally safe API.</summary>
    public static readonly Func<MemberContext, string>[] SafeMembers =
    [
        c => $$"""
            [HttpGet("audit/safe/v{{c.M}}")]
            public IActionResult AuditParameterized{{c.M}}([FromQuery] string user)
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "SELECT at, action FROM audit WHERE user_name = @user ORDER BY at DESC"; {{Marker(c, "sql", false)}}
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@user";
                parameter.Value = user;
                command.Parameters.Add(parameter);
                return Ok(command.ExecuteScalar());
            }
            """,
        c => $$"""
            [HttpGet("logs/safe/v{{c.M}}")]
            public IActionResult ReadLogContained{{c.M}}([FromQuery] string file)
            {
                var logs = Path.Combine(_root, "logs") + Path.DirectorySeparatorChar;
                var full = Path.GetFullPath(Path.Combine(logs, Path.GetFileName(file)));
                if (!full.StartsWith(logs, StringComparison.Ordinal))
                {
                    return BadRequest();
                }

                return Content(System.IO.File.ReadAllText(full), "text/plain"); {{Marker(c, "path", false)}}
            }
            """,
        c => $$"""
            [HttpGet("back/safe/v{{c.M}}")]
            public IActionResult BackLocal{{c.M}}([FromQuery] string returnUrl)
            {
                if (!Url.IsLocalUrl(returnUrl))
                {
                    return LocalRedirect("~/");
                }

                return Redirect(returnUrl); {{Marker(c, "redirect", false)}}
            }
            """,
        c => $$"""
            [HttpGet("hosts/safe/v{{c.M}}")]
            public IActionResult FindHost{{c.M}}([FromQuery] string text, [FromQuery] string hosts)
            {
                var matches = Regex.Matches(hosts, Regex.Escape(text)); {{Marker(c, "regex", false)}}
                return Ok(matches.Count);
            }
            """,
        c => $$"""
            [HttpPost("login/safe/v{{c.M}}")]
            public IActionResult LoginRejected{{c.M}}([FromForm] string user)
            {
                _logger.LogWarning("Login rejected for {User}", user); {{Marker(c, "log", false)}}
                return Unauthorized();
            }
            """,
        c => $$"""
            [HttpPost("tools/v{{c.M}}")]
            public IActionResult RunTool{{c.M}}([FromForm] string tool)
            {
                if (!AllowedTools.Contains(tool))
                {
                    return BadRequest();
                }

                using var process = Process.Start(tool); {{Marker(c, "command", false)}}
                process?.WaitForExit(5000);
                return Ok();
            }
            """,
        c => $$"""
            [HttpGet("status/v{{c.M}}")]
            public async Task<IActionResult> PartnerStatus{{c.M}}([FromQuery] string url, CancellationToken cancellationToken)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host != "status.contoso.com")
                {
                    return BadRequest();
                }

                return Content(await _http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false), "application/json"); {{Marker(c, "ssrf", false)}}
            }
            """,
        c => $$"""
            [NonAction]
            public async Task<int> ImportCounter{{c.M}}(TcpClient client, CancellationToken cancellationToken)
            {
                using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
                var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? "0";
                var value = long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                using var command = _connection.CreateCommand();
                command.CommandText = "UPDATE counters SET value = " + value.ToString(System.Globalization.CultureInfo.InvariantCulture); {{Marker(c, "sql", false)}}
                return command.ExecuteNonQuery();
            }
            """,
        c => $$"""
            [HttpGet("summary/v{{c.M}}")]
            public IActionResult Summary{{c.M}}([FromQuery] int days)
            {
                var since = DateTimeOffset.UtcNow.AddDays(-Math.Clamp(days, 1, 90));
                _logger.LogInformation("Summary since {Since}", since);
                return Ok(new { since, generated = DateTimeOffset.UtcNow });
            }
            """,
    ];

    private static string Marker(MemberContext c, string kind, bool tainted) => GroundTruth.Marker(c.Class + "." + c.M, kind, tainted);
}
