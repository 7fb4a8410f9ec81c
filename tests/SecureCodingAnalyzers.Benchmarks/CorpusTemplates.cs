using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>
/// The code the corpus generator assembles. Templates are written at column 0; <c>{{...}}</c> holes take the entity,
/// class and member number so every generated name is unique. Everything here compiles against the .NET and ASP.NET
/// Core reference assemblies (the harness prints the compiler error count; it must stay 0 for the generated corpus).
/// </summary>
internal static class CorpusTemplates
{
    // ------------------------------------------------------------------ domain model

    public const string CoreTypes = """
        public interface IEntity
        {
            Guid Id { get; }
        }

        public interface IRepository<T>
            where T : class, IEntity
        {
            Task<T?> FindAsync(Guid id, CancellationToken cancellationToken);

            Task<IReadOnlyList<T>> ListAsync(Func<T, bool> predicate, CancellationToken cancellationToken);

            Task SaveAsync(T entity, CancellationToken cancellationToken);

            Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
        }

        public interface IClock
        {
            DateTimeOffset UtcNow { get; }
        }

        public sealed class SystemClock : IClock
        {
            public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;
        }

        /// <summary>Keys come from the platform key store; implementations live in the hosting layer.</summary>
        public interface IKeyProvider
        {
            byte[] GetKey(string purpose);

            byte[] GetHmacKey(string purpose);

            string GetPrivateKeyPem(string purpose);
        }

        public abstract class InMemoryRepository<T> : IRepository<T>
            where T : class, IEntity
        {
            private readonly ConcurrentDictionary<Guid, T> _items = new();

            protected IEnumerable<T> Items => _items.Values;

            public Task<T?> FindAsync(Guid id, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Task.FromResult<T?>(_items.TryGetValue(id, out var item) ? item : null);
            }

            public Task<IReadOnlyList<T>> ListAsync(Func<T, bool> predicate, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IReadOnlyList<T> result = _items.Values.Where(predicate).ToList();
                return Task.FromResult(result);
            }

            public Task SaveAsync(T entity, CancellationToken cancellationToken)
            {
                ArgumentNullException.ThrowIfNull(entity);
                cancellationToken.ThrowIfCancellationRequested();
                _items[entity.Id] = entity;
                return Task.CompletedTask;
            }

            public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Task.FromResult(_items.TryRemove(id, out _));
            }
        }

        public readonly record struct Result<T>(bool Success, T? Value, string? Error)
        {
            public static Result<T> Ok(T value) => new(true, value, null);

            public static Result<T> Fail(string error) => new(false, default, error);
        }

        public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
        {
            public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
        }

        public sealed class DomainException : Exception
        {
            public DomainException()
            {
            }

            public DomainException(string message)
                : base(message)
            {
            }

            public DomainException(string message, Exception innerException)
                : base(message, innerException)
            {
            }
        }
        """;

    public static string Entity(string e) => $$"""
        public enum {{e}}Status
        {
            Draft,
            Active,
            Suspended,
            Archived,
        }

        public sealed class {{e}} : IEntity
        {
            public Guid Id { get; init; } = Guid.NewGuid();

            public string Name { get; set; } = string.Empty;

            public string? Email { get; set; }

            public string Region { get; set; } = "eu-west";

            public decimal Amount { get; set; }

            public int Priority { get; set; }

            public {{e}}Status Status { get; set; }

            public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;

            public DateTimeOffset? UpdatedAt { get; set; }

            public List<string> Tags { get; } = new();
        }

        public sealed record {{e}}Dto(Guid Id, string Name, string? Email, string Region, decimal Amount, int Priority, string Status, DateTimeOffset CreatedAt);

        public sealed record Create{{e}}Request(string Name, string? Email, string Region, decimal Amount, int Priority);
        """;

    // ------------------------------------------------------------------ repositories

    public static readonly Func<MemberContext, string>[] RepositoryMembers =
    [
        c => $$"""
            public IReadOnlyList<{{c.Entity}}> FindByRegion{{c.M}}(string region, int take)
            {
                if (string.IsNullOrWhiteSpace(region))
                {
                    return Array.Empty<{{c.Entity}}>();
                }

                return Items
                    .Where(x => string.Equals(x.Region, region, StringComparison.OrdinalIgnoreCase))
                    .OrderByDescending(x => x.Priority)
                    .ThenBy(x => x.Name, StringComparer.Ordinal)
                    .Take(take)
                    .ToList();
            }
            """,
        c => $$"""
            public PagedResult<{{c.Entity}}> Page{{c.M}}(int page, int pageSize, {{c.Entity}}Status? status)
            {
                page = Math.Max(1, page);
                pageSize = Math.Clamp(pageSize, 1, 200);
                var query = Items;
                if (status is { } wanted)
                {
                    query = query.Where(x => x.Status == wanted);
                }

                var ordered = query.OrderBy(x => x.CreatedAt).ToList();
                var items = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
                return new PagedResult<{{c.Entity}}>(items, page, pageSize, ordered.Count);
            }
            """,
        c => $$"""
            public IReadOnlyDictionary<string, decimal> TotalsByRegion{{c.M}}(DateTimeOffset since)
            {
                var totals = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
                foreach (var item in Items)
                {
                    if (item.CreatedAt < since || item.Status == {{c.Entity}}Status.Archived)
                    {
                        continue;
                    }

                    totals.TryGetValue(item.Region, out var current);
                    totals[item.Region] = current + item.Amount;
                }

                return totals;
            }
            """,
        c => $$"""
            public IEnumerable<{{c.Entity}}> Search{{c.M}}(string text, IReadOnlyCollection<string> tags)
            {
                ArgumentNullException.ThrowIfNull(tags);
                foreach (var item in Items)
                {
                    var matches = item.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || (item.Email?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);
                    if (matches && (tags.Count == 0 || item.Tags.Any(tags.Contains)))
                    {
                        yield return item;
                    }
                }
            }
            """,
        c => $$"""
            public IReadOnlyList<(string Status, int Count, decimal Average)> Summarize{{c.M}}()
            {
                return Items
                    .GroupBy(x => x.Status)
                    .OrderBy(g => g.Key)
                    .Select(g => (Status: g.Key.ToString(), Count: g.Count(), Average: g.Average(x => x.Amount)))
                    .ToList();
            }
            """,
        c => $$"""
            public async Task<int> ArchiveStale{{c.M}}Async(TimeSpan age, IClock clock, CancellationToken cancellationToken)
            {
                ArgumentNullException.ThrowIfNull(clock);
                var threshold = clock.UtcNow - age;
                var stale = await ListAsync(x => x.Status != {{c.Entity}}Status.Archived && (x.UpdatedAt ?? x.CreatedAt) < threshold, cancellationToken).ConfigureAwait(false);
                foreach (var item in stale)
                {
                    item.Status = {{c.Entity}}Status.Archived;
                    item.UpdatedAt = clock.UtcNow;
                    await SaveAsync(item, cancellationToken).ConfigureAwait(false);
                }

                return stale.Count;
            }
            """,
        c => $$"""
            public ILookup<string, {{c.Entity}}> ByTag{{c.M}}(int minimumPriority)
            {
                return Items
                    .Where(x => x.Priority >= minimumPriority)
                    .SelectMany(x => x.Tags.Select(tag => (Tag: tag, Item: x)))
                    .ToLookup(t => t.Tag, t => t.Item, StringComparer.OrdinalIgnoreCase);
            }
            """,
    ];

