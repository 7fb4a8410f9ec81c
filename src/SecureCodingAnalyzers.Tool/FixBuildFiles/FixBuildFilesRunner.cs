using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using SecureCodingAnalyzers.BuildFiles;
using SecureCodingAnalyzers.Tool.Projects;
using SecureCodingAnalyzers.Tool.Workspace;
using RuleCatalog = SecureCodingAnalyzers.Catalog.Rules;

namespace SecureCodingAnalyzers.Tool.FixBuildFiles;

/// <summary>The options of <c>secure-coding fix-build-files</c>.</summary>
/// <param name="Path">A .sln/.slnx, a .csproj, or a folder.</param>
/// <param name="Rules">Rule ids to fix (comma-separated lists allowed); empty for every rule with a fix.</param>
/// <param name="Exact">Pin floating versions as <c>[x.y.z]</c> instead of <c>x.y.z</c>.</param>
/// <param name="DryRun">Print what would change; write nothing.</param>
/// <param name="Check">Exit with 1 when something would change (implies <paramref name="DryRun"/>).</param>
public sealed record FixBuildFilesOptions(string Path, IReadOnlyList<string> Rules, bool Exact, bool DryRun, bool Check);

/// <summary>
/// Applies the build-file fixes (SCR5xxx) to every project of a solution, folder or project file, with the same
/// analyzers and fixers the IDE runs: for each project (and each target framework of a multi-targeting one), MSBuild
/// evaluates the build files and properties the compiler would get; the analyzers run on them in a workspace; each
/// fixer's Fix All is applied per equivalence key (<see cref="FixKeyPolicy"/>), one key at a time on fresh findings;
/// edited files are written at once (keeping encoding and line endings), so the next project reads them fixed. When a
/// project or props file changed, the project is evaluated again and the loop repeats, because a fix can change what
/// MSBuild evaluates (enabling the lock file is what makes the locked-mode rule apply).
/// </summary>
public sealed class FixBuildFilesRunner
{
    /// <summary>Evaluations per project and target framework (the first, and re-evaluations after edits).</summary>
    public const int MaxEvaluationRounds = 5;

    /// <summary>Fix All applications per evaluation: a guard against a fix that never settles.</summary>
    public const int MaxFixPasses = 32;

    private static readonly BuildFileKind[] s_evaluatedKinds = [BuildFileKind.Project, BuildFileKind.DirectoryBuildProps, BuildFileKind.DirectoryPackagesProps];
    private static readonly BuildFileKind[] s_generatedKinds = [BuildFileKind.LockFile, BuildFileKind.AssetsFile];

    private readonly FixBuildFilesOptions _options;
    private readonly ToolSettings _settings;
    private readonly DependencyRuleSet _rules = DependencyRuleSet.Instance;
    private readonly ImmutableHashSet<string> _selected;
    private readonly BuildFileStore _store;
    private readonly FixReport _report = new();
    private readonly string _root;
    private bool _editedEvaluatedFile;
    private int _analyzedUnits;

    private FixBuildFilesRunner(FixBuildFilesOptions options, ToolSettings settings, ImmutableHashSet<string> selected, string root)
    {
        _options = options;
        _settings = settings;
        _selected = selected;
        _root = root;
        _store = new BuildFileStore(options.DryRun || options.Check);
    }

