using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Catalog;

namespace SecureCodingAnalyzers.Tool.Evidence.Standard;

/// <summary>Runs <c>evidence standard</c>: reads the inputs, builds the standard, renders and writes it.</summary>
public static class StandardRunner
{
    /// <summary>Runs the command; bad input throws <see cref="ToolException"/>.</summary>
    public static async Task<int> RunAsync(StandardOptions options, ToolSettings settings, CancellationToken cancellationToken)
    {
        if (options.Date is { } date && !DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new ToolException($"--date '{date}' is not a date in the form yyyy-MM-dd.");
        }

        var profileName = "profiles/" + options.Profile + ".globalconfig";
        var profileText = EmbeddedData.TryRead(profileName) ?? throw new ToolException($"unknown profile '{options.Profile}' (use {string.Join(", ", StandardCommand.Profiles)}).");
        SeverityConfig profile;
        TaxonomyData taxonomies;
        try
        {
            profile = SeverityConfig.Parse(profileName, profileText);
            taxonomies = EmbeddedData.Taxonomies();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidOperationException("The tool's embedded data is broken: " + e.Message, e);
        }

        var configs = new List<SeverityConfig>(options.Configs.Count);
        foreach (var file in options.Configs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            configs.Add(await ReadConfigAsync(file, cancellationToken).ConfigureAwait(false));
        }

        var standard = CodingStandard.Build(options, taxonomies, profile, configs);
        var text = options.Format == "html" ? HtmlStandardWriter.Write(standard) : MarkdownStandardWriter.Write(standard);
        cancellationToken.ThrowIfCancellationRequested();
        if (options.Output is null)
        {
            await settings.Output.WriteAsync(text).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await OutputFile.WriteAtomicallyAsync(options.Output, text, cancellationToken).ConfigureAwait(false);
        settings.Output.WriteLine($"Coding standard written to {options.Output} ({standard.Rules.Count} rules, profile {options.Profile}, {standard.Deviations.Count} deviation(s)).");
        return ExitCodes.Success;
    }

    private static async Task<SeverityConfig> ReadConfigAsync(string file, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            text = new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ToolException($"config file '{file}' does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ToolException($"cannot read config file '{file}': {e.Message}", e);
        }
        catch (DecoderFallbackException e)
        {
            throw new ToolException($"config file '{file}' is not UTF-8 text.", e);
        }

        try
        {
            return SeverityConfig.Parse(file, text);
        }
        catch (InvalidDataException e)
        {
            throw new ToolException("malformed config file: " + e.Message, e);
        }
    }
}