    // ------------------------------------------------------------------ services and workers

    public static string ServiceHeader(MemberContext c) => $$"""
        private static readonly Random Jitter = new();
        private readonly IRepository<{{c.Entity}}> _repository;
        private readonly ILogger<{{c.Class}}> _logger;
        private readonly IClock _clock;

        public {{c.Class}}(IRepository<{{c.Entity}}> repository, ILogger<{{c.Class}}> logger, IClock clock)
        {
            _repository = repository ?? throw new ArgumentNullException(nameof(repository));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        }

        private static {{c.Entity}}Dto ToDto({{c.Entity}} entity)
            => new(entity.Id, entity.Name, entity.Email, entity.Region, entity.Amount, entity.Priority, entity.Status.ToString(), entity.CreatedAt);

        private TimeSpan NextDelay(int attempt)
            => TimeSpan.FromMilliseconds((100 * Math.Pow(2, Math.Min(attempt, 8))) + Jitter.Next(0, 250));
        """;

    public static string WorkerLoop(MemberContext c) => $$"""
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var attempt = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var active = await _repository.ListAsync(x => x.Status == {{c.Entity}}Status.Active, stoppingToken).ConfigureAwait(false);
                    _logger.LogInformation("Synchronized {Count} records at {Time}", active.Count, _clock.UtcNow);
                    attempt = 0;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (TimeoutException ex)
                {
                    attempt++;
                    _logger.LogWarning(ex, "Synchronization attempt {Attempt} timed out", attempt);
                }

                await Task.Delay(TimeSpan.FromSeconds(30) + NextDelay(attempt), stoppingToken).ConfigureAwait(false);
            }
        }
        """;

    public static readonly Func<MemberContext, string>[] ServiceMembers =
    [
        c => $$"""
            public async Task<Result<{{c.Entity}}Dto>> Create{{c.M}}Async(Create{{c.Entity}}Request request, CancellationToken cancellationToken)
            {
                ArgumentNullException.ThrowIfNull(request);
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(request.Name))
                {
                    errors.Add("Name is required.");
                }
                else if (request.Name.Length > 200)
                {
                    errors.Add("Name is too long.");
                }

                if (request.Amount < 0)
                {
                    errors.Add("Amount must not be negative.");
                }

                if (errors.Count > 0)
                {
                    _logger.LogWarning("Rejected {Name}: {Errors}", request.Name, string.Join("; ", errors));
                    return Result<{{c.Entity}}Dto>.Fail(string.Join(" ", errors));
                }

                var entity = new {{c.Entity}}
                {
                    Name = request.Name.Trim(),
                    Email = request.Email?.Trim().ToLowerInvariant(),
                    Region = request.Region,
                    Amount = request.Amount,
                    Priority = Math.Clamp(request.Priority, 0, 10),
                    Status = {{c.Entity}}Status.Draft,
                    CreatedAt = _clock.UtcNow,
                };
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Created {Id}", entity.Id);
                return Result<{{c.Entity}}Dto>.Ok(ToDto(entity));
            }
            """,
        c => $$"""
            public async Task<bool> Transition{{c.M}}Async(Guid id, {{c.Entity}}Status target, CancellationToken cancellationToken)
            {
                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    return false;
                }

                var allowed = (entity.Status, target) switch
                {
                    ({{c.Entity}}Status.Draft, {{c.Entity}}Status.Active) => true,
                    ({{c.Entity}}Status.Active, {{c.Entity}}Status.Suspended) => true,
                    ({{c.Entity}}Status.Suspended, {{c.Entity}}Status.Active) => true,
                    (_, {{c.Entity}}Status.Archived) => true,
                    _ => false,
                };
                if (!allowed)
                {
                    _logger.LogWarning("Transition {From} -> {To} refused for {Id}", entity.Status, target, id);
                    return false;
                }

                entity.Status = target;
                entity.UpdatedAt = _clock.UtcNow;
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                return true;
            }
            """,
        c => $$"""
            public async Task<string> ExportCsv{{c.M}}Async(string region, CancellationToken cancellationToken)
            {
                var items = await _repository.ListAsync(x => x.Region == region, cancellationToken).ConfigureAwait(false);
                var builder = new StringBuilder();
                builder.AppendLine("id;name;email;amount;priority;status;created");
                foreach (var item in items.OrderBy(x => x.Name, StringComparer.Ordinal))
                {
                    builder.Append(item.Id.ToString("N", CultureInfo.InvariantCulture)).Append(';')
                        .Append(Escape(item.Name)).Append(';')
                        .Append(Escape(item.Email ?? string.Empty)).Append(';')
                        .Append(item.Amount.ToString("0.00", CultureInfo.InvariantCulture)).Append(';')
                        .Append(item.Priority.ToString(CultureInfo.InvariantCulture)).Append(';')
                        .Append(item.Status).Append(';')
                        .AppendLine(item.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                }

                return builder.ToString();

                static string Escape(string value)
                    => value.Contains(';', StringComparison.Ordinal) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
            }
            """,
        c => $$"""
            public async Task<T> WithRetry{{c.M}}Async<T>(Func<CancellationToken, Task<T>> operation, int maxAttempts, CancellationToken cancellationToken)
            {
                ArgumentNullException.ThrowIfNull(operation);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await operation(cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException ex) when (attempt < maxAttempts)
                    {
                        var backoff = TimeSpan.FromMilliseconds((200 * attempt) + Random.Shared.Next(0, 100));
                        _logger.LogWarning(ex, "Attempt {Attempt} failed, retrying in {Delay}", attempt, backoff);
                        await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            """,
        c => $$"""
            public async Task<IReadOnlyList<{{c.Entity}}Dto>> Sample{{c.M}}Async(int size, CancellationToken cancellationToken)
            {
                var all = await _repository.ListAsync(_ => true, cancellationToken).ConfigureAwait(false);
                var buffer = all.ToArray();
                Random.Shared.Shuffle(buffer);
                return buffer.Take(size).Select(ToDto).ToList();
            }
            """,
        c => $$"""
            public async Task<(decimal Mean, decimal Median, decimal P95)> Statistics{{c.M}}Async(CancellationToken cancellationToken)
            {
                var all = await _repository.ListAsync(x => x.Status == {{c.Entity}}Status.Active, cancellationToken).ConfigureAwait(false);
                if (all.Count == 0)
                {
                    return (0m, 0m, 0m);
                }

                var amounts = all.Select(x => x.Amount).OrderBy(x => x).ToArray();
                var sum = 0m;
                for (var i = 0; i < amounts.Length; i++)
                {
                    sum += amounts[i];
                }

                var median = amounts.Length % 2 == 1
                    ? amounts[amounts.Length / 2]
                    : (amounts[(amounts.Length / 2) - 1] + amounts[amounts.Length / 2]) / 2m;
                var p95 = amounts[Math.Min(amounts.Length - 1, (int)Math.Ceiling(amounts.Length * 0.95) - 1)];
                return (sum / amounts.Length, median, p95);
            }
            """,
        c => $$"""
            public async Task<int> NormalizeTags{{c.M}}Async(CancellationToken cancellationToken)
            {
                var changed = 0;
                var all = await _repository.ListAsync(x => x.Tags.Count > 0, cancellationToken).ConfigureAwait(false);
                foreach (var item in all)
                {
                    var normalized = item.Tags
                        .Select(t => t.Trim().ToLowerInvariant())
                        .Where(t => t.Length > 0)
                        .Distinct(StringComparer.Ordinal)
                        .OrderBy(t => t, StringComparer.Ordinal)
                        .ToList();
                    if (!normalized.SequenceEqual(item.Tags, StringComparer.Ordinal))
                    {
                        item.Tags.Clear();
                        item.Tags.AddRange(normalized);
                        await _repository.SaveAsync(item, cancellationToken).ConfigureAwait(false);
                        changed++;
                    }
                }

                return changed;
            }
            """,
        c => $$"""
            public string AssignRolloutRing{{c.M}}({{c.Entity}} entity, int betaPercentage)
            {
                ArgumentNullException.ThrowIfNull(entity);
                if (entity.Tags.Contains("pilot", StringComparer.OrdinalIgnoreCase))
                {
                    return "pilot";
                }

                // Random bucketing for a gradual rollout; not a security decision.
                var ring = Jitter.Next(0, 100) < betaPercentage ? "beta" : "stable";
                _logger.LogDebug("{Id} assigned to ring {Ring}", entity.Id, ring);
                return ring;
            }
            """,
        c => $$"""
            public async Task<int> Recalculate{{c.M}}Async(decimal factor, CancellationToken cancellationToken)
            {
                if (factor <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(factor), factor, "Factor must be positive.");
                }

                var updated = 0;
                var attempt = 0;
                foreach (var item in await _repository.ListAsync(x => x.Status != {{c.Entity}}Status.Archived, cancellationToken).ConfigureAwait(false))
                {
                    var next = Math.Round(item.Amount * factor, 2, MidpointRounding.ToEven);
                    if (next == item.Amount)
                    {
                        continue;
                    }

                    item.Amount = next;
                    item.UpdatedAt = _clock.UtcNow;
                    try
                    {
                        await _repository.SaveAsync(item, cancellationToken).ConfigureAwait(false);
                        updated++;
                    }
                    catch (TimeoutException) when (++attempt < 3)
                    {
                        await Task.Delay(NextDelay(attempt), cancellationToken).ConfigureAwait(false);
                    }
                }

                return updated;
            }
            """,
    ];

