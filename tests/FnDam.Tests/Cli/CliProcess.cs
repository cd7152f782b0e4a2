using System.Diagnostics;

namespace FnDam.Tests.Cli;

/// <summary>The built <c>fndam</c> command run in a child process (for signals, kills and process-wide limits), with
/// its standard error collected.</summary>
internal sealed class CliProcess : IDisposable
{
    private CliProcess(Process process)
    {
        Process = process;
        Error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Its standard output (a pipe), complete once it has exited.</summary>
    public Task<string> Output { get; }

    /// <summary>The child process.</summary>
    public Process Process { get; }

    /// <summary>Its standard error, complete once it has exited.</summary>
    public Task<string> Error { get; }

    /// <summary>Starts <c>dotnet fndam.dll ARGS</c> from the test's output folder.</summary>
    /// <remarks>A shell without job control starts a background command (<c>dotnet test &amp;</c> in a script) with
    /// SIGINT ignored, and a child inherits that: <c>fndam</c> would then rightly never see the SIGINT the interruption
    /// tests send. Where this process ignores SIGINT, the child is started through <c>env --default-signal=INT</c>
    /// (GNU coreutils 8.31 or later), so that it starts with SIGINT at its default as a foreground run would.</remarks>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (SigintIgnoredHere())
        {
            start.FileName = "env";
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "fndam.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Whether this process ignores SIGINT (Linux: bit 2 of <c>SigIgn</c> in /proc/self/status, the mask of
    /// ignored signals with SIGINT = 2); false where that cannot be read.</summary>
    internal static bool SigintIgnoredHere()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && ulong.TryParse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask)
            && (mask & (1UL << 1)) != 0;
    }

    /// <summary>Waits (up to two minutes) until the run has begun writing the output <paramref name="name"/> in
    /// <paramref name="folder"/>, i.e. its staging folder exists; fails if the process ends first.</summary>
    public async Task WaitUntilWritingAsync(string folder, string name)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!Directory.EnumerateDirectories(folder, $".{name}.partial-*").Any() && !Process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.False(Process.HasExited, "the run ended before it began writing: " + (Process.HasExited ? await Error : string.Empty));
    }

    /// <summary>Waits (up to <paramref name="minutes"/>) for the process to end.</summary>
    public async Task WaitForExitAsync(double minutes = 1)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(minutes));
        await Process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