    /// <summary>Runs the command; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(FixBuildFilesOptions options, ToolSettings settings, CancellationToken cancellationToken)
    {
        FixBuildFilesRunner runner;
        ProjectSet projects;
        try
        {
            var selected = SelectRules(options.Rules);
            projects = ProjectDiscovery.Find(options.Path);
            runner = new FixBuildFilesRunner(options, settings, selected, projects.Root);
        }
        catch (ToolException e)
        {
            settings.Error.WriteLine("error: " + e.Message);
            return ExitCodes.Error;
        }

        return await runner.RunAsync(projects, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rules to fix: the given ids (validated), or every rule that has a fix.</summary>
    /// <exception cref="ToolException">An id is unknown or its rule has no fix.</exception>
    public static ImmutableHashSet<string> SelectRules(IReadOnlyList<string> rules)
    {
        var all = DependencyRuleSet.Instance;
        var ids = rules.SelectMany(r => r.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(r => r.ToUpperInvariant())
            .ToList();
        if (ids.Count == 0)
        {
            return all.FixableIds.ToImmutableHashSet();
        }

        var fixable = string.Join(", ", all.FixableIds);
        foreach (var id in ids)
        {
            if (all.Rules.All(r => r.Id != id))
            {
                throw new ToolException($"Unknown rule '{id}' in --rules. The rules with a fix are: {fixable}.");
            }

            if (!all.FixerById.ContainsKey(id))
            {
                throw new ToolException($"{id} has no automatic fix (see rules/{id}.md). The rules with a fix are: {fixable}.");
            }
        }

        return ids.ToImmutableHashSet();
    }

    private async Task<int> RunAsync(ProjectSet projects, CancellationToken cancellationToken)
    {
        var output = _settings.Output;
        var dryRun = _store.DryRun;
        var pinning = _options.Exact ? "exact versions [x.y.z]" : "minimum versions x.y.z";
        output.WriteLine($"secure-coding fix-build-files: {projects.Projects.Count} project(s) under {_root}");
        output.WriteLine($"  rules {string.Join(", ", _selected.OrderBy(r => r, StringComparer.Ordinal))}; floating versions pinned as {pinning}{(dryRun ? "; dry run: nothing is written" : string.Empty)}");
        foreach (var missing in projects.Missing)
        {
            _report.AddError($"{Relative(missing)} is listed in the solution but does not exist.");
        }

        foreach (var project in projects.Projects)
        {
            string outcome;
            try
            {
                outcome = await ProcessProjectAsync(project, cancellationToken).ConfigureAwait(false);
            }
            catch (ToolException e)
            {
                _report.AddError(e.Message);
                outcome = "failed (see the errors below)";
            }

            output.WriteLine($"  {Relative(project)}: {outcome}");
        }

        if (_analyzedUnits == 0 && _report.Errors.Count == 0)
        {
            // A CI gate must not pass because nothing was looked at.
            _report.AddError("No project could be analyzed: each must reference the SecureCodingAnalyzers package and be restored.");
        }

        _report.Resolve(_store.Read);
        _report.Print(output, _root, dryRun);
        output.WriteLine();
        var fixes = _report.Fixes.Count;
        var files = _report.Fixes.Select(f => f.Path).Distinct(MSBuildProjectEvaluator.PathComparer).Count();
        output.WriteLine(fixes == 0
            ? "Nothing to fix."
            : dryRun
                ? $"{fixes} fix(es) in {files} file(s) would be made; nothing was written."
                : $"{fixes} fix(es) applied in {files} file(s).");
        if (!dryRun && _editedEvaluatedFile)
        {
            output.WriteLine("Next: run 'dotnet restore' so the lock and assets files record the pinned versions, then build, review and commit the changes.");
        }

        var left = _report.Left.Count();
        if (left > 0)
        {
            output.WriteLine($"{left} finding(s) left for a decision: see each rule's page (rules/SCRnnnn.md).");
        }

        foreach (var error in _report.Errors)
        {
            _settings.Error.WriteLine("error: " + error);
        }

        return _report.Errors.Count > 0 ? ExitCodes.Error
            : _options.Check && fixes > 0 ? ExitCodes.ChangesNeeded
            : ExitCodes.Success;
    }

    private async Task<string> ProcessProjectAsync(string projectPath, CancellationToken cancellationToken)
    {
        var evaluation = await _settings.Evaluator.EvaluateAsync(projectPath, null, cancellationToken).ConfigureAwait(false);
        var frameworks = evaluation.InnerTargetFrameworks();
        if (frameworks.Count == 0)
        {
            return await ProcessUnitAsync(projectPath, null, evaluation, cancellationToken).ConfigureAwait(false);
        }

        var outcomes = new List<(string Framework, string Outcome)>();
        foreach (var framework in frameworks)
        {
            outcomes.Add((framework, await ProcessUnitAsync(projectPath, framework, null, cancellationToken).ConfigureAwait(false)));
        }

        return outcomes.Select(o => o.Outcome).Distinct().Count() == 1 && outcomes[0].Outcome.StartsWith("skipped", StringComparison.Ordinal)
            ? outcomes[0].Outcome
            : string.Join("; ", outcomes.Select(o => o.Framework + ": " + o.Outcome));
    }

    /// <summary>Fixes one project (one target framework), re-evaluating it after edits MSBuild would see.</summary>
    private async Task<string> ProcessUnitAsync(string projectPath, string? targetFramework, ProjectEvaluation? evaluation, CancellationToken cancellationToken)
    {
        var fixes = 0;
        PassResult? last = null;
        for (var round = 0; round < MaxEvaluationRounds; round++)
        {
            evaluation ??= await _settings.Evaluator.EvaluateAsync(projectPath, targetFramework, cancellationToken).ConfigureAwait(false);
            if (SkipReason(evaluation) is { } reason)
            {
                return round == 0 ? "skipped: " + reason : Outcome(fixes);
            }

            _analyzedUnits++;

            var files = evaluation.AdditionalFiles.Where(f => Kind(f) != BuildFileKind.None).ToList();
            last = await FixPassesAsync(CreateProject(evaluation, files), files, cancellationToken).ConfigureAwait(false);
            fixes += last.Fixes;
            if (last.Fixes == 0 || _store.DryRun || !last.EditedEvaluatedFile)
            {
                break;
            }

            evaluation = null;
        }

        if (last is not null)
        {
            RecordLeft(last);
        }

        return Outcome(fixes);
    }

    private static string Outcome(int fixes) => fixes == 0 ? "nothing to fix" : fixes == 1 ? "1 fix" : fixes + " fixes";

    private static string? SkipReason(ProjectEvaluation evaluation)
    {
        var kinds = evaluation.AdditionalFiles.Select(Kind).Where(k => k != BuildFileKind.None).ToList();
        if (kinds.Count == 0)
        {
            return !evaluation.ReferencesPackage
                ? "no build file carries SecureCodingKind metadata: the project does not reference the SecureCodingAnalyzers package"
                : !evaluation.IsRestored
                    ? "no build file carries SecureCodingKind metadata: the project has not been restored (run 'dotnet restore' first)"
                    : "no build file carries SecureCodingKind metadata: the SecureCodingAnalyzers package's build assets are not imported (check ExcludeAssets/IncludeAssets on its PackageReference)";
        }

        return kinds.Contains(BuildFileKind.AssetsFile) ? null : "not restored: the assets file is missing (run 'dotnet restore' first)";
    }

    private static BuildFileKind Kind(EvaluatedFile file)
        => file.Metadata.TryGetValue("SecureCodingKind", out var text) && Enum.TryParse<BuildFileKind>(text, ignoreCase: true, out var kind) ? kind : BuildFileKind.None;

    private Project CreateProject(ProjectEvaluation evaluation, IReadOnlyList<EvaluatedFile> files)
    {
        var documents = new List<BuildFileDocument>();
        foreach (var file in files)
        {
            if (_store.Read(file.Path) is { } text)
            {
                documents.Add(new BuildFileDocument(file.Path, SourceText.From(text), file.Metadata));
            }
        }

        var configs = new List<AnalyzerConfigFile>();
        foreach (var path in evaluation.AnalyzerConfigFiles)
        {
            try
            {
                configs.Add(new AnalyzerConfigFile(path, SourceText.From(TextFile.Read(path).Text)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ToolException($"{path} cannot be read: {e.Message}", e);
            }
        }

        var properties = CompilerVisibleProperties.ForCompiler(name => evaluation.Properties.TryGetValue(name, out var value) ? value : null);
        return BuildFileProject.Create(evaluation.ProjectPath, documents, properties, configs, CompilerVisibleProperties.Items(evaluation.Property("NoWarn")));
    }

    private sealed record Candidate(Diagnostic Diagnostic, CodeFixProvider Fixer, string? Key, string? Title)
    {
        public string Path => Diagnostic.Location.GetLineSpan().Path;
    }

    private sealed record PassResult(int Fixes, bool EditedEvaluatedFile, IReadOnlyList<Candidate> Remaining, IReadOnlySet<(CodeFixProvider, string)> Exhausted);

    /// <summary>Applies one Fix All (fixer and key) at a time, on fresh findings, until nothing applicable is left.</summary>
    private async Task<PassResult> FixPassesAsync(Project project, IReadOnlyList<EvaluatedFile> files, CancellationToken cancellationToken)
    {
        var kinds = files.GroupBy(f => f.Path, MSBuildProjectEvaluator.PathComparer).ToDictionary(g => g.Key, g => Kind(g.First()), MSBuildProjectEvaluator.PathComparer);
        var exhausted = new HashSet<(CodeFixProvider, string)>();
        var fixes = 0;
        var editedEvaluated = false;
        for (var pass = 0; ; pass++)
        {
            var diagnostics = await BuildFileProject.AnalyzeAsync(project, _rules.Analyzers, cancellationToken).ConfigureAwait(false);
            ReportProblems(diagnostics);
            var candidates = await CandidatesAsync(project, diagnostics, cancellationToken).ConfigureAwait(false);
            var next = candidates
                .Where(c => c.Key is not null && !exhausted.Contains((c.Fixer, c.Key)))
                .GroupBy(c => (c.Fixer, Key: c.Key!))
                .OrderBy(g => g.Min(c => FixKeyPolicy.Order(c.Diagnostic.Id)))
                .ThenBy(g => g.Min(c => c.Diagnostic.Id), StringComparer.Ordinal)
                .ThenBy(g => g.Key.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            if (next is null)
            {
                return new PassResult(fixes, editedEvaluated, candidates, exhausted);
            }

            if (pass >= MaxFixPasses)
            {
                _report.AddError($"{Relative(project.FilePath!)}: the fixes did not settle after {MaxFixPasses} passes; stopped (please report this).");
                return new PassResult(fixes, editedEvaluated, candidates, exhausted);
            }

            var group = next.ToList();
            var solution = await BuildFileCodeActions.FixAllAsync(project, next.Key.Fixer, next.Key.Key, group.Select(c => c.Diagnostic), cancellationToken).ConfigureAwait(false);
            var changed = solution is null ? [] : await ChangedAsync(project, solution, cancellationToken).ConfigureAwait(false);
            if (changed.Count == 0 || changed.Any(c => kinds.TryGetValue(c.Path, out var kind) && s_generatedKinds.Contains(kind)))
            {
                exhausted.Add(next.Key);
                continue;
            }

            foreach (var (path, oldText, newText) in changed)
            {
                var changes = newText.GetTextChanges(oldText);
                fixes += _report.AddFixes(path, oldText, newText, changes, Attribute(group, path, changes));
                _store.Update(path, newText.ToString());
                if (kinds.TryGetValue(path, out var kind) && s_evaluatedKinds.Contains(kind))
                {
                    editedEvaluated = _editedEvaluatedFile = true;
                }
            }

            project = solution!.GetProject(project.Id)!;
        }
    }

    /// <summary>
    /// The finding each change was made for: the group's finding in that file whose span the change touches, else the
    /// nearest one before it in that file, else (a fix in another file, e.g. the lock file enabled in
    /// Directory.Build.props for a project's finding) the group's first finding.
    /// </summary>
    private static List<(int ChangeIndex, int Owner, string RuleId, string Title)> Attribute(List<Candidate> group, string path, IReadOnlyList<TextChange> changes)
    {
        var attribution = new List<(int, int, string, string)>();
        for (var i = 0; i < changes.Count; i++)
        {
            var span = changes[i].Span;
            var inFile = group.Select((c, index) => (c, index)).Where(x => MSBuildProjectEvaluator.PathComparer.Equals(x.c.Path, path)).ToList();
            var owner = inFile.FirstOrDefault(x => x.c.Diagnostic.Location.SourceSpan.IntersectsWith(span) || x.c.Diagnostic.Location.SourceSpan.End == span.Start);
            if (owner.c is null)
            {
                owner = inFile.Where(x => x.c.Diagnostic.Location.SourceSpan.Start <= span.Start).OrderByDescending(x => x.c.Diagnostic.Location.SourceSpan.Start).FirstOrDefault();
            }

            if (owner.c is null)
            {
                owner = (group[0], 0);
            }

            attribution.Add((i, owner.index, owner.c.Diagnostic.Id, owner.c.Title!));
        }

        return attribution;
    }

    private async Task<List<Candidate>> CandidatesAsync(Project project, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var candidates = new List<Candidate>();
        foreach (var diagnostic in diagnostics)
        {
            if (!_selected.Contains(diagnostic.Id)
                || diagnostic.Severity == DiagnosticSeverity.Hidden
                || diagnostic.Location.Kind != LocationKind.ExternalFile
                || !_rules.FixerById.TryGetValue(diagnostic.Id, out var fixer))
            {
                continue;
            }

            var offered = await BuildFileCodeActions.OfferedAsync(project, fixer, diagnostic, cancellationToken).ConfigureAwait(false);
            var key = FixKeyPolicy.Choose(diagnostic.Id, offered.Select(a => a.EquivalenceKey).ToList(), _options.Exact);
            candidates.Add(new Candidate(diagnostic, fixer, key, offered.FirstOrDefault(a => a.EquivalenceKey == key)?.Title));
        }

        return candidates;
    }

    private static async Task<List<(string Path, SourceText OldText, SourceText NewText)>> ChangedAsync(Project project, Solution solution, CancellationToken cancellationToken)
    {
        var changed = new List<(string, SourceText, SourceText)>();
        var after = solution.GetProject(project.Id);
        if (after is null)
        {
            return changed;
        }

        foreach (var document in project.AdditionalDocuments)
        {
            if (after.GetAdditionalDocument(document.Id) is not { } newDocument || document.FilePath is null)
            {
                continue;
            }

            var oldText = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var newText = await newDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (!oldText.ContentEquals(newText))
            {
                changed.Add((document.FilePath, oldText, newText));
            }
        }

        return changed;
    }

    /// <summary>Unreadable build files (SCR5000) and analyzer failures are errors: the run cannot vouch for those files.</summary>
    private void ReportProblems(ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == RuleCatalog.UnreadableBuildFile.Id || diagnostic.Id == "AD0001")
            {
                var where = diagnostic.Location.GetLineSpan();
                var prefix = where.Path is { Length: > 0 } ? $"{Relative(where.Path)}({where.StartLinePosition.Line + 1},{where.StartLinePosition.Character + 1}): " : string.Empty;
                _report.AddError($"{prefix}{diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }
    }

    /// <summary>
    /// The selected findings still there after the last pass. A dry run cannot re-evaluate edits it did not write, so
    /// it leaves out findings in (or fixed in) a file it already edited: the real run settles those.
    /// </summary>
    private void RecordLeft(PassResult pass)
    {
        foreach (var candidate in pass.Remaining)
        {
            var fixFile = candidate.Diagnostic.Properties.TryGetValue("FixFile", out var target) && !string.IsNullOrEmpty(target) ? target : null;
            if (_store.DryRun && (_store.WasEdited(candidate.Path) || (fixFile is not null && _store.WasEdited(fixFile))))
            {
                continue;
            }

            var reason = candidate.Key is null
                ? "no safe automatic fix for this finding"
                : "its fix made no change";
            var line = candidate.Diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1;
            _report.AddLeft(new LeftFinding(candidate.Path, line, candidate.Diagnostic.Id, candidate.Diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), reason));
        }
    }

    private string Relative(string path) => FixReport.Relative(_root, path);
}