    // ------------------------------------------------------------------ controllers

    public static string ControllerHeader(MemberContext c) => $$"""
        private readonly IRepository<{{c.Entity}}> _repository;
        private readonly ILogger<{{c.Class}}> _logger;

        public {{c.Class}}(IRepository<{{c.Entity}}> repository, ILogger<{{c.Class}}> logger)
        {
            _repository = repository;
            _logger = logger;
        }
        """;

    public static readonly Func<MemberContext, string>[] ControllerMembers =
    [
        c => $$"""
            [HttpGet("{id:guid}/v{{c.M}}")]
            [ProducesResponseType(StatusCodes.Status200OK)]
            [ProducesResponseType(StatusCodes.Status404NotFound)]
            public async Task<ActionResult<{{c.Entity}}Dto>> Get{{c.M}}(Guid id, CancellationToken cancellationToken)
            {
                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    _logger.LogInformation("{Id} not found", id);
                    return NotFound();
                }

                return Ok(new {{c.Entity}}Dto(entity.Id, entity.Name, entity.Email, entity.Region, entity.Amount, entity.Priority, entity.Status.ToString(), entity.CreatedAt));
            }
            """,
        c => $$"""
            [HttpGet("list-{{c.M}}")]
            public async Task<IActionResult> List{{c.M}}([FromQuery] string? region, [FromQuery] int page = 1, [FromQuery] int pageSize = 50, CancellationToken cancellationToken = default)
            {
                if (page < 1 || pageSize is < 1 or > 500)
                {
                    return BadRequest(new ProblemDetails { Title = "Invalid paging", Detail = "page and pageSize are out of range", Status = StatusCodes.Status400BadRequest });
                }

                var items = await _repository.ListAsync(x => region is null || x.Region == region, cancellationToken).ConfigureAwait(false);
                var result = items.Skip((page - 1) * pageSize).Take(pageSize).Select(x => new { x.Id, x.Name, x.Status }).ToList();
                Response.Headers["X-Total-Count"] = items.Count.ToString(CultureInfo.InvariantCulture);
                return Ok(result);
            }
            """,
        c => $$"""
            [HttpPost("create-{{c.M}}")]
            public async Task<IActionResult> Create{{c.M}}([FromBody] Create{{c.Entity}}Request request, CancellationToken cancellationToken)
            {
                if (!ModelState.IsValid)
                {
                    return ValidationProblem(ModelState);
                }

                var entity = new {{c.Entity}} { Name = request.Name, Email = request.Email, Region = request.Region, Amount = request.Amount, Priority = request.Priority };
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Created {Id} in {Region}", entity.Id, entity.Region);
                return Created($"/api/{{c.Route}}/{entity.Id}", entity.Id);
            }
            """,
        c => $$"""
            [HttpDelete("{id:guid}/d{{c.M}}")]
            public async Task<IActionResult> Delete{{c.M}}(Guid id, CancellationToken cancellationToken)
            {
                var removed = await _repository.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
                return removed ? NoContent() : NotFound();
            }
            """,
        c => $$"""
            [HttpPatch("{id:guid}/priority-{{c.M}}")]
            public async Task<IActionResult> SetPriority{{c.M}}(Guid id, [FromQuery] int priority, CancellationToken cancellationToken)
            {
                if (priority is < 0 or > 10)
                {
                    return BadRequest(new ProblemDetails { Detail = "priority must be between 0 and 10", Status = StatusCodes.Status400BadRequest });
                }

                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    return NotFound();
                }

                entity.Priority = priority;
                entity.UpdatedAt = DateTimeOffset.UtcNow;
                await _repository.SaveAsync(entity, cancellationToken).ConfigureAwait(false);
                return Ok(new { entity.Id, entity.Priority });
            }
            """,
        c => $$"""
            [HttpGet("{id:guid}/document-{{c.M}}")]
            public async Task<IActionResult> GetDocument{{c.M}}(Guid id, CancellationToken cancellationToken)
            {
                var entity = await _repository.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    return NotFound();
                }

                var payload = JsonSerializer.SerializeToUtf8Bytes(new { entity.Id, entity.Name, entity.Amount, entity.Status });
                var etag = "\"" + Convert.ToHexString(SHA256.HashData(payload)) + "\"";
                if (Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    return StatusCode(StatusCodes.Status304NotModified);
                }

                Response.Headers.ETag = etag;
                return File(payload, "application/json");
            }
            """,
        c => $$"""
            [HttpGet("stats-{{c.M}}")]
            public async Task<IActionResult> Stats{{c.M}}([FromQuery] DateTimeOffset? since, CancellationToken cancellationToken)
            {
                var from = since ?? DateTimeOffset.UtcNow.AddDays(-30);
                var items = await _repository.ListAsync(x => x.CreatedAt >= from, cancellationToken).ConfigureAwait(false);
                var byStatus = items
                    .GroupBy(x => x.Status)
                    .ToDictionary(g => g.Key.ToString(), g => new { Count = g.Count(), Total = g.Sum(x => x.Amount) }, StringComparer.Ordinal);
                return Ok(new { from, total = items.Count, byStatus });
            }
            """,
    ];

