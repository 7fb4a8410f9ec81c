using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool.Browser;

/// <summary>One event of the Chrome DevTools protocol, with the session (page) it came from.</summary>
public sealed record CdpEvent(string Method, JsonObject Params, string? SessionId);

/// <summary>
/// Debian's chromium, headless, driven over the Chrome DevTools protocol on one WebSocket (flat sessions), with no
/// package beyond the framework. Every call has a timeout, so a hung browser fails the test instead of hanging it;
/// disposing kills the browser's process tree and deletes its temporary profile.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Where Debian's chromium package installs the browser.</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The longest a single protocol command may take.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly List<CdpEvent> _events = [];
    private readonly Queue<string> _log = new();
    private readonly CancellationTokenSource _closing = new();
    private TaskCompletionSource _eventArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiver = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Names another Chromium executable than Debian's (or a missing one, to see the test skip or fail without a browser).</summary>
    public const string PathVariable = "SCR_CHROMIUM";

    /// <summary>The browser executable: $SCR_CHROMIUM when set, else Debian's chromium; null when it does not exist.</summary>
    public static string? Executable
        => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? (File.Exists(path) ? path : null) : File.Exists(DebianPath) ? DebianPath : null;

    /// <summary>What to do when the browser is missing.</summary>
    public static string MissingMessage
        => "Debian's chromium is not installed (" + (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path + " from " + PathVariable : DebianPath)
            + "): install it with 'apt-get install chromium' (.ci/run installs it when missing); the HTML report is tested in headless Chromium.";

    /// <summary>True on a CI machine (CI=true, as .ci/run sets), where a missing browser fails the test instead of skipping it.</summary>
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last lines the browser printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Starts the browser with a fresh temporary profile and connects to it.</summary>
    public static async Task<HeadlessChromium> LaunchAsync(CancellationToken cancellationToken)
    {
        var executable = Executable ?? throw new InvalidOperationException(MissingMessage);
        var profile = Path.Combine(Path.GetTempPath(), "scr-chromium-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--user-data-dir=" + profile,
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var browser = new HeadlessChromium(process, profile);
        try
        {
            process.OutputDataReceived += (_, e) => browser.Record(e.Data);
            process.ErrorDataReceived += (_, e) => browser.Record(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await browser.ConnectAsync(cancellationToken);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a new page (tab) and attaches a session to it.</summary>
    public async Task<CdpPage> NewPageAsync(CancellationToken cancellationToken)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, cancellationToken);
        var targetId = target["targetId"]!.GetValue<string>();
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true }, null, cancellationToken);
        return new CdpPage(this, attached["sessionId"]!.GetValue<string>());
    }

    /// <summary>Sends a command (to the browser, or to a page when <paramref name="sessionId"/> is given) and returns its result.</summary>
    public async Task<JsonObject> SendAsync(string method, JsonObject? parameters, string? sessionId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        timeout.CancelAfter(CommandTimeout);
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
            if (sessionId is not null)
            {
                message["sessionId"] = sessionId;
            }

            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await _sendLock.WaitAsync(timeout.Token);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
            }
            finally
            {
                _sendLock.Release();
            }

            JsonObject response;
            try
            {
                response = await reply.Task.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Chromium did not answer {method} within {CommandTimeout.TotalSeconds:0} s.\n{Log}");
            }

            if (response["error"] is JsonObject error)
            {
                throw new InvalidOperationException($"{method} failed: {error["message"]} {error["data"]}");
            }

            return response["result"] as JsonObject ?? new JsonObject();
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>The number of events received so far (a mark for <see cref="WaitForEventAsync"/>).</summary>
    public int EventCount
    {
        get
        {
            lock (_events)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>The events received so far, of one session (or of the browser when null).</summary>
    public IReadOnlyList<CdpEvent> Events(string? sessionId)
    {
        lock (_events)
        {
            return _events.Where(e => e.SessionId == sessionId).ToList();
        }
    }

    /// <summary>Waits for an event of a session received after the mark <paramref name="after"/> (an <see cref="EventCount"/>).</summary>
    public async Task<CdpEvent> WaitForEventAsync(string method, string? sessionId, int after, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task arrived;
            lock (_events)
            {
                for (var i = after; i < _events.Count; i++)
                {
                    if (_events[i].Method == method && _events[i].SessionId == sessionId)
                    {
                        return _events[i];
                    }
                }

                arrived = _eventArrived.Task;
            }

            try
            {
                await arrived.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Chromium sent no {method} within {timeout.TotalSeconds:0} s.\n{Log}");
            }
        }
    }

    /// <summary>Closes the connection, kills the browser and deletes its profile; never throws, never hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            using var close = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, close.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The browser went away first.
            }
        }

        _socket.Abort();
        _socket.Dispose();
        try
        {
            await _receiver.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or WebSocketException)
        {
            // The receive loop ends with the socket; nothing to report once disposing.
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or TimeoutException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
        for (var attempt = 0; attempt < 5 && Directory.Exists(_profile); attempt++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A child process may still be flushing the profile; try again shortly.
                await Task.Delay(200);
            }
        }

        _closing.Dispose();
        _sendLock.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > 40)
            {
                _log.Dequeue();
            }
        }
    }

    // Chromium writes the port and the browser's WebSocket path to <profile>/DevToolsActivePort once it listens.
    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        string[] lines = [];
        while (lines.Length < 2 || lines[1].Length == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before it listened for DevTools.\n{Log}");
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"Chromium did not write {portFile} within {StartTimeout.TotalSeconds:0} s.\n{Log}");
            }

            await Task.Delay(50, cancellationToken);
            try
            {
                lines = File.Exists(portFile) ? File.ReadAllText(portFile).Split('\n', StringSplitOptions.TrimEntries) : [];
            }
            catch (IOException)
            {
                lines = [];
            }
        }

        var port = int.Parse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        await _socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{lines[1]}"), timeout.Token);
        _receiver = Task.Run(ReceiveAsync, CancellationToken.None);
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        Exception? failure = null;
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                var received = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.GetBuffer().AsSpan(0, (int)message.Length)) as JsonObject;
                message.SetLength(0);
                if (json is null)
                {
                    continue;
                }

                if (json["id"] is JsonValue id && _pending.TryGetValue(id.GetValue<int>(), out var reply))
                {
                    reply.TrySetResult(json);
                }
                else if (json["method"] is JsonValue method)
                {
                    var e = new CdpEvent(method.GetValue<string>(), json["params"] as JsonObject ?? new JsonObject(), json["sessionId"]?.GetValue<string>());
                    TaskCompletionSource arrived;
                    lock (_events)
                    {
                        _events.Add(e);
                        arrived = _eventArrived;
                        _eventArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    arrived.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or System.Text.Json.JsonException)
        {
            failure = e;
        }

        // The connection is gone: every pending command fails now instead of at its timeout.
        var gone = new InvalidOperationException("The connection to Chromium closed.\n" + Log, failure);
        foreach (var reply in _pending.Values)
        {
            reply.TrySetException(gone);
        }
    }
}

