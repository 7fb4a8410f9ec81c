using System;
using System.Globalization;

namespace SecureCodingAnalyzers.Benchmarks;

/// <summary>Command-line options. Parsing never throws: a bad argument yields an error message (exit code 2).</summary>
internal sealed record BenchmarkOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project tests/SecureCodingAnalyzers.Benchmarks -- [options]

        Measures the analyzers of SecureCodingAnalyzers against the compiler: analyzer time / binding time
        (Compilation.GetDiagnostics), per analyzer and in total, plus scaling with corpus size, method size and call-site
        fan-in (with log-log slopes), the added latency of analyzing one edited document in the IDE, and the build-file
        analyzers (SCR5xxx) in ms per project, cold and warm, with the parse counts of their cache. Generated corpora
        mark every planted injection sink, so findings are scored: true positives, false positives, missed.

        Corpus (default: a generated corpus of realistic application code):
          --shape S           realistic (default): application code with a small share of injection flows, most
                              methods without sources; worst: every action has a web source (parameter or HttpRequest
                              member) and a SQL sink (DbCommand.CommandText), tainted flows and safe look-alikes
          --lines N           lines of the generated corpus (default 60000, minimum 1000)
          --files N           files of the generated corpus (default: lines / 250)
          --seed N            seed of the generator (default 624431); the same seed gives the same corpus
          --corpus DIR        instead: every *.cs under DIR (recursively, skipping bin, obj and .git), compiled against
                              the .NET and ASP.NET Core reference assemblies; errors from missing references are counted
          --no-implicit-usings  with --corpus: do not add the SDK's implicit global usings
          --emit-corpus DIR   also write the generated corpus (and the large method) to DIR, to read or build it

        Measurement:
          --iterations N      measured runs after one warm-up; the median is reported (default 5)
          --method-lines N    size of the realistic method in the method-size scaling (default 4000, the size the target names)
          --taint-method-lines N  size of the method with sources and sinks throughout (default 4000)
          --fan-in N          call sites into one helper with a SQL sink, each passing tainted text (default 1000)
          --no-scaling        skip the scaling sections (each series: five sizes from 1/16 to full, runs
                              interleaved across the sizes, the fastest run of each size; the slope is fitted on those)
          --ide-edits N       edits of the IDE latency measurement (default 30; 3 more warm up)
          --no-ide            skip the IDE latency measurement (100 files, one edited 1,000-line document)
          --peers             also measure Microsoft.CodeAnalysis.NetAnalyzers (every Security rule on, the rest off)
                              and Security Code Scan (every rule) on the same compilation, and each one's SQL
                              injection rule alone (CA3001, SCS0002): ratio, findings and score side by side
          --no-build-files    skip the build-file section: the dependency rules (SCR5xxx) on a generated restored
                              project (csproj, Directory.*.props, nuget.config, lock and assets files), cold and warm
          --build-file-iterations N  warm and cold runs of the build-file section (default: 25, at least --iterations)
          --build-file-packages N    packages restored by the generated project (default 150, 60 to 3000); sizes the
                              lock and assets files

        Evidence tool (instead of the analyzers):
          --evidence          measure 'secure-coding evidence collect', then 'evidence report' (HTML and Markdown), in
                              process, on a generated build: per-project, per-framework SARIF 2.1 logs as the compiler
                              and the package's targets write them, with their source files; at 1/4, 1/2 and the full
                              size: wall time (fastest and median), peak managed and live heap, peak working set, bytes
                              allocated and written, and the log-log slopes of time and memory over the result count
          --evidence-logs N   SARIF logs of the full size (default 500; a fifth of the projects build two frameworks)
          --evidence-results N  results in those logs (default 100000)
          --evidence-dir DIR  generate into DIR and keep it (default: a temporary folder, deleted afterwards)
          --max-evidence-seconds X  exit code 1 when collect and both reports of the full size take more than X
                              seconds together (medians); --max-slope applies to the time and live-heap slopes

        Output and gate:
          --json              machine-readable output on stdout (progress goes to stderr)
          --max-ratio X       exit code 1 when the total ratio (analyzers / binding) exceeds X, e.g. 0.25
          --max-slope X       exit code 1 when a scaling series' log-log slope exceeds X, e.g. 1.1
          --max-ide-ms X      exit code 1 when the IDE latency the package adds exceeds X ms at p95, e.g. 50
          --max-build-file-ms X  exit code 1 when the build-file analyzers take more than X ms per project on a warm
                              compilation (median), e.g. 1
          -h, --help          this text

        Exit codes: 0 success, 1 a gate failed (--max-ratio, --max-slope, --max-ide-ms, --max-build-file-ms,
        --max-evidence-seconds, or the
        build-file parse cache re-parsed an unchanged file / parsed new content more than once), 2 bad arguments or
        corpus folder.
        """;

    public int Lines { get; private init; } = 60_000;

    public int? Files { get; private init; }

    public int Seed { get; private init; } = CorpusGenerator.DefaultSeed;

    public string? CorpusFolder { get; private init; }

    public bool ImplicitUsings { get; private init; } = true;

    public string? EmitFolder { get; private init; }

    public int Iterations { get; private init; } = 5;

    public int MethodLines { get; private init; } = 4_000;

    public int TaintMethodLines { get; private init; } = 4_000;

    public int FanIn { get; private init; } = 1_000;

    public bool WorstShape { get; private init; }

    public bool Peers { get; private init; }

    public bool Ide { get; private init; } = true;

    public int IdeEdits { get; private init; } = 30;

    public double? MaxSlope { get; private init; }

    public double? MaxIdeMilliseconds { get; private init; }

    public bool Scaling { get; private init; } = true;

    public bool BuildFiles { get; private init; } = true;

    public int? BuildFileIterationsOption { get; private init; }

    public double? MaxBuildFileMilliseconds { get; private init; }

    public int BuildFilePackages { get; private init; } = BuildFileProject.DefaultPackageCount;

    public bool Json { get; private init; }

    public bool Evidence { get; private init; }

    public int EvidenceLogs { get; private init; } = 500;

    public int EvidenceResults { get; private init; } = 100_000;

    public string? EvidenceFolder { get; private init; }

    public double? MaxEvidenceSeconds { get; private init; }

    public double? MaxRatio { get; private init; }

    public bool Help { get; private init; }

    public int GeneratedFiles => Files ?? Math.Max(1, Lines / 250);

    /// <summary>Build-file runs take milliseconds: more of them than of the corpus runs, for a stable median.</summary>
    public int BuildFileIterations => BuildFileIterationsOption ?? Math.Max(25, Iterations);

    public static BenchmarkOptions? Parse(string[] args, out string? error)
    {
        var options = new BenchmarkOptions();
        var generatorOption = (string?)null;
        var buildFileOption = (string?)null;
        var ideOption = (string?)null;
        var scalingOption = (string?)null;
        var evidenceOption = (string?)null;
        var analyzerOption = (string?)null;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    return options with { Help = true };
                case "--evidence":
                    options = options with { Evidence = true };
                    break;
                case "--evidence-logs":
                    evidenceOption = name;
                    options = options with { EvidenceLogs = Integer(args, ref i, 20, 20_000, ref error) };
                    break;
                case "--evidence-results":
                    evidenceOption = name;
                    options = options with { EvidenceResults = Integer(args, ref i, 400, 10_000_000, ref error) };
                    break;
                case "--evidence-dir":
                    evidenceOption = name;
                    options = options with { EvidenceFolder = Value(args, ref i, ref error) };
                    break;
                case "--max-evidence-seconds":
                    evidenceOption = name;
                    options = options with { MaxEvidenceSeconds = Ratio(args, ref i, ref error) };
                    break;
                case "--json":
                    options = options with { Json = true };
                    break;
                case "--no-scaling":
                    analyzerOption = name;
                    options = options with { Scaling = false };
                    break;
                case "--no-build-files":
                    analyzerOption = name;
                    options = options with { BuildFiles = false };
                    break;
                case "--build-file-iterations":
                    analyzerOption = name;
                    buildFileOption = name;
                    options = options with { BuildFileIterationsOption = Integer(args, ref i, 1, 10_000, ref error) };
                    break;
                case "--build-file-packages":
                    analyzerOption = name;
                    buildFileOption = name;
                    options = options with { BuildFilePackages = Integer(args, ref i, 60, 3_000, ref error) };
                    break;
                case "--max-build-file-ms":
                    analyzerOption = name;
                    buildFileOption = name;
                    options = options with { MaxBuildFileMilliseconds = Ratio(args, ref i, ref error) };
                    break;
                case "--no-implicit-usings":
                    analyzerOption = name;
                    options = options with { ImplicitUsings = false };
                    break;
                case "--lines":
                    analyzerOption = name;
                    generatorOption = name;
                    options = options with { Lines = Integer(args, ref i, 1_000, 10_000_000, ref error) };
                    break;
                case "--files":
                    analyzerOption = name;
                    generatorOption = name;
                    options = options with { Files = Integer(args, ref i, 1, 100_000, ref error) };
                    break;
                case "--seed":
                    generatorOption = name;
                    options = options with { Seed = Integer(args, ref i, 0, int.MaxValue, ref error) };
                    break;
                case "--iterations":
                    options = options with { Iterations = Integer(args, ref i, 1, 1_000, ref error) };
                    break;
                case "--method-lines":
                    analyzerOption = name;
                    scalingOption = name;
                    options = options with { MethodLines = Integer(args, ref i, 100, 1_000_000, ref error) };
                    break;
                case "--max-ratio":
                    analyzerOption = name;
                    options = options with { MaxRatio = Ratio(args, ref i, ref error) };
                    break;
                case "--max-slope":
                    scalingOption = name;
                    options = options with { MaxSlope = Ratio(args, ref i, ref error) };
                    break;
                case "--max-ide-ms":
                    analyzerOption = name;
                    ideOption = name;
                    options = options with { MaxIdeMilliseconds = Ratio(args, ref i, ref error) };
                    break;
                case "--taint-method-lines":
                    analyzerOption = name;
                    scalingOption = name;
                    options = options with { TaintMethodLines = Integer(args, ref i, 100, 1_000_000, ref error) };
                    break;
                case "--fan-in":
                    analyzerOption = name;
                    scalingOption = name;
                    options = options with { FanIn = Integer(args, ref i, 4, 100_000, ref error) };
                    break;
                case "--ide-edits":
                    analyzerOption = name;
                    ideOption = name;
                    options = options with { IdeEdits = Integer(args, ref i, 1, 10_000, ref error) };
                    break;
                case "--no-ide":
                    analyzerOption = name;
                    options = options with { Ide = false };
                    break;
                case "--peers":
                    analyzerOption = name;
                    options = options with { Peers = true };
                    break;
                case "--shape":
                    analyzerOption = name;
                    generatorOption = name;
                    options = Value(args, ref i, ref error) switch
                    {
                        null => options,
                        "realistic" => options with { WorstShape = false },
                        "worst" => options with { WorstShape = true },
                        var other => Fail(ref error, $"--shape expects realistic or worst, not '{other}'", options),
                    };
                    break;
                case "--corpus":
                    analyzerOption = name;
                    options = options with { CorpusFolder = Value(args, ref i, ref error) };
                    break;
                case "--emit-corpus":
                    analyzerOption = name;
                    generatorOption = name;
                    options = options with { EmitFolder = Value(args, ref i, ref error) };
                    break;
                default:
                    error = name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{name}'";
                    break;
            }

            if (error is not null)
            {
                return null;
            }
        }

        if (options.Evidence && analyzerOption is not null)
        {
            error = analyzerOption + " measures the analyzers and cannot be combined with --evidence";
            return null;
        }

        if (!options.Evidence && evidenceOption is not null)
        {
            error = evidenceOption + " needs --evidence";
            return null;
        }

        if (options.CorpusFolder is not null && generatorOption is not null)
        {
            error = $"{generatorOption} applies to the generated corpus and cannot be combined with --corpus";
            return null;
        }

        if (!options.BuildFiles && buildFileOption is not null)
        {
            error = buildFileOption + " cannot be combined with --no-build-files";
            return null;
        }

        if (!options.Ide && ideOption is not null)
        {
            error = ideOption + " cannot be combined with --no-ide";
            return null;
        }

        if (!options.Scaling && scalingOption is not null)
        {
            error = scalingOption + " cannot be combined with --no-scaling";
            return null;
        }

        if (options.Files is { } files && files * 40 > options.Lines)
        {
            error = $"--files {files} is too many for {options.Lines} lines (at most one file per 40 lines)";
            return null;
        }

        return options;
    }

    private static BenchmarkOptions Fail(ref string? error, string message, BenchmarkOptions options)
    {
        error = message;
        return options;
    }

    private static string? Value(string[] args, ref int i, ref string? error)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            error = $"{args[i]} needs a value";
            return null;
        }

        return args[++i];
    }

    private static int Integer(string[] args, ref int i, int minimum, int maximum, ref string? error)
    {
        var name = args[i];
        var text = Value(args, ref i, ref error);
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < minimum || value > maximum)
        {
            error = $"{name} expects a whole number from {minimum} to {maximum}, not '{text}'";
        }

        return value;
    }

    private static double? Ratio(string[] args, ref int i, ref string? error)
    {
        var name = args[i];
        var text = Value(args, ref i, ref error);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !(value > 0) || double.IsInfinity(value))
        {
            error = $"{name} expects a positive decimal number such as {name switch { "--max-ratio" => "0.25", "--max-ide-ms" => "50", "--max-evidence-seconds" => "10", _ => "1.1" }}, not '{text}'";
        }

        return value;
    }
}