    // ------------------------------------------------------------------ mappers and validators

    public static readonly Func<MemberContext, string>[] MapperMembers =
    [
        c => $$"""
            private static readonly Regex EmailPattern{{c.M}} = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(250));

            public static IReadOnlyList<string> Validate{{c.M}}(Create{{c.Entity}}Request request)
            {
                ArgumentNullException.ThrowIfNull(request);
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(request.Name))
                {
                    errors.Add("name: required");
                }

                if (request.Email is not null && !EmailPattern{{c.M}}.IsMatch(request.Email))
                {
                    errors.Add("email: invalid format");
                }

                if (request.Priority is < 0 or > 10)
                {
                    errors.Add("priority: must be 0-10");
                }

                return errors;
            }
            """,
        c => $$"""
            public static {{c.Entity}}Dto ToDto{{c.M}}(this {{c.Entity}} entity)
            {
                ArgumentNullException.ThrowIfNull(entity);
                return new {{c.Entity}}Dto(entity.Id, entity.Name, entity.Email, entity.Region, entity.Amount, entity.Priority, entity.Status.ToString(), entity.CreatedAt);
            }

            public static {{c.Entity}} ToEntity{{c.M}}(this Create{{c.Entity}}Request request)
            {
                ArgumentNullException.ThrowIfNull(request);
                var entity = new {{c.Entity}}
                {
                    Name = request.Name,
                    Email = request.Email,
                    Region = NormalizeRegion{{c.M}}(request.Region),
                    Amount = request.Amount,
                    Priority = request.Priority,
                };
                entity.Tags.Add("imported");
                return entity;
            }

            private static string NormalizeRegion{{c.M}}(string region) => region.Trim().ToLowerInvariant() switch
            {
                "eu" or "europe" or "eu-west" => "eu-west",
                "us" or "usa" or "us-east" => "us-east",
                "apac" or "asia" => "ap-southeast",
                var other when other.Length > 0 => other,
                _ => "eu-west",
            };
            """,
        c => $$"""
            public static bool TryParseCsv{{c.M}}(string line, out Create{{c.Entity}}Request? request)
            {
                request = null;
                if (string.IsNullOrWhiteSpace(line))
                {
                    return false;
                }

                var parts = line.Split(';');
                if (parts.Length < 5
                    || !decimal.TryParse(parts[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                    || !int.TryParse(parts[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var priority))
                {
                    return false;
                }

                request = new Create{{c.Entity}}Request(parts[0].Trim(), parts[1].Length == 0 ? null : parts[1].Trim(), parts[2].Trim(), amount, priority);
                return true;
            }
            """,
        c => $$"""
            public static string Describe{{c.M}}({{c.Entity}} entity, IFormatProvider? provider = null)
            {
                ArgumentNullException.ThrowIfNull(entity);
                provider ??= CultureInfo.InvariantCulture;
                var builder = new StringBuilder();
                builder.Append(entity.Name);
                if (entity.Email is { Length: > 0 } email)
                {
                    builder.Append(" <").Append(email).Append('>');
                }

                builder.Append(string.Format(provider, " [{0}] {1:C} since {2:d}", entity.Status, entity.Amount, entity.CreatedAt));
                if (entity.Tags.Count > 0)
                {
                    builder.Append(" #").Append(string.Join(" #", entity.Tags));
                }

                return builder.ToString();
            }
            """,
        c => $$"""
            public static IEnumerable<IReadOnlyList<T>> Batch{{c.M}}<T>(IEnumerable<T> source, int size)
            {
                ArgumentNullException.ThrowIfNull(source);
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
                var batch = new List<T>(size);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == size)
                    {
                        yield return batch;
                        batch = new List<T>(size);
                    }
                }

                if (batch.Count > 0)
                {
                    yield return batch;
                }
            }
            """,
    ];

    // ------------------------------------------------------------------ cryptography helpers

    public static string CryptoHeader(MemberContext c) => $$"""
        private const int Pbkdf2Iterations = 600_000;
        private const int SaltSize = 16;
        private readonly IKeyProvider _keys;
        private readonly IConfiguration _configuration;

        public {{c.Class}}(IKeyProvider keys, IConfiguration configuration)
        {
            _keys = keys ?? throw new ArgumentNullException(nameof(keys));
            _configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
        }
        """;

