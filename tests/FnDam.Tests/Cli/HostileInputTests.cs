namespace FnDam.Tests.Cli;

/// <summary>
/// Hostile input to every command, one row each: the arguments (<c>@NAME</c> stands for a file or folder of the
/// case's temporary folder), the input files the case writes there, the exit code and a text the one-line message must
/// hold (the option, field, file or line). Every row also checks that no .NET type name reaches the user and that
/// nothing is left in or beside the output folder: the temporary folder holds only the inputs the case wrote.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Directory_ = "<dir>";
    private const string Binary = "<binary>";
    private const string Preset = "preset.json";
    private const string Config = "config.json";
    private const string Data = "data.csv";
    private const string Traces = "traces.csv";
    private const string Pulses = "pulses.csv";

    private static readonly string GoodTraces = Calibration.ExampleFiles.TracesCsv();

    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-hostile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The rows: arguments, input files as "NAME=CONTENT" (<c>&lt;dir&gt;</c> a folder, <c>&lt;binary&gt;</c>
    /// bytes that are no text), exit code, expected text.</summary>
    public static TheoryData<string, string[], string[], int, string> Cases()
    {
        var rows = new TheoryData<string, string[], string[], int, string>();

        void Add(string[] args, string[] files, string expected, int code = 2) =>
            rows.Add(string.Join(' ', args), args, files, code, expected);

        // Commands and options the parser refuses.
        Add([], [], "'fndam' needs a command; commands: device, array, design, train, sweep, reproduce, fit");
        Add(["devic"], [], "unknown command 'devic' for 'fndam'; commands: device, array");
        Add(["trian", "--epochs", "1"], [], "unknown command 'trian'");
        Add(["device"], [], "'fndam device' needs a command; commands: info");
        Add(["device", "frob"], [], "unknown command 'frob' for 'fndam device'; commands: info");
        Add(["array"], [], "'fndam array' needs a command; commands: simulate");
        Add(["array", "simulat"], [], "unknown command 'simulat' for 'fndam array'");
        Add(["\u0001\u0007"], [], "unknown command '\\x01\\x07'");
        Add(["device", "info", "--bogus"], [], "unknown option '--bogus' for 'fndam device info'");
        Add(["device", "pulse", "--pionts", "5", "--out", "@o"], [], "unknown option '--pionts'");
        Add(["device", "trajectory", "--v", "7", "--out", "@o"], [], "unknown option '--v'");
        Add(["array", "simulate", "--rows", "2", "--out", "@o"], [], "unknown option '--rows'");
        Add(["train", "--dataset", "iris", "--epoch", "1", "--out", "@o"], [], "unknown option '--epoch'");
        Add(["design", "--ratio", "0.5"], [], "unknown option '--ratio'");
        Add(["fit", "@traces.csv", "--k2", "1", "--out", "@o"], [$"{Traces}={GoodTraces}"], "unknown option '--k2'");
        Add(["reproduce", "--size", "smoke", "--experiment", "x", "--out", "@o"], [], "unknown option '--experiment'");
        Add(["device", "info", "extra"], [], "unexpected argument 'extra' for 'fndam device info'");
        Add(["fit", "@traces.csv", "@traces.csv", "--out", "@o"], [$"{Traces}={GoodTraces}"], "unexpected argument");
        Add(["fit", "--out", "@o"], [], "'fndam fit' needs the argument TRACES");
        Add(["sweep"], [], "'fndam sweep' needs a command; commands: run, merge");
        Add(["sweep", "run", "--out", "@o"], [], "'fndam sweep run' needs the argument SPEC");
        Add(["sweep", "merge"], [], "'fndam sweep merge' needs the argument DIR");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["spec.json=[1, 2]"], "sweep spec '");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["""spec.json={"kind": "array", "axes": [{"path": "colums", "values": [2]}]}"""], "axis path 'colums' is not a field of an array config; valid fields: rows, columns");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["""spec.json={"kind": "array", "axes": [{"path": "sampleTimes", "values": [-1]}]}"""], "field 'sampleTimes': must be a list of times");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["""spec.json={"kind": "preset", "axes": [{"path": "v0", "values": [7.5]}]}"""], "axis path 'v0' is not a field of a preset; valid fields: name,");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["""spec.json={"kind": "preset", "axes": [{"path": "initialVoltage", "values": ["high"]}]}"""], "field 'initialVoltage': must be a number");

        // Options with no value, an empty value or a blank one.
        Add(["device", "trajectory", "--out", ""], [], "--out needs a value; got an empty one");
        Add(["device", "pulse", "--out", " "], [], "--out needs a value; got an empty one");
        Add(["array", "simulate", "--out", ""], [], "--out needs a value");
        Add(["train", "--dataset", "iris", "--out", ""], [], "--out needs a value");
        Add(["reproduce", "--size", "smoke", "--out", ""], [], "--out needs a value");
        Add(["fit", "@traces.csv", "--out", ""], [$"{Traces}={GoodTraces}"], "--out needs a value");
        Add(["device", "info", "--preset-file", ""], [], "--preset-file needs a value");
        Add(["device", "info", "--preset", ""], [], "--preset needs a value");
        Add(["array", "simulate", "--config", "", "--out", "@o"], [], "--config needs a value");
        Add(["train", "--data", "", "--out", "@o"], [], "--data needs a value");
        Add(["train", "--dataset", "", "--out", "@o"], [], "--dataset needs a value");
        Add(["train", "--dataset", "iris", "--backend", "", "--out", "@o"], [], "--backend needs a value");
        Add(["design", "--data-root", ""], [], "--data-root needs a value");
        Add(["fit", "", "--out", "@o"], [], "argument TRACES of 'fndam fit' needs a value");
        Add(["fit", "@traces.csv", "--pulses", "", "--out", "@o"], [$"{Traces}={GoodTraces}"], "--pulses needs a value");
        Add(["reproduce", "--size", "", "--out", "@o"], [], "--size needs a value");
        Add(["device", "trajectory", "--t-min", "--out", "@o"], [], "--t-min");
        Add(["device", "trajectory", "--points"], [], "--points needs a value");
        Add(["train", "--dataset", "iris", "--epochs"], [], "--epochs needs a value");
        Add(["device", "info", "--preset"], [], "--preset");

        // Options that take one value (or none) given more than once, each kind: integer, unsigned, number, text, flag.
        Add(["device", "trajectory", "--points", "5", "--points", "6", "--out", "@o"], [], "--points is given 2 times ('5', '6'); give it once.");
        Add(["array", "simulate", "--seed", "1", "--seed", "2", "--out", "@o"], [], "--seed is given 2 times ('1', '2'); give it once.");
        Add(["train", "--dataset", "iris", "--epochs", "1", "--epochs=2", "--out", "@o"], [], "--epochs is given 2 times ('1', '2'); give it once.");
        Add(["train", "--dataset", "iris", "--learning-rate", "0.1", "--learning-rate", "0.2", "--out", "@o"], [], "--learning-rate is given 2 times ('0.1', '0.2')");
        Add(["train", "--dataset", "iris", "--dataset", "digits", "--out", "@o"], [], "--dataset is given 2 times ('iris', 'digits'); give it once.");
        Add(["device", "info", "--json", "--json"], [], "--json is given 2 times; give it once.");
        Add(["reproduce", "--size", "smoke", "--quiet", "--out", "@o", "--quiet", "--quiet"], [], "--quiet is given 3 times; give it once.");

        // Numbers that are no numbers, or out of range.
        foreach (var bad in new[] { "abc", "1,5", "0x10", "1e", "--", "∞" })
        {
            Add(["device", "trajectory", "--t-min", bad, "--out", "@o"], [], "--t-min");
        }

        foreach (var (option, value) in new[] { ("--t-min", "NaN"), ("--t-min", "-1"), ("--t-min", "0"), ("--t-min", "inf"), ("--t-max", "-Infinity"), ("--t-max", "1e-9"), ("--t-max", "1e13"), ("--t-max", "NaN"), ("--v0", "NaN"), ("--v0", "-7"), ("--v0", "6"), ("--v0", "1e300"), ("--v0", "Infinity"), ("--points", "1"), ("--points", "0"), ("--points", "-5"), ("--points", "100001"), ("--points", "99999999999"), ("--points", "2.5"), ("--points", "NaN") })
        {
            Add(["device", "trajectory", option, value, "--out", "@o"], [], option);
        }

        foreach (var value in new[] { "1", "0", "-1", "100001", "1e9", "abc", "NaN" })
        {
            Add(["device", "pulse", "--points", value, "--out", "@o"], [], "--points");
        }

        foreach (var (option, value) in new[] { ("--seed", "-1"), ("--seed", "abc"), ("--seed", "1e3"), ("--seed", "18446744073709551616"), ("--threads", "0"), ("--threads", "257"), ("--threads", "-3"), ("--threads", "many") })
        {
            Add(["array", "simulate", option, value, "--out", "@o"], [], option);
        }

        foreach (var (option, value) in new[] { ("--epochs", "0"), ("--epochs", "-2"), ("--epochs", "abc"), ("--epochs", "1e9"), ("--batch", "0"), ("--batch", "-1"), ("--batch", "2147483647"), ("--learning-rate", "NaN"), ("--learning-rate", "-0.1"), ("--learning-rate", "0"), ("--learning-rate", "Infinity"), ("--learning-rate", "x"), ("--step-seconds", "NaN"), ("--step-seconds", "-1"), ("--step-seconds", "0"), ("--step-seconds", "1e300"), ("--step-seconds", "0.001"), ("--train-limit", "-1"), ("--test-limit", "-1"), ("--threads", "0"), ("--threads", "300"), ("--seed", "-5") })
        {
            Add(["train", "--dataset", "iris", option, value, "--out", "@o"], [], option);
        }

        foreach (var (option, value) in new[] { ("--schedule-ratio", "0"), ("--schedule-ratio", "1"), ("--schedule-ratio", "2"), ("--schedule-ratio", "NaN"), ("--schedule-ratio", "-0.5"), ("--schedule-ratio", "abc"), ("--amplitude", "-1"), ("--amplitude", "NaN"), ("--amplitude", "0"), ("--amplitude", "1e300"), ("--gain", "0"), ("--gain", "-1"), ("--gain", "NaN"), ("--gain", "Infinity") })
        {
            Add(["design", "--dataset", "iris", option, value], [], option);
        }

        foreach (var value in new[] { "NaN", "-1", "0", "Infinity", "abc" })
        {
            Add(["fit", "@traces.csv", "--fix-k2", value, "--out", "@o"], [$"{Traces}={GoodTraces}"], "--fix-k2");
        }

        foreach (var value in new[] { "0", "-1", "abc" })
        {
            Add(["reproduce", "--size", "smoke", "--seed", value == "0" ? "-1" : value, "--out", "@o"], [], "--seed");
        }

        // Names that are not in the list.
        Add(["device", "info", "--preset", "nope"], [], "unknown preset 'nope'; valid presets: mehta2022");
        Add(["device", "pulse", "--preset", "MEHTA", "--out", "@o"], [], "unknown preset 'MEHTA'");

        Add(["train", "--dataset", "nope", "--out", "@o"], [], "--dataset");
        Add(["train", "--dataset", "iris", "--backend", "nope", "--out", "@o"], [], "unknown back-end 'nope'");
        Add(["train", "--dataset", "iris", "--backend", "static:nope", "--out", "@o"], [], "nope");
        Add(["design", "--dataset", "nope"], [], "--dataset");
        Add(["reproduce", "--size", "huge", "--out", "@o"], [], "unknown size 'huge'; valid sizes: smoke, default, full");
        Add(["fit", "@traces.csv", "--base-preset", "nope", "--out", "@o"], [$"{Traces}={GoodTraces}"], "nope");

        // Text values holding a control character: refused for every option and argument, names included.
        Add(["array", "simulate", "--preset", "x\u0000y", "--out", "@o"], [], "--preset must hold no control characters; got 'x\\x00y'.");
        Add(["train", "--dataset", "iris", "--backend", "float\u0007", "--out", "@o"], [], "--backend must hold no control characters; got 'float\\x07'.");
        Add(["fit", "@traces.csv", "--time-unit", "s\t", "--out", "@o"], [$"{Traces}={GoodTraces}"], "--time-unit must hold no control characters; got 's\\x09'.");
        Add(["sweep", "merge", "@o\u001b[2J"], [], "argument DIR of 'fndam sweep merge' must hold no control characters; got '");

        // A line break in --out would start a line of its own in the array job that --slurm writes.
        Add(["sweep", "run", "@spec.json", "--slurm", "--out", "@o\ntouch INJECTED #"], ["""spec.json={"kind": "train", "base": {"dataset": "iris"}, "axes": [{"path": "epochs", "values": [1]}]}"""], "--out must hold no control characters; got '");

        // Options that exclude each other.
        Add(["device", "info", "--preset", "mehta2022", "--preset-file", "@preset.json"], [$"{Preset}={{}}"], "--preset and --preset-file are mutually exclusive");
        Add(["device", "pulse", "--preset", "mehta2022", "--preset-file", "@preset.json", "--out", "@o"], [$"{Preset}={{}}"], "--preset and --preset-file are mutually exclusive");
        Add(["train", "--dataset", "iris", "--data", "@data.csv", "--out", "@o"], [$"{Data}=1,2,0\n"], "--dataset and --data are mutually exclusive");
        Add(["design", "--dataset", "iris", "--data", "@data.csv"], [$"{Data}=1,2,0\n"], "--dataset and --data are mutually exclusive");

        // Input files: missing, a folder, empty, binary, truncated, with a byte-order mark.
        foreach (var (args, what) in new (string[] Args, string What)[]
        {
            (["device", "info", "--preset-file", "@in"], "preset file"),
            (["device", "trajectory", "--preset-file", "@in", "--out", "@o"], "preset file"),
            (["array", "simulate", "--config", "@in", "--out", "@o"], "array configuration"),
            (["train", "--config", "@in", "--out", "@o"], "config file"),
            (["design", "--config", "@in"], "config file"),

            (["fit", "@in", "--out", "@o"], "trace file"),
            (["fit", "@traces.csv", "--pulses", "@in", "--out", "@o"], "pulse file"),
            (["reproduce", "--size", "smoke", "--preset-file", "@in", "--out", "@o"], "preset file"),
        })
        {
            var traces = args.Contains("@traces.csv") ? new[] { $"{Traces}={GoodTraces}" } : [];
            Add(args, traces, $"'{{in}}' does not exist");
            Add(args, [.. traces, $"in={Directory_}"], $"'{{in}}' is a directory, not a file");
            Add(args, [.. traces, "in="], "'{in}'");
            Add(args, [.. traces, $"in={Binary}"], "'{in}'");
        }

        foreach (var args in new[] { new[] { "train", "--data", "@in", "--out", "@o" }, ["design", "--data", "@in"] })
        {
            Add(args, [], "data file '{in}' does not exist");
            Add(args, [$"in={Directory_}"], "data file '{in}' is a directory, not a file");
            Add(args, ["in="], "data file '{in}' has no data rows: it is empty");
            Add(args, ["in=f1,f2,label\n"], "data file '{in}' has a header but no data rows");
            Add(args, [$"in={Binary}"], "{in}, line 2");
        }

        // JSON files: wrong kinds, unknown fields, out-of-range fields, truncated text.
        foreach (var (json, expected) in new[]
        {
            ("{\"bogus\": 1}", "unknown field '$.bogus'"),
            ("[1, 2]", "must hold a JSON object"),
            ("\uFEFF{\"k1\": \"fast\"}", "$.k1"),
            ("{\"k1\": -1}", "field '$.k1' must be a finite number > 0"),
            ("{\"k1\": 1e400}", "k1"),
            ("{\"floorVoltage\": \"low\"}", "floorVoltage"),
            ("{\"base\": \"nope\"}", "nope"),
            ("{\"k2\": 0", "line 1"),
            ("", "preset.json' is not valid JSON: the file holds no JSON value (it is empty or blank) (line 1)"),
            ("{\n\"k2\": 1,\n\"k1\": }", "is not valid JSON: '}' is an invalid start of a value (line 3)"),
            ("{\"pulseWidth\": [1]}", "$.pulseWidth"),
            ("{\"couplingRatio\": 2}", "field '$.couplingRatio' must be a finite number in (0, 1)"),
        })
        {
            Add(["device", "info", "--preset-file", "@preset.json"], [$"{Preset}={json}"], expected);
        }

        foreach (var (json, expected) in new[]
        {
            ("{\"bogus\": 1}", "unknown field '$.bogus'"),
            ("{\"rows\": \"two\"}", "$.rows"),
            ("{\"rows\": 0}", "rows"),
            ("{\"rows\": 5000}", "rows"),
            ("{\"rows\": 2.5}", "rows"),
            ("{\"rows\": 1, \"columns\": 1, \"initialWeights\": [[1, 2]]}", "initialWeights"),
            ("{\"rows\": 1, \"columns\": 1, \"pulses\": [{\"time\": -1, \"increase\": 0.01}]}", "pulses[0].time"),
            ("{\"rows\": 1, \"columns\": 1, \"pulses\": [{\"time\": 1, \"increase\": -0.01}]}", "increase"),
            ("{\"rows\": 1, \"columns\": 1, \"pulses\": [{\"time\": 1, \"increase\": 0.01, \"extra\": 1}]}", "extra"),
            ("{\"rows\": 1, \"columns\": 1, \"sampleTimes\": [-1]}", "sampleTimes[0]"),
            ("{\"rows\": 1, \"columns\": 1, \"sampleTimes\": \"often\"}", "sampleTimes"),
            ("{\"mismatch\": \"yes\"}", "mismatch"),
            ("\uFEFF{\"rows\": 1", "line 1"),
            ("null", "array configuration"),
        })
        {
            Add(["array", "simulate", "--config", "@config.json", "--out", "@o"], [$"{Config}={json}"], expected);
        }

        foreach (var (json, expected) in new[]
        {
            ("{\"bogus\": 1}", "bogus"),
            ("{\"epochs\": \"five\"}", "epochs"),
            ("{\"epochs\": 0}", "'epochs'"),
            ("{\"batchSize\": -1}", "batchSize"),
            ("{\"learningRate\": \"fast\"}", "learningRate"),
            ("{\"stepSeconds\": -1}", "stepSeconds"),
            ("{\"hidden\": [0]}", "hidden"),
            ("{\"hidden\": \"wide\"}", "hidden"),
            ("{\"dataset\": \"nope\"}", "'dataset'"),
            ("{\"backend\": \"nope\"}", "nope"),
            ("{\"compareBackends\": [\"nope\"]}", "nope"),
            ("{\"epochs\": 1", "config file"),
            ("[]", "config file"),
        })
        {
            Add(["train", "--config", "@config.json", "--out", "@o"], [$"{Config}={json}"], expected);
        }

        // JSON files that give a field twice (the reader would keep the last), or two fields that exclude each other.
        Add(["array", "simulate", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"rows\": 2, \"rows\": 3}}"], "config.json', field '$.rows': given twice; give it once.");
        Add(["array", "simulate", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"pulses\": [{{\"time\": 1, \"increase\": 0.01, \"time\": 2}}]}}"], "field '$.pulses[0].time': given twice; give it once.");
        Add(["device", "info", "--preset-file", "@preset.json"], [$"{Preset}={{\"k1\": 1e14, \"readOut\": {{\"noiseSigma\": 1e-5, \"noiseSigma\": 2e-5}}}}"], "field '$.readOut.noiseSigma': given twice; give it once.");
        Add(["train", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"epochs\": 2, \"epochs\": 3}}"], "field '$.epochs': given twice; give it once.");
        Add(["train", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"dataset\": \"iris\", \"preset\": \"mehta2022\", \"presetFile\": \"p.json\"}}"], "config field 'presetFile' ('p.json') and config field 'preset' ('mehta2022') are both given; give one");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["""spec.json={"kind": "train", "base": {"dataset": "iris", "dataset": "digits"}, "axes": [{"path": "epochs", "values": [1]}]}"""], "field '$.base.dataset': given twice; give it once.");
        Add(["sweep", "run", "@spec.json", "--out", "@o"], ["""spec.json={"kind": "train", "axes": [{"path": "epochs", "values": [1]}], "seeds": [1], "seeds": [2]}"""], "field '$.seeds': given twice; give it once.");

        // --shard with --slurm, whose array tasks each run their own shard.
        Add(["sweep", "run", "@spec.json", "--slurm", "--shard", "0/2", "--out", "@o"], ["""spec.json={"kind": "train", "base": {"dataset": "iris"}, "axes": [{"path": "epochs", "values": [1]}]}"""], "--shard '0/2' cannot be given with --slurm: each task of the array job that --slurm writes runs its own shard; choose how many with --array-size");

        // Slurm options without --slurm, which they would not change.
        foreach (var option in new[] { new[] { "--array-size", "0" }, ["--partition", "x"], ["--time", "00:10:00"], ["--submit"] })
        {
            Add(["sweep", "run", "@spec.json", .. option, "--out", "@o"], ["""spec.json={"kind": "train", "base": {"dataset": "iris"}, "axes": [{"path": "epochs", "values": [1]}]}"""], $"{option[0]} ");
            Add(["sweep", "run", "@spec.json", .. option, "--out", "@o"], ["""spec.json={"kind": "train", "base": {"dataset": "iris"}, "axes": [{"path": "epochs", "values": [1]}]}"""], "the Slurm array job that --slurm writes; give --slurm too.");
        }

        Add(["design", "--config", "@config.json"], [$"{Config}={{\"scheduleRatio\": 5}}"], "scheduleRatio");
        Add(["design", "--config", "@config.json"], [$"{Config}={{\"bogus\": true}}"], "bogus");

        // CSV files: bad values, degenerate data, quoting, binary.
        foreach (var (csv, expected) in new[]
        {
            ("1,2,0\n3,abc,1\n", "line 2"),
            ("1,2,0\n3,4\n", "line 2"),
            ("1,2,0\n3,4,-1\n5,6,0\n7,8,-1\n", "line 2, column 3 (label): -1 is not a non-negative integer class index"),
            ("1,2,0\n3,4,1.5\n", "line 2"),
            ("1,2,0\n3,NaN,1\n", "line 2"),
            ("1,2,0\n\"3,4,1\n", "quoted field is not closed"),
            ("\uFEFF1,2,0\n", "every one of the 1 rows has label 0"),
            ("\n\n\n", "no data rows"),
        })
        {
            Add(["train", "--data", "@data.csv", "--epochs", "1", "--out", "@o"], [$"{Data}={csv}"], expected);
        }

        foreach (var (csv, expected) in new[]
        {
            ("t_s,v_V\n0,abc\n1,7\n", "line 2, column 2 'v_V': 'abc' is not a number"),
            ("t_s,v_V\n0,7\n1,NaN\n", "line 3"),
            ("t_s,x_V\n0,7\n", "column 2 'x_V': unknown column"),
            ("t_s\n0\n", "traces.csv"),
            ("t_s,v_V\n", "traces.csv"),
            ("t_s,v_V\n0,7\n1,\"7\n", "quoted field is not closed"),
            ("t_s,v_V\n0,\u0001\u0002\n", "'\\x01\\x02' is not a number"),
            ("t_s,v_V\n1,7\n0,7.1\n", "traces.csv"),
        })
        {
            Add(["fit", "@traces.csv", "--out", "@o"], [$"{Traces}={csv}"], expected);
        }

        Add(["fit", "@traces.csv", "--pulses", "@pulses.csv", "--out", "@o"], [$"{Traces}={GoodTraces}", $"{Pulses}=width_ms,amplitude_V,before_V,step_uV\n10,2,7.6,abc\n"], "line 2");
        Add(["fit", "@traces.csv", "--pulses", "@pulses.csv", "--out", "@o"], [$"{Traces}={GoodTraces}", $"{Pulses}=w,a\n1,2\n"], "pulses.csv");

        // CSV layouts: which column is the label, a header or none, and units that a header does not give.
        const string LabelFirst = "kind,a,b\n0,1.5,20.25\n1,2.5,30.5\n2,3.5,40.75\n0,1.25,21.5\n1,2.25,31.75\n2,3.25,41.125\n";
        foreach (var (extra, csv, expected) in new (string[] Extra, string Csv, string Expected)[]
        {
            ([], LabelFirst, "the label was taken from column 3 'b' (the last column, as no column is named label, class, target or y); choose the label column with --label-column"),
            ([], "a,b,count\n1,2,10\n3,4,11\n5,6,12\n7,8,10\n", "3 distinct values in 4 rows"),
            (["--label-column", "4"], LabelFirst, "--label-column '4' (config field 'labelColumn'): the file has 3 columns; valid: first, last, a column name (kind, a, b) or a column index 1..3"),
            (["--label-column", "species"], LabelFirst, "--label-column 'species' (config field 'labelColumn'): no column is named so; valid: first, last, a column name (kind, a, b)"),
            (["--label-column", "0"], LabelFirst, "--label-column (config field 'labelColumn') = 0 is invalid; expected first, last, a column name or a 1-based column index"),
            (["--label-column", "kind", "--no-header"], LabelFirst, "with --no-header (config field 'noHeader') the file has no header; valid: first, last or a column index 1..3"),
            (["--label-column", "first", "--no-header"], LabelFirst, "line 1, column 2: 'a' is not a finite number"),
            (["--label-column", "last"], LabelFirst, "the label was taken from column 3 'b' (given as --label-column 'last'"),
        })
        {
            Add(["train", "--data", "@data.csv", "--epochs", "1", .. extra, "--out", "@o"], [$"{Data}={csv}"], expected);
        }

        Add(["train", "--dataset", "iris", "--label-column", "first", "--epochs", "1", "--out", "@o"], [], "--label-column and --no-header (config fields 'labelColumn', 'noHeader') apply to a CSV file given with --data");
        Add(["train", "--data", "@data.csv", "--label-column", "", "--out", "@o"], [$"{Data}={LabelFirst}"], "--label-column");
        Add(["train", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"labelColumn\": 2}}"], "labelColumn");
        Add(["train", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"labelColumn\": \" \"}}"], "config field 'labelColumn'");
        Add(["train", "--config", "@config.json", "--out", "@o"], [$"{Config}={{\"noHeader\": \"yes\"}}"], "noHeader");
        Add(["design", "--data", "@data.csv"], [$"{Data}={LabelFirst}"], "--label-column");
        Add(["fit", "@traces.csv", "--out", "@o"], [$"{Traces}=t,v_V\n0,7\n1,6.9\n"], "traces.csv', line 1, column 1 't': the header gives no time unit, and none is assumed; write it in the header ('t_s', 't (h)') or give --time-unit");
        Add(["fit", "@traces.csv", "--time-unit", "s", "--out", "@o"], [$"{Traces}=t,voltage\n0,7\n1,6.9\n"], "column 2 'voltage': the header gives no voltage unit, and none is assumed; write it in the header ('voltage_V', 'voltage (mV)') or give --voltage-unit");
        Add(["fit", "@traces.csv", "--time-unit", "hours", "--out", "@o"], [$"{Traces}={GoodTraces}"], "--time-unit: 'hours' is not a time unit; valid: s, ms, us (µs), ns, min, h, d.");
        Add(["fit", "@traces.csv", "--voltage-unit", "kV", "--out", "@o"], [$"{Traces}={GoodTraces}"], "--voltage-unit: 'kV' is not a voltage unit; valid: V, mV, uV (µV).");
        Add(["fit", "@traces.csv", "--time-unit", "", "--out", "@o"], [$"{Traces}={GoodTraces}"], "--time-unit");
        Add(["fit", "@traces.csv", "--time-unit", "ms", "--out", "@o"], [$"{Traces}={GoodTraces}"], "column 2 't_s': the header gives the unit 's' but --time-unit says 'ms'");
        Add(["fit", "@traces.csv", "--pulses", "@pulses.csv", "--out", "@o"], [$"{Traces}={GoodTraces}", $"{Pulses}=width_ms,amplitude,before_V,step_uV\n10,2,7.6,-40\n"], "pulses.csv', line 1, column 2 'amplitude': the header gives no voltage unit");

        // Checkpoints of an interrupted run that cannot be resumed from.
        foreach (var (content, expected) in new[]
        {
            ("", "fndam-matched.ckpt' is empty"),
            ("garbage", "fndam-matched.ckpt' is not a FnDam state file"),
            ("FNDSTATE\u0001", "fndam-matched.ckpt'"),
            (Binary, "fndam-matched.ckpt'"),
            (Directory_, "fndam-matched.ckpt' is a directory, not a file"),
        })
        {
            Add(["train", "--dataset", "iris", "--epochs", "1", "--threads", "1", "--resume", "--out", "@o"], [$"o.checkpoint/fndam-matched.ckpt={content}"], expected);
        }

        // Folders given as data roots that are none.
        Add(["train", "--dataset", "iris", "--data-root", "@missing", "--out", "@o"], [], "data root");
        Add(["reproduce", "--size", "smoke", "--data-root", "@missing", "--out", "@o"], [], "data root");
        Add(["design", "--dataset", "iris", "--data-root", "@missing"], [], "data root");
        Add(["design", "--dataset", "iris", "--data-root", "@file"], ["file=x"], "data root");

        // Output folders that cannot be used.
        Add(["device", "pulse", "--points", "5", "--out", "@o"], ["o/kept=1"], "output folder");
        Add(["array", "simulate", "--out", "@o"], ["o/kept=1"], "output folder");
        Add(["device", "trajectory", "--points", "5", "--out", "@f"], ["f=not a folder"], "output folder");
        return rows;
    }

    /// <summary>A response file (<c>@FILE</c>, one word a line) can carry what a command line cannot: a NUL after a
    /// number, which .NET's parsers ignore. Each kind of number option refuses it.</summary>
    [Theory]
    [InlineData("device pulse --out {o} --points", "5", "--points must be an integer (at most 2147483647); got '5\\x00'.")]
    [InlineData("device trajectory --out {o} --t-min", "1e-6", "--t-min must be a number; got '1e-6\\x00'.")]
    [InlineData("array simulate --out {o} --seed", "7", "--seed must be a whole number from 0 to 18446744073709551615; got '7\\x00'.")]
    public void ANulAfterANumber_InAResponseFile_IsRefused_NamingTheOption(string command, string number, string expected)
    {
        var words = command.Replace("{o}", Path.Combine(_folder, "o"), StringComparison.Ordinal).Split(' ');
        var file = Path.Combine(_folder, "args.rsp");
        File.WriteAllText(file, string.Join('\n', [.. words, number + "\u0000"]) + "\n");
        var run = CliRun.Of("@" + file);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        Assert.Equal($"fndam: error: {expected}", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder, "o")));
    }

    /// <summary>A response file can carry a NUL or an escape in a path or a name, too. A NUL in --out was an internal
    /// error, one in an input path a file that "does not exist", and an escape in --out made a folder so named; each is
    /// now refused naming the option or argument, and nothing is written (no folder, no error log).</summary>
    [Theory]
    [InlineData("device trajectory --points 5 --out", "{o}\u0000x", "--out")]
    [InlineData("device trajectory --points 5 --out", "{o}\u001b[31m", "--out")]
    [InlineData("device info --preset-file", "{o}\u0000.json", "--preset-file")]
    [InlineData("design --dataset iris --data-root", "{o}\u0000", "--data-root")]
    [InlineData("train --dataset iris --out", "{o}\u009b2J", "--out")]
    [InlineData("sweep run --print-cases", "{o}\u0000.json", "argument SPEC of 'fndam sweep run'")]
    [InlineData("fit --out {o}", "{o}\u0000.csv", "argument TRACES of 'fndam fit'")]
    public void AControlCharacterInAPathOrName_InAResponseFile_IsRefused_NamingTheOption(string command, string value, string named)
    {
        var o = Path.Combine(_folder, "o");
        var words = command.Replace("{o}", o, StringComparison.Ordinal).Split(' ');
        var given = value.Replace("{o}", o, StringComparison.Ordinal);
        var file = Path.Combine(_folder, "args.rsp");
        File.WriteAllText(file, string.Join('\n', [.. words, given]) + "\n");
        var run = CliRun.Of("@" + file);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        var shown = global::FnDam.Numerics.InputException.Printable(given);
        Assert.Equal($"fndam: error: {named} must hold no control characters; got '{shown}'.", run.Error.Trim());
        Assert.Equal(["args.rsp"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    /// <summary>The same characters written as JSON escapes in the paths and names of a JSON input, one row per kind of
    /// file and every text field: each is refused at its own JSON path (a NUL in a path read as a file that "does not
    /// exist"), before any file it names is looked for, and nothing is written.</summary>
    [Theory]
    [InlineData("train --dataset iris --out {o} --config", """{"presetFile": "p\u0000.json"}""", "config file '{f}', field '$.presetFile'", "p\\x00.json")]
    [InlineData("train --dataset iris --out {o} --config", """{"dataRoot": "d\u0000"}""", "config file '{f}', field '$.dataRoot'", "d\\x00")]
    [InlineData("train --dataset iris --out {o} --config", """{"technologyFile": "t\u001b[2J.csv"}""", "config file '{f}', field '$.technologyFile'", "t\\x1b[2J.csv")]
    [InlineData("train --out {o} --config", """{"data": "rows\n.csv"}""", "config file '{f}', field '$.data'", "rows\\x0a.csv")]
    [InlineData("train --out {o} --config", """{"data": "rows.csv", "labelColumn": "y\t"}""", "config file '{f}', field '$.labelColumn'", "y\\x09")]
    [InlineData("train --out {o} --config", """{"dataset": "iris\u0000"}""", "config file '{f}', field '$.dataset'", "iris\\x00")]
    [InlineData("train --dataset iris --out {o} --config", """{"backend": "float\u009b"}""", "config file '{f}', field '$.backend'", "float\\u009B")]
    [InlineData("train --dataset iris --out {o} --config", """{"compareBackends": ["float", "annealed\u0007"]}""", "config file '{f}', field '$.compareBackends[1]'", "annealed\\x07")]
    [InlineData("train --dataset iris --out {o} --config", """{"preset": "mehta2022\u0000", "activation": "relu"}""", "config file '{f}', field '$.preset'", "mehta2022\\x00")]
    [InlineData("design --dataset iris --config", """{"dataRoot": "d\u0000"}""", "config file '{f}', field '$.dataRoot'", "d\\x00")]
    [InlineData("array simulate --out {o} --config", """{"rows": 2, "sampleTimes": ["1e-3\u0000"]}""", "array configuration '{f}', field '$.sampleTimes[0]'", "1e-3\\x00")]
    [InlineData("device info --preset-file", """{"name": "dev\u0000"}""", "preset file '{f}', field '$.name'", "dev\\x00")]
    [InlineData("device info --preset-file", """{"description": "a\u001b]0;title\u0007"}""", "preset file '{f}', field '$.description'", "a\\x1b]0;title\\x07")]
    [InlineData("device info --preset-file", """{"base": "mehta2022\r"}""", "preset file '{f}', field '$.base'", "mehta2022\\x0d")]
    [InlineData("device info --preset-file", """{"provenance": {"k1": "paper\u0085"}}""", "preset file '{f}', field '$.provenance.k1'", "paper\\u0085")]
    [InlineData("sweep run --out {o}", """{"kind": "train", "base": {"presetFile": "p\u0000.json"}, "axes": [{"path": "epochs", "values": [1]}]}""", "sweep spec '{f}', field '$.base.presetFile'", "p\\x00.json")]
    [InlineData("sweep run --out {o}", """{"kind": "train", "axes": [{"path": "dataRoot", "values": ["d", "e\u0000"]}]}""", "sweep spec '{f}', field '$.axes[0].values[1]'", "e\\x00")]
    [InlineData("sweep run --out {o}", """{"kind": "train", "axes": [{"path": "epochs\u0000", "values": [1]}]}""", "sweep spec '{f}', field '$.axes[0].path'", "epochs\\x00")]
    [InlineData("sweep run --out {o}", """{"kind": "preset\u0000", "axes": [{"path": "k1", "values": [1e13]}]}""", "sweep spec '{f}', field '$.kind'", "preset\\x00")]
    [InlineData("sweep run --print-cases", """{"kind": "array", "axes": [{"path": "rows", "values": [2]}], "sampling": {"method": "grid\u0000"}}""", "sweep spec '{f}', field '$.sampling.method'", "grid\\x00")]
    public void AControlCharacterInAJsonInput_IsRefused_AtItsJsonPath(string command, string json, string field, string shown)
    {
        var o = Path.Combine(_folder, "o");
        var file = Path.Combine(_folder, "input.json");
        File.WriteAllText(file, json);
        string[] args = [.. command.Replace("{o}", o, StringComparison.Ordinal).Split(' '), file];
        var run = CliRun.Of(args);
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        Assert.Equal($"fndam: error: {field.Replace("{f}", file, StringComparison.Ordinal)} must hold no control characters; got '{shown}'.", run.Error.Trim());
        Assert.Equal(["input.json"], Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName));
    }

    /// <summary>A field name of a preset's free-form <c>provenance</c> block is text the preset keeps and echoes, too.</summary>
    [Fact]
    public void AControlCharacterInAFieldName_OfAPresetsProvenance_IsRefused_AtTheBlock()
    {
        var file = Path.Combine(_folder, "preset.json");
        File.WriteAllText(file, """{"provenance": {"k1\u001b[2J": "paper"}}""");
        var run = CliRun.Of("device", "info", "--preset-file", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"fndam: error: preset file '{file}', field '$.provenance' must hold no control characters in a field name; got 'k1\\x1b[2J'.", run.Error.Trim());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileInput_IsRefused_NamingIt_WithoutTypeNames_AndLeavingNothing(string name, string[] args, string[] files, int code, string expected)
    {
        var written = new List<string>();
        foreach (var file in files)
        {
            var at = file.IndexOf('=', StringComparison.Ordinal);
            var path = Path.Combine(_folder, file[..at]);
            var content = file[(at + 1)..];
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (content == Directory_)
            {
                Directory.CreateDirectory(path);
            }
            else if (content == Binary)
            {
                File.WriteAllBytes(path, [0x00, 0xFF, 0xFE, 0x1B, (byte)'[', (byte)'2', (byte)'J', 0x07, 0x80, 0x0A, 0x01, 0xC3]);
            }
            else
            {
                File.WriteAllText(path, content);
            }

            written.Add(file[..at].Split('/')[0]);
        }

        var resolved = args.Select(a => a.StartsWith('@') ? Path.Combine(_folder, a[1..]) : a).ToArray();
        var run = CliRun.Of(resolved);
        var all = run.Error + run.Output;
        Assert.True(run.ExitCode == code, $"{name}: exit {run.ExitCode}\n{all}");
        var message = run.Error.Trim();
        Assert.Single(message.Split('\n'));
        Assert.StartsWith("fndam: error: ", message, StringComparison.Ordinal);
        Assert.Contains(expected.Replace("{in}", Path.Combine(_folder, "in"), StringComparison.Ordinal), message, StringComparison.Ordinal);
        foreach (var leak in new[] { "System.", "FnDam.", "Nullable`", "Exception", "LineNumber", "BytePositionInLine", "isFinalBlock" })
        {
            Assert.DoesNotContain(leak, all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(message, c => char.IsControl(c) || c == '\uFFFD');
        var left = Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(written.Distinct().Order(StringComparer.Ordinal), left);
    }
}