/// <summary>A page (tab) of <see cref="HeadlessChromium"/>: commands and events of its session.</summary>
public sealed class CdpPage(HeadlessChromium browser, string sessionId)
{
    /// <summary>The page's session id (events carry it).</summary>
    public string SessionId => sessionId;

    /// <summary>Sends a command to the page.</summary>
    public Task<JsonObject> SendAsync(string method, JsonObject? parameters, CancellationToken cancellationToken)
        => browser.SendAsync(method, parameters, sessionId, cancellationToken);

    /// <summary>The page's events so far.</summary>
    public IReadOnlyList<CdpEvent> Events => browser.Events(sessionId);

    /// <summary>Navigates and waits for the load event; fails when the navigation fails.</summary>
    public async Task NavigateAsync(string url, CancellationToken cancellationToken)
    {
        var mark = browser.EventCount;
        var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancellationToken);
        Assert.True(navigation["errorText"] is null, $"Navigating to {url} failed: {navigation["errorText"]}");
        await browser.WaitForEventAsync("Page.loadEventFired", sessionId, mark, HeadlessChromium.CommandTimeout, cancellationToken);
    }

    /// <summary>Evaluates a JavaScript expression and returns its value (JSON); fails on an exception.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, cancellationToken);
        Assert.True(result["exceptionDetails"] is null, "The script threw: " + result["exceptionDetails"]?.ToJsonString());
        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>A PNG of the whole page (not only the viewport).</summary>
    public async Task<byte[]> FullPageScreenshotAsync(CancellationToken cancellationToken)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics", null, cancellationToken);
        var size = metrics["cssContentSize"]!;
        var clip = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = size["width"]!.GetValue<double>(), ["height"] = size["height"]!.GetValue<double>(), ["scale"] = 1 };
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip }, cancellationToken);
        return Convert.FromBase64String(shot["data"]!.GetValue<string>());
    }
}