    public static readonly Func<MemberContext, string>[] SecureCryptoMembers =
    [
        c => $$"""
            public static string Fingerprint{{c.M}}(string payload)
            {
                ArgumentNullException.ThrowIfNull(payload);
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(payload));
                return Convert.ToHexString(hash);
            }
            """,
        c => $$"""
            public bool VerifyWebhook{{c.M}}(byte[] body, string signatureHex)
            {
                ArgumentNullException.ThrowIfNull(body);
                var expected = HMACSHA256.HashData(_keys.GetHmacKey("webhook"), body);
                byte[] actual;
                try
                {
                    actual = Convert.FromHexString(signatureHex);
                }
                catch (FormatException)
                {
                    return false;
                }

                return CryptographicOperations.FixedTimeEquals(expected, actual);
            }
            """,
        c => $$"""
            public byte[] Encrypt{{c.M}}(byte[] plaintext, byte[]? associatedData = null)
            {
                ArgumentNullException.ThrowIfNull(plaintext);
                var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
                var tag = new byte[AesGcm.TagByteSizes.MaxSize];
                var ciphertext = new byte[plaintext.Length];
                using (var gcm = new AesGcm(_keys.GetKey("{{c.Camel}}-data"), tag.Length))
                {
                    gcm.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
                }

                var result = new byte[nonce.Length + tag.Length + ciphertext.Length];
                nonce.CopyTo(result, 0);
                tag.CopyTo(result, nonce.Length);
                ciphertext.CopyTo(result, nonce.Length + tag.Length);
                return result;
            }
            """,
        c => $$"""
            public byte[] Decrypt{{c.M}}(byte[] message, byte[]? associatedData = null)
            {
                ArgumentNullException.ThrowIfNull(message);
                var nonceSize = AesGcm.NonceByteSizes.MaxSize;
                var tagSize = AesGcm.TagByteSizes.MaxSize;
                if (message.Length < nonceSize + tagSize)
                {
                    throw new CryptographicException("Message too short.");
                }

                var plaintext = new byte[message.Length - nonceSize - tagSize];
                using var gcm = new AesGcm(_keys.GetKey("{{c.Camel}}-data"), tagSize);
                gcm.Decrypt(message.AsSpan(0, nonceSize), message.AsSpan(nonceSize + tagSize), message.AsSpan(nonceSize, tagSize), plaintext, associatedData);
                return plaintext;
            }
            """,
        c => $$"""
            public (byte[] Iv, byte[] Ciphertext) EncryptForLegacyPartner{{c.M}}(byte[] plaintext)
            {
                using var aes = Aes.Create();
                aes.Key = _keys.GetKey("partner-exchange");
                aes.Mode = CipherMode.CBC;
                aes.GenerateIV();
                var ciphertext = aes.EncryptCbc(plaintext, aes.IV, PaddingMode.PKCS7);
                return (aes.IV, ciphertext);
            }
            """,
        c => $$"""
            public static string HashPassword{{c.M}}(string password)
            {
                ArgumentException.ThrowIfNullOrEmpty(password);
                var salt = RandomNumberGenerator.GetBytes(SaltSize);
                var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
                return string.Join('$', "pbkdf2-sha256", Pbkdf2Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
            }
            """,
        c => $$"""
            public static bool VerifyPassword{{c.M}}(string password, string stored)
            {
                var parts = stored.Split('$');
                if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
                {
                    return false;
                }

                var salt = Convert.FromBase64String(parts[2]);
                var expected = Convert.FromBase64String(parts[3]);
                var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
                return CryptographicOperations.FixedTimeEquals(actual, expected);
            }
            """,
        c => $$"""
            public static string CreateApiToken{{c.M}}()
            {
                var bytes = RandomNumberGenerator.GetBytes(32);
                return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            }
            """,
        c => $$"""
            public byte[] SignManifest{{c.M}}(byte[] manifest)
            {
                using var rsa = RSA.Create(3072);
                rsa.ImportFromPem(_keys.GetPrivateKeyPem("manifest-signing"));
                return rsa.SignData(manifest, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            }
            """,
        c => $$"""
            public static (byte[] PublicKey, byte[] Signature) SignReceipt{{c.M}}(byte[] receipt)
            {
                using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var signature = ecdsa.SignData(receipt, HashAlgorithmName.SHA256);
                return (ecdsa.ExportSubjectPublicKeyInfo(), signature);
            }
            """,
        c => $$"""
            public static string ComputeTotp{{c.M}}(byte[] secret, DateTimeOffset now, int digits = 6)
            {
                // RFC 6238 mandates HMAC-SHA1 for interoperable authenticator apps; HMAC does not rely on collision resistance.
                var counter = now.ToUnixTimeSeconds() / 30;
                var counterBytes = BitConverter.GetBytes(counter);
                if (BitConverter.IsLittleEndian)
                {
                    Array.Reverse(counterBytes);
                }

                using var hmac = new HMACSHA1(secret);
                var hash = hmac.ComputeHash(counterBytes);
                var offset = hash[^1] & 0x0F;
                var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
                var otp = binary % (int)Math.Pow(10, digits);
                return otp.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            }
            """,
        c => $$"""
            public static HashAlgorithmName ParseSignatureAlgorithm{{c.M}}(string name)
            {
                var algorithm = new HashAlgorithmName(name.ToUpperInvariant());
                if (algorithm == HashAlgorithmName.MD5 || algorithm == HashAlgorithmName.SHA1)
                {
                    throw new NotSupportedException($"Signature algorithm {name} is not accepted.");
                }

                return algorithm == HashAlgorithmName.SHA384 || algorithm == HashAlgorithmName.SHA512 ? algorithm : HashAlgorithmName.SHA256;
            }
            """,
        c => $$"""
            public static string CreateVerificationCode{{c.M}}() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            """,
        c => $$"""
            public byte[] DeriveExportKey{{c.M}}(string passphrase, byte[] salt)
            {
                var iterations = int.TryParse(_configuration["Crypto:Pbkdf2Iterations"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var configured)
                    ? Math.Max(configured, Pbkdf2Iterations)
                    : Pbkdf2Iterations;
                return Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA512, 32);
            }
            """,
        c => $$"""
            public static async Task<string> ChecksumFile{{c.M}}Async(string path, CancellationToken cancellationToken)
            {
                await using var stream = File.OpenRead(path);
                var hash = await SHA512.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                return Convert.ToHexString(hash).ToLowerInvariant();
            }
            """,
        c => $$"""
            public static byte[] HashChunks{{c.M}}(IEnumerable<byte[]> chunks)
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
                foreach (var chunk in chunks)
                {
                    hash.AppendData(chunk);
                }

                return hash.GetHashAndReset();
            }
            """,
        c => $$"""
            public byte[] LoadDataKey{{c.M}}()
            {
                var configured = _configuration["Crypto:{{c.Entity}}DataKey"];
                return string.IsNullOrEmpty(configured) ? _keys.GetKey("{{c.Camel}}-data") : Convert.FromBase64String(configured);
            }
            """,
        c => $$"""
            public static DateTimeOffset NextKeyRotation{{c.M}}(DateTimeOffset lastRotation)
            {
                // Spreads the rotations of many tenants over a day so they do not hit the key store at once; the time is not a secret.
                return lastRotation.AddDays(90).AddMinutes(Random.Shared.Next(0, 24 * 60));
            }
            """,
    ];

