using System.CommandLine;
using FnDam.Cli;
using FnDam.Numerics;
using Spectre.Console;

namespace FnDam.Tests.Cli;

/// <summary>
/// The exit code is decided by the exception's type alone: an <see cref="InputException"/> is bad input (2), an
/// <see cref="IOException"/> a failed run (1), and anything else a fault of FnDam (1, "internal error", the stack in a
/// log file in the parent of the output folder).
/// </summary>
public sealed class ErrorPolicyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fndam-errors-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static CliContext Context(StringWriter error) =>
        new(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null), Interactive = InteractionSupport.No }), error);

    /// <summary>Runs a one-command program whose body throws <paramref name="fault"/>, with <c>--out</c> as given.</summary>
    private static (int Code, string Error) RunThrowing(Exception fault, params string[] args) => RunBody(() => throw fault, args);

    /// <summary>Runs a one-command program whose body is <paramref name="body"/>, with <c>--out</c> as given.</summary>
    private static (int Code, string Error) RunBody(Func<int> body, params string[] args)
    {
        using var error = new StringWriter();
        var context = Context(error);
        var output = new Option<string?>("--out");
        var command = new RootCommand("test") { output };
        command.SetAction(context.Action((_, _) => body()));
        var code = command.Parse(args).Invoke(new InvocationConfiguration { Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        return (code, error.ToString());
    }

    private static string[] Logs(string folder) => Directory.GetFiles(folder, "fndam-error-*.log");

    [Fact]
    public void BadInput_IsDecidedByTheTypeAlone_ExitTwo()
    {
        var (code, error) = RunThrowing(InputException.OutOfRange("--widgets", 7, "an integer in [1, 3]"), "--out", Path.Combine(_root, "out"));

        Assert.Equal(FnDamCli.BadInput, code);
        Assert.Equal("fndam: error: --widgets must be an integer in [1, 3]; got 7.", error.Trim());
        Assert.Empty(Logs(_root));
    }

    [Theory]
    [InlineData(typeof(ArgumentException))]
    [InlineData(typeof(FormatException))]
    [InlineData(typeof(InvalidDataException))]
    [InlineData(typeof(ArgumentOutOfRangeException))]
    public void FormerBadInputTypes_AreNoLongerBadInput(Type type)
    {
        var fault = (Exception)Activator.CreateInstance(type, "a value is wrong")!;
        var (code, error) = RunThrowing(fault, "--out", Path.Combine(_root, "out"));

        Assert.Equal(FnDamCli.RunFailed, code);
        Assert.StartsWith("fndam: internal error: ", error, StringComparison.Ordinal);
    }

    /// <summary>Faults as FnDam's own code would make them, each thrown where it happens so the log shows the frame.</summary>
    public static TheoryData<Type, Func<int>> Bugs() => new()
    {
        { typeof(ArgumentNullException), () => Require(null) },
        { typeof(NullReferenceException), () => Dereference(null) },
        { typeof(InvalidOperationException), () => Array.Empty<int>().First() },
    };

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Bug_ExitsOne_SaysInternalError_AndLogsTheStackBesideTheOutputFolder(Type type, Func<int> bug)
    {
        var output = Path.Combine(_root, "runs", "out");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var (code, error) = RunBody(bug, "--out", output);

        Assert.Equal(FnDamCli.RunFailed, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("fndam: internal error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(type.Name, line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
        var log = Assert.Single(Logs(Path.Combine(_root, "runs")));
        Assert.Contains($"details in {log}", line, StringComparison.Ordinal);
        Assert.Matches(@"fndam-error-\d{8}T\d{6}\.\d{3}Z\.log$", log);
        var text = File.ReadAllText(log);
        Assert.Contains(type.FullName!, text, StringComparison.Ordinal);
        Assert.Matches($@"\n   at FnDam\.Tests\.Cli\.{nameof(ErrorPolicyTests)}\.", text);
        Assert.Contains("--out", text, StringComparison.Ordinal);
        Assert.Contains($"; kernels {KernelPath.Description}\n", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Bug_IsLoggedInTheFolderGiven_AndACommandWithoutOutGivesNone_SoTheCurrentDirectory()
    {
        using var error = new StringWriter();
        var code = Context(error).Execute(_ => Dereference(null), CancellationToken.None, logFolder: _root);

        Assert.Equal(FnDamCli.RunFailed, code);
        Assert.Single(Logs(_root));
        Assert.Null(CliContext.LogFolder(new RootCommand("test").Parse([])));
    }

    [Fact]
    public void Bug_WhoseLogCannotBeWritten_SaysSo_AndPrintsTheStack()
    {
        using var error = new StringWriter();
        var missing = Path.Combine(_root, "no", "such", "folder");
        var code = Context(error).Execute(_ => Dereference(null), CancellationToken.None, logFolder: missing);

        Assert.Equal(FnDamCli.RunFailed, code);
        var text = error.ToString();
        Assert.StartsWith("fndam: internal error: ", text, StringComparison.Ordinal);
        Assert.Contains("could not be written", text, StringComparison.Ordinal);
        Assert.Contains("System.NullReferenceException", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Bug_WhoseLogCannotBeWritten_SaysSo_AndPrintsTheStack), text, StringComparison.Ordinal);
    }

    [Fact]
    public void IOException_IsAFailedRun_ExitOne_WithoutALog()
    {
        var (code, error) = RunThrowing(new IOException("No space left on device : '/x/out/table.csv'"), "--out", Path.Combine(_root, "out"));

        Assert.Equal(FnDamCli.RunFailed, code);
        Assert.Equal("fndam: run failed: No space left on device : '/x/out/table.csv'", error.Trim());
        Assert.Empty(Logs(_root));
    }

    [Fact]
    public void UnreadableInputFile_IsRefused_NamingTheFile()
    {
        var preset = Path.Combine(_root, "preset.json");
        File.WriteAllText(preset, "{}");
        using (InputFiles.Substituted(path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.")))
        {
            var run = CliRun.Of("device", "info", "--preset-file", preset);

            Assert.Equal(FnDamCli.BadInput, run.ExitCode);
            Assert.Equal($"fndam: error: preset file '{preset}' cannot be read: permission denied.", run.Error.Trim());
        }

        Assert.Equal(FnDamCli.Success, CliRun.Of("device", "info", "--preset-file", preset).ExitCode);
    }

    [Fact]
    public void FileThatFailsWhileRead_IsRefused_NamingTheFile()
    {
        var data = Path.Combine(_root, "data.csv");
        File.WriteAllText(data, "1,2,0\n3,4,1\n");
        using (InputFiles.Substituted(_ => new FailingStream()))
        {
            var e = Assert.Throws<InputException>(() => FnDam.Datasets.CsvDatasetReader.Read(data, cancellationToken: TestContext.Current.CancellationToken));

            Assert.Equal($"data file '{data}' cannot be read: Input/output error.", e.Message);
            Assert.Equal(data, e.File);
        }
    }

    [Fact]
    public void HeaderWithoutDataRows_IsRefused_NamingTheFile()
    {
        var data = Path.Combine(_root, "data.csv");
        File.WriteAllText(data, "width,height,label\n");

        var run = CliRun.Of("train", "--data", data, "--out", Path.Combine(_root, "out"));

        Assert.Equal(FnDamCli.BadInput, run.ExitCode);
        Assert.Equal($"fndam: error: data file '{data}' has a header but no data rows.", run.Error.Trim());
    }

    [Fact]
    public void CouplingRatioOutOfRange_InAPresetFile_NamesTheJsonKey()
    {
        var preset = Path.Combine(_root, "preset.json");
        File.WriteAllText(preset, """{ "couplingRatio": 2 }""");

        var run = CliRun.Of("device", "info", "--preset-file", preset);

        Assert.Equal(FnDamCli.BadInput, run.ExitCode);
        Assert.Contains("field '$.couplingRatio' must be a finite number in (0, 1)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("κ", run.Error, StringComparison.Ordinal);
    }

    private static int Require(string? text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length;
    }

    /// <summary>A genuine null dereference, as a bug in FnDam would make one.</summary>
    private static int Dereference(string? text) => text!.Length;

    private sealed class FailingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Input/output error");

        public override int Read(Span<byte> buffer) => throw new IOException("Input/output error");
    }
}
