using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SecureCodingAnalyzers.Tool;
using SecureCodingAnalyzers.Tool.Evidence;
using Xunit;

namespace SecureCodingAnalyzers.Tests.Tool;

/// <summary>
/// <see cref="OutputFile"/>, the one writer of collect, diff, report, standard and manifest: all files or none, no
/// temporary file left behind, clear errors.
/// </summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly ToolTestRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task WritesUtf8WithoutBom_CreatesTheFolder_ReplacesAnExistingFile()
    {
        var path = _repo.PathOf("out/report.md");
        await OutputFile.WriteAtomicallyAsync(path, "old", CancellationToken.None);
        await OutputFile.WriteAtomicallyAsync(path, "é\n", CancellationToken.None);

        Assert.Equal([0xC3, 0xA9, 0x0A], File.ReadAllBytes(path));
        Assert.Equal(["report.md"], Directory.GetFileSystemEntries(_repo.PathOf("out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SeveralFiles_AllMovedInOrder()
    {
        await OutputFile.WriteAllAtomicallyAsync([(_repo.PathOf("b/one.txt"), [1]), (_repo.PathOf("b/two.txt"), [2])], CancellationToken.None);

        Assert.Equal([1], File.ReadAllBytes(_repo.PathOf("b/one.txt")));
        Assert.Equal([2], File.ReadAllBytes(_repo.PathOf("b/two.txt")));
        Assert.Equal(2, Directory.GetFileSystemEntries(_repo.PathOf("b")).Length);
    }

    [Fact]
    public async Task OneFileFails_NoneIsReplaced_NoTemporaryFileLeft()
    {
        var first = _repo.Write("b/evidence.sarif", "previous");
        _repo.Write("b/blocker", "a file where a folder should be");

        var error = await Assert.ThrowsAsync<ToolException>(() => OutputFile.WriteAllAtomicallyAsync(
            [(first, [1, 2, 3]), (_repo.PathOf("b/blocker/manifest.json"), [4])], CancellationToken.None));

        Assert.StartsWith($"cannot write '{_repo.PathOf("b/blocker/manifest.json")}': ", error.Message, StringComparison.Ordinal);
        Assert.Equal("previous", File.ReadAllText(first));
        Assert.Equal(["blocker", "evidence.sarif"], Directory.GetFileSystemEntries(_repo.PathOf("b")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFolderAsTheTarget_IsRefusedBeforeAnythingIsWritten()
    {
        var first = _repo.PathOf("c/a.txt");
        var folder = _repo.PathOf("c/folder");
        Directory.CreateDirectory(folder);

        var error = await Assert.ThrowsAsync<ToolException>(() => OutputFile.WriteAllAtomicallyAsync([(first, [1]), (folder, [2])], CancellationToken.None));

        Assert.Equal($"cannot write '{folder}': it is a directory.", error.Message);
        Assert.False(File.Exists(first));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public async Task Cancelled_WritesNothing()
    {
        var path = _repo.Write("d/report.html", "previous");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OutputFile.WriteAtomicallyAsync(path, "new", cancelled.Token));

        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal(["report.html"], Directory.GetFileSystemEntries(_repo.PathOf("d")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AnInvalidPath_IsAToolError()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => OutputFile.WriteAtomicallyAsync("bad\0name", "x", CancellationToken.None));

        Assert.StartsWith("cannot write 'bad\0name': ", error.Message, StringComparison.Ordinal);
    }
}