    /// <summary>Insecure members, interleaved so that consecutive picks cycle through the rules.</summary>
    public static readonly (string RuleId, Func<MemberContext, string> Template)[] InsecureCryptoMembers = Interleave(
    [
        ("SCR1001",
        [
            c => $$"""
                public static string ComputeChecksum{{c.M}}(byte[] content)
                {
                    using var md5 = MD5.Create();
                    var hash = md5.ComputeHash(content);
                    return Convert.ToHexString(hash).ToLowerInvariant();
                }
                """,
            c => $$"""
                public static byte[] SignLegacy{{c.M}}(RSA rsa, byte[] document)
                {
                    ArgumentNullException.ThrowIfNull(rsa);
                    return rsa.SignData(document, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
                }
                """,
            c => $$"""
                public static string CacheKey{{c.M}}(string tenant, string query)
                {
                    var hash = SHA1.HashData(Encoding.UTF8.GetBytes(tenant + "|" + query));
                    return Convert.ToBase64String(hash);
                }
                """,
            c => $$"""
                public static byte[] LegacyDigest{{c.M}}(byte[] data)
                {
                    using var algorithm = (HashAlgorithm)CryptoConfig.CreateFromName("MD5")!;
                    return algorithm.ComputeHash(data);
                }
                """,
        ]),
        ("SCR1002",
        [
            c => $$"""
                public static byte[] EncryptLegacy{{c.M}}(byte[] plaintext, byte[] key, byte[] iv)
                {
                    using var des = DES.Create();
                    des.Key = key;
                    des.IV = iv;
                    using var encryptor = des.CreateEncryptor();
                    return encryptor.TransformFinalBlock(plaintext, 0, plaintext.Length);
                }
                """,
            c => $$"""
                public byte[] EncryptForMainframe{{c.M}}(byte[] plaintext)
                {
                    using var tripleDes = TripleDES.Create();
                    tripleDes.Key = _keys.GetKey("mainframe");
                    return tripleDes.EncryptCbc(plaintext, RandomNumberGenerator.GetBytes(8));
                }
                """,
            c => $$"""
                public static byte[] DecryptArchive{{c.M}}(byte[] ciphertext, byte[] key, byte[] iv)
                {
                    using var rc2 = RC2.Create();
                    rc2.Key = key;
                    return rc2.DecryptCbc(ciphertext, iv);
                }
                """,
        ]),
        ("SCR1003",
        [
            c => $$"""
                public byte[] EncryptToken{{c.M}}(byte[] token)
                {
                    using var aes = Aes.Create();
                    aes.Key = _keys.GetKey("token");
                    aes.Mode = CipherMode.ECB;
                    using var encryptor = aes.CreateEncryptor();
                    return encryptor.TransformFinalBlock(token, 0, token.Length);
                }
                """,
            c => $$"""
                public byte[] EncryptBlock{{c.M}}(byte[] block)
                {
                    using var aes = Aes.Create();
                    aes.Key = _keys.GetKey("blocks");
                    return aes.EncryptEcb(block, PaddingMode.PKCS7);
                }
                """,
        ]),
        ("SCR1004",
        [
            c => $$"""
                public byte[] EncryptSettings{{c.M}}(byte[] plaintext)
                {
                    using var aes = Aes.Create();
                    aes.Key = _keys.GetKey("settings");
                    aes.IV = new byte[16];
                    using var encryptor = aes.CreateEncryptor();
                    return encryptor.TransformFinalBlock(plaintext, 0, plaintext.Length);
                }
                """,
            c => $$"""
                private static readonly byte[] FixedIv{{c.M}} = Encoding.ASCII.GetBytes("0123456789abcdef");

                public byte[] EncryptExport{{c.M}}(byte[] plaintext)
                {
                    using var aes = Aes.Create();
                    aes.Key = _keys.GetKey("export");
                    return aes.EncryptCbc(plaintext, FixedIv{{c.M}});
                }
                """,
            c => $$"""
                public byte[] Seal{{c.M}}(byte[] plaintext, byte[] tag)
                {
                    var ciphertext = new byte[plaintext.Length];
                    using var gcm = new AesGcm(_keys.GetKey("seal"), tag.Length);
                    gcm.Encrypt(new byte[12], plaintext, ciphertext, tag);
                    return ciphertext;
                }
                """,
        ]),
        ("SCR1005",
        [
            c => $$"""
                public static byte[] ProtectCookie{{c.M}}(byte[] plaintext)
                {
                    using var aes = Aes.Create();
                    aes.Key = Encoding.UTF8.GetBytes("Contoso-Static-Key-2019-Prod!#42");
                    aes.GenerateIV();
                    return aes.EncryptCbc(plaintext, aes.IV);
                }
                """,
            c => $$"""
                private static readonly byte[] MasterKey{{c.M}} =
                {
                    0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6, 0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c,
                };

                public static byte[] SealRecord{{c.M}}(byte[] plaintext, byte[] tag)
                {
                    var nonce = RandomNumberGenerator.GetBytes(12);
                    var ciphertext = new byte[plaintext.Length];
                    using var gcm = new AesGcm(MasterKey{{c.M}}, tag.Length);
                    gcm.Encrypt(nonce, plaintext, ciphertext, tag);
                    return ciphertext;
                }
                """,
            c => $$"""
                public static byte[] SignCallback{{c.M}}(byte[] payload)
                {
                    using var hmac = new HMACSHA256(Convert.FromBase64String("q6ZgFJ3k1o8W2mYtX0bqJQ0c9b9mR7uQm0w3o0g2a1E="));
                    return hmac.ComputeHash(payload);
                }
                """,
        ]),
        ("SCR1006",
        [
            c => $$"""
                public static byte[] CreateDeviceKey{{c.M}}()
                {
                    using var rsa = RSA.Create(1024);
                    return rsa.ExportRSAPrivateKey();
                }
                """,
            c => $$"""
                public static string ExportPublicKeyXml{{c.M}}()
                {
                    using var rsa = new RSACryptoServiceProvider();
                    return rsa.ToXmlString(false);
                }
                """,
            c => $$"""
                public static byte[] SignFirmware{{c.M}}(byte[] image)
                {
                    using var rsa = RSA.Create();
                    rsa.KeySize = 1024;
                    return rsa.SignData(image, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                }
                """,
            c => $$"""
                public static byte[] SignLicense{{c.M}}(byte[] license)
                {
                    using var dsa = DSA.Create(1024);
                    return dsa.SignData(license, HashAlgorithmName.SHA256);
                }
                """,
        ]),
        ("SCR1007",
        [
            c => $$"""
                public static byte[] DeriveBackupKey{{c.M}}(string password, byte[] salt)
                    => Rfc2898DeriveBytes.Pbkdf2(password, salt, 10_000, HashAlgorithmName.SHA256, 32);
                """,
            c => $$"""
                public static byte[] HashPin{{c.M}}(string pin, byte[] salt)
                    => Rfc2898DeriveBytes.Pbkdf2(pin, salt, 1000, HashAlgorithmName.SHA512, 64);
                """,
        ]),
        ("SCR1008",
        [
            c => $$"""
                public static byte[] DeriveLegacyKey{{c.M}}(string password, byte[] salt)
                {
                    using var kdf = new Rfc2898DeriveBytes(password, salt);
                    return kdf.GetBytes(32);
                }
                """,
            c => $$"""
                public static byte[] DeriveVaultKey{{c.M}}(string password, byte[] salt)
                {
                    using var kdf = new PasswordDeriveBytes(password, salt);
                    return kdf.GetBytes(32);
                }
                """,
            c => $$"""
                public static byte[] HashPasswordSha1{{c.M}}(string password, byte[] salt)
                    => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA1, 20);
                """,
        ]),
        ("SCR1009",
        [
            c => $$"""
                public static string HashPasswordWithPepper{{c.M}}(string password)
                {
                    var salt = Encoding.UTF8.GetBytes("{{c.Camel}}-portal-salt");
                    var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
                    return Convert.ToBase64String(hash);
                }
                """,
            c => $$"""
                private static readonly byte[] Salt{{c.M}} = { 0x10, 0x22, 0x37, 0x4c, 0x5d, 0x63, 0x79, 0x8a, 0x91, 0xa4, 0xb8, 0xc2, 0xd7, 0xe3, 0xf1, 0x0f };

                public static byte[] DeriveReportKey{{c.M}}(string passphrase)
                    => Rfc2898DeriveBytes.Pbkdf2(passphrase, Salt{{c.M}}, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);
                """,
        ]),
        ("SCR1010",
        [
            c => $$"""
                public static string CreatePasswordResetToken{{c.M}}()
                {
                    const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
                    var random = new Random();
                    var chars = new char[32];
                    for (var i = 0; i < chars.Length; i++)
                    {
                        chars[i] = alphabet[random.Next(alphabet.Length)];
                    }

                    return new string(chars);
                }
                """,
            c => $$"""
                public static string GenerateOtp{{c.M}}() => Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
                """,
            c => $$"""
                public static byte[] CreateSessionKey{{c.M}}()
                {
                    var key = new byte[32];
                    new Random().NextBytes(key);
                    return key;
                }
                """,
        ]),
    ]);

