using System.Text.RegularExpressions;
using FnDam.Arrays;
using FnDam.Calibration;
using FnDam.Datasets;
using FnDam.Devices;
using FnDam.Energy;
using FnDam.Learning;
using FnDam.Numerics;
using FnDam.Reporting;

namespace FnDam.Tests.Numerics;

/// <summary>
/// The one bad-input type: how it formats its line from its parts, and that every kind of library check that refuses
/// a person's input throws exactly it.
/// </summary>
public sealed partial class InputExceptionTests
{
    [Fact]
    public void OutOfRange_CarriesSubjectValueAndValid_AndFormatsThem()
    {
        var e = InputException.OutOfRange("--epochs", 0, "an integer in [1, 1000]");

        Assert.Equal("--epochs must be an integer in [1, 1000]; got 0.", e.Message);
        Assert.Equal("--epochs", e.Subject);
        Assert.Equal("0", e.Value);
        Assert.Equal("an integer in [1, 1000]", e.Valid);
        Assert.Null(e.File);
    }

    [Fact]
    public void Value_IsPrintable_AndCutShort()
    {
        var e = InputException.OutOfRange("name", "a\u0000b\u001b[31m" + new string('x', 100), "short");

        Assert.StartsWith("a\\x00b\\x1b[31m", e.Value, StringComparison.Ordinal);
        Assert.EndsWith("…", e.Value, StringComparison.Ordinal);
        Assert.Equal(InputException.ValueLimit + 1, e.Value!.Length);
        Assert.DoesNotContain('\u0000', e.Message);
        Assert.Equal("1E+300", InputException.OutOfRange("x", 1e300, "small").Value);
    }

    [Fact]
    public void InFile_NamesTheLineAndColumn_AndCarriesThem()
    {
        var e = InputException.InFile("data.csv", 3, 2, "v\u0007", "'abc' is not a number.");

        Assert.Equal("data.csv, line 3, column 2 'v\\x07': 'abc' is not a number.", e.Message);
        Assert.Equal(("data.csv", 3, 2), (e.File, e.Line, e.Column));
        Assert.Equal("data.csv, line 3: 2 fields.", InputException.InFile("data.csv", 3, null, null, "2 fields.").Message);
    }

    [Fact]
    public void OfFile_ReadsAsASentence_AndAProblemAfterAPunctuationMarkIsAppended()
    {
        Assert.Equal("preset file 'p.json' does not exist.", InputException.OfFile("preset file", "p.json", "does not exist.").Message);
        Assert.Equal("data root 'x' does not exist.", new InputException("data root 'x'", " does not exist.").Message);
        Assert.Equal("x.csv: no rows.", new InputException("x.csv", "no rows.").Message);
    }

    [Fact]
    public void Stated_KeepsTheCheckSentence_AndCarriesSubjectAndValue()
    {
        var e = InputException.Stated("time", 1.0, "time must not go backwards; got 1 s.");
        Assert.Equal("time must not go backwards; got 1 s.", e.Message);
        Assert.Equal(("time", "1"), (e.Subject, e.Value));
        Assert.Equal("T must not go backwards; got 1 s.", e.Renamed("T").Message);
        Assert.Equal("1 to 32 voltages V0; got 40.", InputException.Stated("V0", 40, "1 to 32 voltages V0; got 40.").Message);
    }

    [Fact]
    public void Renamed_PutsTheOptionWhereTheFieldWas_KeepingTheRest()
    {
        var field = InputException.OutOfRange("config field 'epochs'", 0, "a positive integer");
        var option = field.Renamed("--epochs (config field 'epochs')");

        Assert.Equal("--epochs (config field 'epochs') must be a positive integer; got 0.", option.Message);
        Assert.Same(field, option.InnerException);
    }

    [Fact]
    public void Unknown_ListsTheValidNames()
    {
        var e = InputException.Unknown("preset", "x\u0000", ["a", "b"], "valid presets");

        Assert.Equal("unknown preset 'x\\x00'; valid presets: a, b.", e.Message);
        Assert.Equal("a, b", e.Valid);
    }

    /// <summary>One refusal of each kind of library check: ranges, names, JSON fields and documents, CSV lines, state
    /// files, missing and folder-for-file inputs, the designer and the output folder. Each throws exactly the one type.</summary>
    public static TheoryData<string, Action> LibraryChecks() => new()
    {
        { "Guard range", () => Guard.InRange(2.0, "ratio", "", 0.0, 1.0) },
        { "device constructor", () => _ = new FnDamParameters(1e13, 276.0, 1e-13, 1.5, 5.0) },
        { "array size", () => _ = new SynapseArray(0, 2, Presets.Default) },
        { "unknown preset", () => Presets.Get("nope") },
        { "unknown back-end", () => BackendName.Parse("abacus") },
        { "unknown data set", () => BundledDatasets.Load("nope", null, 1) },
        { "config field", () => _ = new TrainingConfig { Epochs = 0 } },
        { "config JSON", () => TrainingConfig.Parse("{ \"epochs\": ", "c.json") },
        { "preset JSON", () => PresetFile.Parse("{ \"k1\": \"fast\" }", "p.json") },
        { "array JSON", () => ArraySimulationFile.Parse("[]", "a.json") },
        { "trace CSV", () => TraceCsv.Parse("t_s,v_V\n0,abc\n", "t.csv") },
        { "technology CSV", () => TechnologyTable.Parse("name\n") },
        { "state data", () => StateReader.Read(new MemoryStream([1, 2, 3]), "array", _ => { }) },
        { "missing file", () => PresetFile.Load(Path.Combine(Path.GetTempPath(), "fndam-no-such-file.json")) },
        { "folder for a file", () => TrainingConfig.Load(Path.GetTempPath()) },
        { "infeasible design", () => OperatingPointDesigner.Design(new DesignRequest(Presets.Default, Workload(), SynapseGain: 1e-3)) },
        { "output folder is a file", () => OutputFolder.Begin(typeof(InputExceptionTests).Assembly.Location, force: false) },
    };

    [Theory]
    [MemberData(nameof(LibraryChecks))]
    public void EveryKindOfLibraryCheck_ThrowsTheOneType(string name, Action check)
    {
        var e = Record.Exception(check);

        Assert.True(e is InputException, $"{name}: {e?.GetType().FullName ?? "nothing thrown"}: {e?.Message}");
        Assert.DoesNotContain("System.", e!.Message, StringComparison.Ordinal);
    }

    /// <summary>No source file throws one of the framework's types for bad input any more: those are translated at the
    /// boundary (InputFiles, ConfigJson), so the command line cannot mistake them for input or a bug.</summary>
    [Fact]
    public void NoSourceFile_ThrowsAFrameworkTypeForBadInput()
    {
        var src = Path.Combine(Calibration.ExampleFiles.RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, i)))
            .Where(x => FrameworkThrow().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"throw new (System\.IO\.)?(InvalidDataException|FormatException|FileNotFoundException|DirectoryNotFoundException|UnauthorizedAccessException|JsonException|KeyNotFoundException\(\$""unknown)\b")]
    private static partial Regex FrameworkThrow();

    private static TrainingWorkload Workload() => new(6400, 0.05, 0.1, 1000, new UpdateScale(1e-5, 1e-4, 1e-3, 3e-3, 1e-2, 1_000_000, "test scale"));
}
