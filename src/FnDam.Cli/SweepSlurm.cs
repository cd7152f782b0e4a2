using System.Diagnostics;
using System.Globalization;
using System.Text;
using FnDam.Experiments.Sweeps;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Cli;

/// <summary>The Slurm array job of a sweep: each array task is one shard, running this same fndam.</summary>
internal static class SweepSlurm
{
    /// <summary>Variable that names the sbatch to run instead of the one on PATH.</summary>
    public const string SbatchVariable = "FNDAM_SBATCH";

    /// <summary>Writes <c>DIR/sweep.sbatch</c> (and records the spec in DIR) and returns its path.</summary>
    public static string Write(string folder, SweepSpec spec, int tasks, int jobs, int threads, string? partition, string time)
    {
        if (string.IsNullOrWhiteSpace(time) || time.Any(ch => !(char.IsAsciiDigit(ch) || ch is ':' or '-')))
        {
            throw new InputException($"--time = '{time}' is invalid; expected a Slurm time such as 30, 01:00:00 or 1-00:00:00.");
        }

        if (partition is not null && (partition.Length == 0 || partition.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch))))
        {
            throw new InputException($"--partition = '{partition}' is invalid; expected a partition name without spaces.");
        }

        var full = Path.GetFullPath(folder);
        if (InputException.HoldsControlCharacter(full))
        {
            // --out itself was checked at the parse; the current folder, which a relative --out is taken in, was not.
            throw new InputException($"--out: the folder's full path '{InputException.Printable(full, int.MaxValue)}' holds a control character, which would break the #SBATCH lines of sweep.sbatch; give --out as a full path without one.");
        }

        if (!OperatingSystem.IsWindows() && full.Contains('\\', StringComparison.Ordinal))
        {
            throw new InputException($"--out: the folder's full path '{InputException.Printable(full, int.MaxValue)}' holds a backslash, which Slurm reads in a log file's name as 'replace no %A or %a', so that every array task would write the same log; choose a folder without one for --slurm.");
        }

        SweepFolder.Claim(folder, spec);
        Directory.CreateDirectory(Path.Combine(full, "logs"));
        var q = SweepMerge.Quote;
        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append(CultureInfo.InvariantCulture, $"# fndam sweep {spec.Hash}: {spec.Count} cases in {tasks} array tasks, each task one shard\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name=fndam-sweep-{spec.Hash}\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{tasks - 1}\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --ntasks=1\n#SBATCH --cpus-per-task={jobs * threads}\n");
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        if (partition is not null)
        {
            script.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={Directive(partition)}\n");
        }

        // %A_%a: the job and task ids, Slurm's replacement symbols; a % of the folder's own is written %%.
        script.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Directive(Path.Combine(full, "logs").Replace("%", "%%", StringComparison.Ordinal) + Path.DirectorySeparatorChar + "%A_%a.log")}\n");
        script.Append("set -eu\n");
        var executable = string.Join(' ', Executable().Select(q));
        script.Append(CultureInfo.InvariantCulture, $"exec {executable} sweep run {q(Path.Combine(full, SweepFolder.SpecFile))} --out {q(full)} --jobs {jobs} --threads {threads} --shard \"$SLURM_ARRAY_TASK_ID/{tasks}\"\n");
        var path = Path.Combine(full, "sweep.sbatch");
        AtomicFile.WriteAllText(path, script.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return path;
    }

    /// <summary>Runs <c>sbatch --wait SCRIPT</c>, then merges the folder.</summary>
    public static int Submit(CliContext context, string script, string folder, CancellationToken cancellation)
    {
        var sbatch = Environment.GetEnvironmentVariable(SbatchVariable) is { Length: > 0 } given ? given : Find("sbatch")
            ?? throw new InputException($"--submit: sbatch is not on PATH; run on a Slurm login node, set {SbatchVariable} to the sbatch to use, or submit it yourself: sbatch {SweepMerge.Quote(script)}");
        var start = new ProcessStartInfo(sbatch) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--wait");
        start.ArgumentList.Add(script);
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // A path that names no program, a folder or a file that cannot be run.
            throw new RunFailedException($"could not start '{sbatch}' ({e.Message}); check {SbatchVariable} or PATH, or submit it yourself: sbatch {SweepMerge.Quote(script)}", e);
        }

        using var process = started ?? throw new RunFailedException($"could not start '{sbatch}'.");
        var error = process.StandardError.ReadToEndAsync(cancellation);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        // sbatch's own words pass through, escaped as every echoed text is: a broken or hostile sbatch cannot act on the terminal.
        context.Console.Profile.Out.Writer.Write(ConsoleLines.Printable(output));
        context.Error.Write(ConsoleLines.Printable(error.Result));
        if (process.ExitCode != 0)
        {
            throw new RunFailedException($"sbatch exited with {process.ExitCode} ({SweepMerge.Quote(sbatch)} --wait {SweepMerge.Quote(script)}); the finished cases are kept; merge them with: fndam sweep merge {SweepMerge.Quote(folder)}");
        }

        var merged = SweepMergeCommand.Merge(context, folder, cancellation);
        if (merged.Failed.Count + merged.Missing.Count > 0)
        {
            // sbatch ending well says only that the job ended: a task that never ran, or ran into its time limit, leaves cases missing.
            throw new RunFailedException($"after '{sbatch} --wait' {merged.Finished.Count} of {merged.Total} cases finished, {merged.Failed.Count} failed and {merged.Missing.Count} are missing; the logs are in {Path.Combine(folder, "logs")}; to finish: {merged.FinishCommand}");
        }

        return FnDamCli.Success;
    }

    /// <summary>
    /// A value of an <c>#SBATCH</c> line as sbatch reads it (decision 0101): in double quotes, within which a space, a
    /// single quote and a <c>$</c> are plain characters; a double quote, a backslash and a <c>#</c> (outside quotes,
    /// and inside them to sbatch versions that knew only double quotes, the start of a comment) are written after a
    /// backslash. The line is sbatch's, never a shell's: nothing in it is expanded.
    /// </summary>
    internal static string Directive(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal) + "\"";

    /// <summary>How to start this fndam again: the apphost itself, or the runtime with fndam.dll.</summary>
    private static string[] Executable()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        if (Path.GetFileNameWithoutExtension(process) == "fndam")
        {
            return [process];
        }

        var host = Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : Find("dotnet") ?? "dotnet";
        return [host, typeof(SweepSlurm).Assembly.Location];
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