    // ------------------------------------------------------------------ TLS clients

    public static string TlsHeader(MemberContext c) => $$"""
        private const string PinnedThumbprint = "6B3E0C3A2F1D9E8C7B6A5F4E3D2C1B0A99887766554433221100FFEEDDCCBBAA";
        private readonly Uri _baseAddress;
        private readonly ILogger<{{c.Class}}> _logger;
        private readonly HttpClient _client;

        public {{c.Class}}(Uri baseAddress, ILogger<{{c.Class}}> logger)
        {
            _baseAddress = baseAddress ?? throw new ArgumentNullException(nameof(baseAddress));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
            _client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        public void Dispose() => _client.Dispose();
        """;

    public static readonly Func<MemberContext, string>[] SecureTlsMembers =
    [
        c => $$"""
            public HttpClient CreatePinnedClient{{c.M}}()
            {
                var handler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    {
                        if (errors == SslPolicyErrors.None)
                        {
                            return true;
                        }

                        return certificate is not null
                            && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), PinnedThumbprint, StringComparison.OrdinalIgnoreCase);
                    },
                };
                return new HttpClient(handler) { BaseAddress = _baseAddress };
            }
            """,
        c => $$"""
            public HttpClient CreatePooledClient{{c.M}}()
            {
                var handler = new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        EnabledSslProtocols = SslProtocols.None,
                        CertificateRevocationCheckMode = X509RevocationMode.Online,
                    },
                };
                return new HttpClient(handler) { BaseAddress = _baseAddress };
            }
            """,
        c => $$"""
            public async Task<SslStream> ConnectTelemetry{{c.M}}Async(string host, int port, CancellationToken cancellationToken)
            {
                var tcp = new TcpClient();
                await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
                var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
                var options = new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CertificateRevocationCheckMode = X509RevocationMode.Online,
                };
                await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
                _logger.LogInformation("Connected to {Host} using {Protocol}", host, ssl.SslProtocol);
                return ssl;
            }
            """,
        c => $$"""
            public static bool IsIssuedByPartnerRoot{{c.M}}(X509Certificate2 certificate, X509Certificate2 partnerRoot)
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(partnerRoot);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.Online;
                chain.ChainPolicy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
                return chain.Build(certificate);
            }
            """,
        c => $$"""
            public async Task<{{c.Entity}}Dto?> Fetch{{c.M}}Async(Guid id, CancellationToken cancellationToken)
            {
                try
                {
                    return await _client.GetFromJsonAsync<{{c.Entity}}Dto>($"{{c.Route}}/{id}", cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                {
                    _logger.LogInformation("{Id} not known to the gateway", id);
                    return null;
                }
            }
            """,
        c => $$"""
            public async Task<bool> Push{{c.M}}Async({{c.Entity}}Dto dto, CancellationToken cancellationToken)
            {
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    using var response = await _client.PostAsJsonAsync("{{c.Route}}", dto, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }

                    if ((int)response.StatusCode < 500)
                    {
                        _logger.LogWarning("Gateway rejected {Id}: {Status}", dto.Id, response.StatusCode);
                        return false;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds((250 * attempt) + Random.Shared.Next(0, 250)), cancellationToken).ConfigureAwait(false);
                }

                return false;
            }
            """,
        c => $$"""
            public HttpClient CreateLoggingClient{{c.M}}()
            {
                var handler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    {
                        if (errors != SslPolicyErrors.None)
                        {
                            _logger.LogError("TLS validation failed for {Uri}: {Errors}", message.RequestUri, errors);
                        }

                        return errors == SslPolicyErrors.None;
                    },
                };
                return new HttpClient(handler) { BaseAddress = _baseAddress };
            }
            """,
        c => $$"""
            public HttpClient CreateMutualTlsClient{{c.M}}(string pfxPath, string password)
            {
                var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfxPath, password);
                var handler = new HttpClientHandler { ClientCertificateOptions = ClientCertificateOption.Manual };
                handler.ClientCertificates.Add(certificate);
                handler.CheckCertificateRevocationList = true;
                return new HttpClient(handler) { BaseAddress = _baseAddress };
            }
            """,
    ];

