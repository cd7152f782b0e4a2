using System.Diagnostics;
using FnDam.Reporting;

namespace FnDam.Tests.Reporting;

/// <summary>
/// The smoke report loads in a real headless browser (Debian's chromium, installed by <c>.ci/browser-check --install</c>,
/// which <c>.ci/run</c> calls): no errors, every figure drawn, nothing fetched, and a screenshot beside it.
/// </summary>
public sealed class BrowserCheckTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<(int Code, string Output)> Check(string html)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.Root(), ".ci", "browser-check"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(html);
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task SmokeReport_LoadsWithoutErrors_RendersEveryFigure_AndIsScreenshot()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is not installed; run .ci/browser-check --install (CI does)");
        var folder = Path.Combine(Path.GetTempPath(), $"fndam-browser-{Guid.NewGuid():N}");
        try
        {
            using (var report = OutputWriter.Begin(folder, force: false))
            {
                ReportWriter.Write(SmokeRun.Default, report, TestContext.Current.CancellationToken);
                report.Commit(TestContext.Current.CancellationToken);
            }

            var (code, output) = await Check(Path.Combine(folder, ReportWriter.HtmlFile));
            Assert.True(code == 0, $"browser check failed (exit {code}): {output}");
            var figures = SmokeRun.Default.Results.Sum(r => r.Figures.Count);
            Assert.Contains($"ok: {figures} figures rendered", output, StringComparison.Ordinal);
            var screenshot = new FileInfo(Path.Combine(folder, "report.png"));
            Assert.True(screenshot.Exists && screenshot.Length > 10_000, "no screenshot beside the report");
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task BrokenReport_FailsTheCheck()
    {
        Assert.SkipUnless(File.Exists(Chromium), $"{Chromium} is not installed; run .ci/browser-check --install (CI does)");
        var folder = Path.Combine(Path.GetTempPath(), $"fndam-browser-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // A figure without its SVG and an image that does not exist: both must be caught.
            var html = Path.Combine(folder, "report.html");
            await File.WriteAllTextAsync(html, "<!DOCTYPE html><html><head><title>x</title></head><body><figure><p>no svg</p></figure><img src=\"missing.png\"></body></html>", TestContext.Current.CancellationToken);
            var (code, output) = await Check(html);
            Assert.Equal(1, code);
            Assert.Contains("0 of 1 figures rendered", output, StringComparison.Ordinal);
            Assert.Contains("images did not load", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