    public static readonly (string RuleId, Func<MemberContext, string> Template)[] InsecureTlsMembers = Interleave(
    [
        ("SCR1011",
        [
            c => $$"""
                public HttpClient CreateTestClient{{c.M}}()
                {
                    var handler = new HttpClientHandler();
                    handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
                    return new HttpClient(handler) { BaseAddress = _baseAddress };
                }
                """,
            c => $$"""
                public HttpClient CreateStagingClient{{c.M}}()
                {
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                    };
                    return new HttpClient(handler) { BaseAddress = _baseAddress };
                }
                """,
            c => $$"""
                public async Task<SslStream> ConnectDevice{{c.M}}Async(string host, int port, CancellationToken cancellationToken)
                {
                    var tcp = new TcpClient();
                    await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
                    var ssl = new SslStream(tcp.GetStream(), false, (sender, certificate, chain, errors) => true);
                    await ssl.AuthenticateAsClientAsync(host).ConfigureAwait(false);
                    return ssl;
                }
                """,
            c => $$"""
                public HttpClient CreateLenientClient{{c.M}}()
                {
                    var handler = new HttpClientHandler
                    {
                        ServerCertificateCustomValidationCallback = (message, certificate, chain, errors)
                            => errors == SslPolicyErrors.None || errors == SslPolicyErrors.RemoteCertificateNameMismatch,
                    };
                    return new HttpClient(handler) { BaseAddress = _baseAddress };
                }
                """,
        ]),
        ("SCR1012",
        [
            c => $$"""
                public HttpClient CreateLegacyClient{{c.M}}()
                {
                    var handler = new HttpClientHandler();
                    handler.SslProtocols = SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12;
                    return new HttpClient(handler) { BaseAddress = _baseAddress };
                }
                """,
            c => $$"""
                public async Task<SslStream> ConnectScada{{c.M}}Async(string host, CancellationToken cancellationToken)
                {
                    var tcp = new TcpClient();
                    await tcp.ConnectAsync(host, 443, cancellationToken).ConfigureAwait(false);
                    var ssl = new SslStream(tcp.GetStream());
                    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = host, EnabledSslProtocols = SslProtocols.Tls11 }, cancellationToken).ConfigureAwait(false);
                    return ssl;
                }
                """,
        ]),
        ("SCR1013",
        [
            c => $$"""
                public static bool ValidateDeviceCertificate{{c.M}}(X509Certificate2 certificate)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(certificate);
                }
                """,
            c => $$"""
                public static bool ValidateInstallerSignature{{c.M}}(X509Certificate2 certificate)
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority | X509VerificationFlags.IgnoreNotTimeValid;
                    return chain.Build(certificate);
                }
                """,
        ]),
    ]);

    // ------------------------------------------------------------------ one very large method

    public const string ImportSummary = """
        public sealed class ImportSummary
        {
            public int Imported { get; set; }

            public int Skipped { get; set; }

            public int Duplicates { get; set; }

            public decimal Total { get; set; }

            public List<string> Messages { get; } = new();
        }
        """;

    public const string LargeMethodPrologue = """
        ArgumentNullException.ThrowIfNull(rows);
        var summary = new ImportSummary();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var log = new StringBuilder();
        """;

    public static readonly Func<int, string>[] LargeMethodBlocks =
    [
        i => $$"""
            {
                var row = rows.Count > {{Num(i)}} ? rows[{{Num(i)}}] : Array.Empty<string>();
                var name = row.Length > 0 ? row[0].Trim() : string.Empty;
                if (name.Length == 0)
                {
                    summary.Skipped++;
                }
                else if (!seen.Add(name))
                {
                    summary.Duplicates++;
                }
                else
                {
                    var amount = row.Length > 1 && decimal.TryParse(row[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0m;
                    totals[name] = totals.TryGetValue(name, out var running) ? running + amount : amount;
                    summary.Total += amount;
                    summary.Imported++;
                }
            }
            """,
        i => $$"""
            {
                var row = rows.Count > {{Num(i)}} ? rows[{{Num(i)}}] : Array.Empty<string>();
                var status = row.Length > 2 ? row[2] : "unknown";
                switch (status.ToUpperInvariant())
                {
                    case "ACTIVE":
                    case "ENABLED":
                        summary.Imported++;
                        break;
                    case "DISABLED":
                        summary.Skipped++;
                        log.Append("row ").Append({{Num(i)}}).AppendLine(" disabled");
                        break;
                    default:
                        summary.Messages.Add($"row {{Num(i)}}: unknown status '{status}'");
                        break;
                }
            }
            """,
        i => $$"""
            {
                var row = rows.Count > {{Num(i)}} ? rows[{{Num(i)}}] : Array.Empty<string>();
                var cells = row.Where(cell => !string.IsNullOrWhiteSpace(cell)).Select(cell => cell.Trim()).ToList();
                for (var column = 0; column < cells.Count; column++)
                {
                    if (cells[column].Length > 64)
                    {
                        summary.Messages.Add(string.Create(CultureInfo.InvariantCulture, $"row {{Num(i)}} column {column} truncated"));
                        cells[column] = cells[column][..64];
                    }
                }

                log.AppendJoin(';', cells).AppendLine();
            }
            """,
        i => $$"""
            {
                var row = rows.Count > {{Num(i)}} ? rows[{{Num(i)}}] : Array.Empty<string>();
                var canonical = string.Join('|', row);
                var mac = HMACSHA256.HashData(hmacKey, Encoding.UTF8.GetBytes(canonical));
                var fingerprint = Convert.ToHexString(SHA256.HashData(mac));
                if (!seen.Add(fingerprint))
                {
                    summary.Duplicates++;
                }
            }
            """,
        i => $$"""
            {
                var row = rows.Count > {{Num(i)}} ? rows[{{Num(i)}}] : Array.Empty<string>();
                var legacyId = row.Length > 3 ? row[3] : string.Empty;
                var checksum = legacyId.Length == 0 ? string.Empty : Convert.ToHexString(MD5.HashData(Encoding.ASCII.GetBytes(legacyId)));
                var key = checksum.Length > 0 ? checksum : Guid.NewGuid().ToString("N");
                if (totals.ContainsKey(key))
                {
                    summary.Duplicates++;
                }
                else
                {
                    totals.Add(key, 0m);
                }
            }
            """,
    ];

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string RuleId, Func<MemberContext, string> Template)[] Interleave(
        (string RuleId, Func<MemberContext, string>[] Variants)[] rules)
        => Interleave<Func<MemberContext, string>>(rules);

    /// <summary>
    /// The variants of every rule in the order first variants, then second variants, and so on, so that consecutive
    /// round-robin picks cycle through the rules before repeating one. Generic for templates that carry more than
    /// the member text (the web-app templates say which class a member belongs to).
    /// </summary>
    internal static (string RuleId, T Variant)[] Interleave<T>((string RuleId, T[] Variants)[] rules)
    {
        var result = new List<(string, T)>();
        var longest = rules.Max(r => r.Variants.Length);
        for (var variant = 0; variant < longest; variant++)
        {
            foreach (var (ruleId, variants) in rules)
            {
                if (variant < variants.Length)
                {
                    result.Add((ruleId, variants[variant]));
                }
            }
        }

        return result.ToArray();
    }
}
