using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using FnDam.Arrays;
using FnDam.Configuration;
using FnDam.Devices;
using FnDam.Learning;
using FnDam.Numerics;

namespace FnDam.Experiments.Sweeps;

/// <summary>
/// A design-space sweep (docs/cli.md, decision 0088): a base config of one kind (<c>train</c>: a train config;
/// <c>array</c>: an <c>array simulate</c> config; <c>preset</c>: a device preset file) and axes, each a field path of
/// that config with its points or a distribution, crossed in a grid or sampled (seeded random or Latin
/// hypercube), each case repeated over the listed seeds. Every case is the base JSON with its values applied, read
/// through the same source-generated context and checks as the config file of the command the kind names, so a path or
/// value the config would refuse is refused here, naming it.
/// </summary>
public sealed class SweepSpec
{
    /// <summary>Most cases one spec may expand to.</summary>
    public const int MaximumCases = 1_000_000;

    /// <summary>The kinds of base config a spec may sweep.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [TrainKind, ArrayKind, PresetKind];

    /// <summary>Kind of a sweep over a train config (<c>fndam train --config</c>); each case trains.</summary>
    public const string TrainKind = "train";

    /// <summary>Kind of a sweep over an array config (<c>fndam array simulate --config</c>); each case simulates the array
    /// with the default preset.</summary>
    public const string ArrayKind = "array";

    /// <summary>Kind of a sweep over a device preset (<c>--preset-file</c>); each case reports the preset's figures at its
    /// operating point (<c>fndam device info</c>).</summary>
    public const string PresetKind = "preset";

    /// <summary>Spellings of <see cref="SweepSampling"/>.</summary>
    public static NamedValues<SweepSampling> SamplingNames { get; } = new((SweepSampling.Grid, "grid"), (SweepSampling.Random, "random"), (SweepSampling.LatinHypercube, "latin-hypercube"));

    /// <summary>Spellings of <see cref="SweepDistributionKind"/>.</summary>
    public static NamedValues<SweepDistributionKind> DistributionNames { get; } = new((SweepDistributionKind.Uniform, "uniform"), (SweepDistributionKind.LogUniform, "log-uniform"), (SweepDistributionKind.Normal, "normal"));

    private static JsonTypeInfo Schema(string kind) => kind switch
    {
        ArrayKind => ArrayConfigJsonContext.Default.ArraySimulationInput,
        PresetKind => PresetJsonContext.Default.PresetInput,
        _ => TrainingConfigJsonContext.Default.TrainingConfigInput,
    };

    private static string Described(string kind) => kind switch
    {
        ArrayKind => "an array config",
        PresetKind => "a preset",
        _ => "a train config",
    };

    private SweepSpec(string text, string source, string kind, string baseConfig, IReadOnlyList<SweepAxis> axes, SweepSampling sampling, int count, ulong samplingSeed, IReadOnlyList<ulong> seeds, string hash)
    {
        Text = text;
        Source = source;
        Kind = kind;
        BaseConfig = baseConfig;
        Axes = axes;
        Sampling = sampling;
        SampleCount = count;
        SamplingSeed = samplingSeed;
        Seeds = seeds;
        Hash = hash;
    }

    /// <summary>The spec's text as read (a result folder keeps it as <c>spec.json</c>).</summary>
    public string Text { get; }

    /// <summary>Where the spec came from (a path), for messages.</summary>
    public string Source { get; }

    /// <summary>The kind of base config (<c>train</c>, <c>array</c> or <c>preset</c>).</summary>
    public string Kind { get; }

    /// <summary>The axes, in spec order.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>How cases are taken from the axes.</summary>
    public SweepSampling Sampling { get; }

    /// <summary>Points drawn by random or Latin-hypercube sampling (the grid's size for a grid).</summary>
    public int SampleCount { get; }

    /// <summary>Seed of the sampling draws.</summary>
    public ulong SamplingSeed { get; }

    /// <summary>The seeds every point is run with (Monte Carlo over mismatch, noise and data order).</summary>
    public IReadOnlyList<ulong> Seeds { get; }

    /// <summary>First 12 hex digits of the SHA-256 of the spec's compact JSON: what a result folder is tied to.</summary>
    public string Hash { get; }

    /// <summary>How many cases the spec expands to (points × seeds), known without making any of them.</summary>
    public int Count => SampleCount * Seeds.Count;

    /// <summary>The base config as compact JSON; each case parses its own copy, so that cases are resolved on any thread.</summary>
    private string BaseConfig { get; }

    /// <summary>Reads a spec file.</summary>
    /// <param name="path">JSON file.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InputException">The file is missing, a folder or cannot be read, or it is not a valid spec; the
    /// message names the file, and the field or axis path.</exception>
    public static SweepSpec Load(string path) => Parse(InputFiles.ReadAllText("sweep spec", path), path);

    /// <summary>Reads spec JSON (as <see cref="Load"/>).</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">Its origin for messages.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InputException">Not a valid spec.</exception>
    public static SweepSpec Parse(string json, string source = "spec")
    {
        SweepSpecInput input;
        try
        {
            input = ConfigJson.Read(json, SweepSpecJsonContext.Default.SweepSpecInput);
        }
        catch (ConfigFieldException e)
        {
            throw e.Describe("sweep spec", source);
        }

        InputException Bad(string what) => new($"sweep spec '{source}': {what}");
        var kind = input.Kind ?? throw Bad($"field 'kind' is missing; give one of {string.Join(", ", Kinds)}.");
        if (!Kinds.Contains(kind))
        {
            throw Bad($"field 'kind' = {kind} is invalid; expected one of {string.Join(", ", Kinds)}.");
        }

        if (input.Base is { } b && b.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"field 'base' must be a JSON object ({Described(kind)}); got {ConfigJson.Describe(b)}.");
        }

        var baseConfig = input.Base is { } given ? (JsonObject)JsonNode.Parse(given.GetRawText())! : [];
        Validate(kind, baseConfig.ToJsonString(), $"sweep spec '{source}', field 'base'", "base");
        if (input.Axes is not { Count: > 0 } axesIn)
        {
            throw Bad("no axes; give at least one, e.g. \"axes\": [{\"path\": \"learningRate\", \"values\": [0.05, 0.1]}].");
        }

        var sampling = SweepSampling.Grid;
        if (input.Sampling?.Method is { } method && !SamplingNames.TryParse(method, out sampling))
        {
            throw Bad($"field 'sampling.method' = {method} is invalid; expected {SamplingNames.Listed}.");
        }

        var axes = axesIn.Select((a, i) => Axis(kind, a, i, source, sampling)).ToArray();
        var repeated = axes.GroupBy(a => a.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            throw Bad($"axis path '{repeated.Key}' is given {repeated.Count()} times; sweep each field on one axis.");
        }

        // The size is counted, never expanded, before it is checked: a range's points are made only when read.
        BigInteger count;
        if (sampling == SweepSampling.Grid)
        {
            count = axes.Aggregate(BigInteger.One, (n, a) => n * a.Points!.Count);
        }
        else
        {
            count = input.Sampling?.Count ?? throw Bad($"sampling '{SamplingNames.Name(sampling)}' needs field 'sampling.count' (the number of points drawn).");
            if (count < 1)
            {
                throw Bad($"field 'sampling.count' = {count} is invalid; expected a positive number of points.");
            }
        }

        var seeds = input.Seeds ?? [1UL];
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count)
        {
            throw Bad($"field 'seeds' must list one or more distinct seeds; got [{string.Join(", ", seeds)}].");
        }

        if (count * seeds.Count > MaximumCases)
        {
            var points = sampling == SweepSampling.Grid
                ? string.Join(" × ", axes.Select(a => $"{a.Points!.Count} ({a.Path})"))
                : $"{count} drawn points";
            throw Bad($"expands to {count * seeds.Count} cases: {points} × {seeds.Count} seed{(seeds.Count == 1 ? string.Empty : "s")}; at most {MaximumCases} are allowed in one spec (split it).");
        }

        var hash = Hex(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!.ToJsonString(), 12);
        return new SweepSpec(json, source, kind, baseConfig.ToJsonString(), axes, sampling, (int)count, input.Sampling?.Seed ?? 1UL, [.. seeds], hash);
    }

    /// <summary>Every case, in index order: grid points (the last axis fastest) or drawn points, each repeated over
    /// <see cref="Seeds"/> (seeds fastest). Each case's config is validated as the kind's config file is: the cost is
    /// the whole spec's (about 0.1–0.2 ms and 5 KB a case); a process that handles a share of the cases takes
    /// <see cref="Keys"/> and resolves only those it runs (<see cref="Resolve"/>).</summary>
    /// <returns>The cases.</returns>
    /// <exception cref="InputException">A case's config is refused; the message names the case, its values and the field.</exception>
    public IReadOnlyList<SweepCase> Expand() => [.. Keys().Select(Resolve)];

    /// <summary>The cases of <paramref name="shard"/> (every case when null), in index order, as <see cref="Expand"/>
    /// orders them, each with its index, id, values and seed but no config: nothing is validated, and only the values
    /// of these cases are made (a sampled spec still draws every point, in order, so that each case's values are the
    /// same whichever share asks). Made one at a time as enumerated; nothing of the others is kept.</summary>
    /// <param name="shard">The share; null for all.</param>
    /// <returns>The keys, lazily.</returns>
    public IEnumerable<SweepCaseKey> Keys(SweepShard? shard = null)
    {
        var part = shard ?? SweepShard.All;
        var seeds = Seeds.Count;
        var total = Count;
        var width = Math.Max(4, (total - 1).ToString(CultureInfo.InvariantCulture).Length);
        var draws = Sampling == SweepSampling.Grid ? null : new Draws(this);
        for (var p = 0; p < SampleCount; p++)
        {
            var u = draws?.Next(p);
            SweepValue[]? values = null;
            string? canonical = null;
            for (var s = 0; s < seeds; s++)
            {
                var index = (p * seeds) + s;
                if (!part.Owns(index))
                {
                    continue;
                }

                if (values is null)
                {
                    values = u is null ? GridPoint(p) : [.. Axes.Select((axis, a) => new SweepValue(axis.Path, axis.At(u[a])))];
                    canonical = $"{Kind};" + string.Join(";", values.Select(v => $"{v.Path}={v.Json}")) + ";seed=";
                }

                var id = index.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0') + "-" + Hex(canonical + Seeds[s].ToString(CultureInfo.InvariantCulture), 8);
                yield return new SweepCaseKey(index, id, values, Seeds[s]);
            }
        }
    }

    /// <summary>The case <paramref name="key"/> names, its config the base with the key's values applied, read and
    /// validated as the kind's config file is (a preset without a name is named <c>sweep ID</c>). Safe to call from
    /// several threads at once.</summary>
    /// <param name="key">A key of this spec (<see cref="Keys"/>).</param>
    /// <returns>The case.</returns>
    /// <exception cref="InputException">The case's config is refused; the message names the case, its values and the field.</exception>
    public SweepCase Resolve(SweepCaseKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var config = (JsonObject)JsonNode.Parse(BaseConfig)!;
        foreach (var v in key.Values)
        {
            Apply(config, v.Path, JsonNode.Parse(v.Json));
        }

        var described = string.Join(", ", key.Values.Select(v => $"{v.Path}={v.Json}"));
        return new SweepCase(key.Index, key.Id, key.Values, key.Seed, Validate(Kind, config.ToJsonString(), $"sweep spec '{Source}', case {key.Id} ({described})", key.Id));
    }

    /// <summary>The first <paramref name="length"/> hex digits of the SHA-256 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    /// <param name="text">The text.</param>
    /// <param name="length">Digits kept.</param>
    /// <returns>Lower-case hex.</returns>
    internal static string Hex(string text, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];

    /// <summary>Reads <paramref name="json"/> as the kind's config file is read and returns it resolved, every field
    /// explicit; a preset without a name is named after <paramref name="name"/>.</summary>
    private static string Validate(string kind, string json, string where, string name)
    {
        try
        {
            return kind switch
            {
                ArrayKind => ArraySimulationFile.ToJson(ArraySimulationFile.Build(ConfigJson.Read(json, ArrayConfigJsonContext.Default.ArraySimulationInput))),
                PresetKind => PresetFile.ToJson(PresetFile.Build(Named(ConfigJson.Read(json, PresetJsonContext.Default.PresetInput), name), "sweep spec")),
                _ => TrainingConfig.FromInput(ConfigJson.Read(json, TrainingConfigJsonContext.Default.TrainingConfigInput)).ToJson(),
            };
        }
        catch (ConfigFieldException e)
        {
            throw new InputException(e.Path is null ? $"{where}: {e.Message}" : $"{where}: field '{e.Path[2..]}': {e.Message.TrimStart()}", e);
        }
        catch (InputException e)
        {
            throw new InputException($"{where}: {e.Message}", e);
        }
    }

    private static PresetInput Named(PresetInput input, string name) => input.Name is null ? input with { Name = $"sweep {name}" } : input;

    private static void Apply(JsonObject target, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (target[parts[i]] is not JsonObject child)
            {
                child = [];
                target[parts[i]] = child;
            }

            target = child;
        }

        target[parts[^1]] = value;
    }

    private static SweepAxis Axis(string kind, SweepAxisInput input, int i, string source, SweepSampling sampling)
    {
        var path = input.Path ?? throw new InputException($"sweep spec '{source}', axes[{i}]: field 'path' is missing; give a field of the base config ({string.Join(", ", Schema(kind).Properties.Select(p => p.Name))}).");
        var whole = Field(kind, path, source);
        InputException Bad(string what) => new($"sweep spec '{source}', axis '{path}': {what}");
        var given = (input.Values is not null ? 1 : 0) + (input.Range is not null ? 1 : 0) + (input.Distribution is not null ? 1 : 0);
        if (given != 1)
        {
            throw Bad("give exactly one of 'values' (a list), 'range' ({\"from\", \"to\", \"count\", \"scale\"}) or 'distribution' ({\"kind\", ...}).");
        }

        if (input.Values is { } values)
        {
            if (values.Count == 0)
            {
                throw Bad("'values' is empty; list at least one value.");
            }

            return new SweepAxis(path, [.. values.Select(v => JsonNode.Parse(v.GetRawText())?.ToJsonString() ?? "null")], null, whole);
        }

        if (input.Range is { } range)
        {
            return new SweepAxis(path, Range(range, whole, Bad), null, whole);
        }

        if (sampling == SweepSampling.Grid)
        {
            throw Bad("a distribution can only be sampled: set \"sampling\": {\"method\": \"random\" or \"latin-hypercube\", \"count\": N}, or give 'values' or a 'range'.");
        }

        return new SweepAxis(path, null, Distribution(input.Distribution!, Bad), whole);
    }

    private static SweepRangePoints Range(SweepRangeInput range, bool whole, Func<string, InputException> bad)
    {
        var (from, to) = (range.From ?? throw bad("'range.from' is missing."), range.To ?? throw bad("'range.to' is missing."));
        var count = range.Count ?? throw bad("'range.count' is missing (the number of points).");
        var log = range.Scale switch
        {
            null or "linear" => false,
            "log" => true,
            var s => throw bad($"'range.scale' = {s} is invalid; expected linear or log."),
        };
        if (count < 1 || !double.IsFinite(from) || !double.IsFinite(to) || (count == 1 && from != to))
        {
            throw bad($"'range' needs finite ends and count ≥ 1 (count 1 only with from = to); got from {from}, to {to}, count {count}.");
        }

        if (log && (from <= 0 || to <= 0))
        {
            throw bad($"a log range needs positive ends; got from {from}, to {to}.");
        }

        return new SweepRangePoints(from, to, count, log, whole);
    }

    private static SweepDistribution Distribution(SweepDistributionInput d, Func<string, InputException> bad)
    {
        var kindText = d.Kind ?? throw bad($"'distribution.kind' is missing; expected {DistributionNames.Listed}.");
        if (!DistributionNames.TryParse(kindText, out var kind))
        {
            throw bad($"'distribution.kind' = {kindText} is invalid; expected {DistributionNames.Listed}.");
        }

        var (a, b) = kind == SweepDistributionKind.Normal
            ? (d.Mean ?? throw bad("a normal distribution needs 'mean'."), d.Sd ?? throw bad("a normal distribution needs 'sd'."))
            : (d.Min ?? throw bad($"a {kindText} distribution needs 'min'."), d.Max ?? throw bad($"a {kindText} distribution needs 'max'."));
        return SweepDistribution.Problem(kind, a, b) is { } problem ? throw bad(problem) : new SweepDistribution(kind, a, b);
    }

    /// <summary>Checks a path against the base config's schema; returns whether the field takes integers.</summary>
    private static bool Field(string kind, string path, string source)
    {
        var info = Schema(kind);
        var walked = string.Empty;
        foreach (var part in path.Split('.'))
        {
            var property = info.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == part) : null;
            if (property is null)
            {
                var valid = info.Kind == JsonTypeInfoKind.Object ? $"valid fields{(walked.Length > 0 ? $" of '{walked}'" : string.Empty)}: {string.Join(", ", info.Properties.Select(p => p.Name))}" : $"'{walked}' holds {ConfigJson.Kind(info)}, which has no fields";
                throw new InputException($"sweep spec '{source}': axis path '{path}' is not a field of {Described(kind)}; {valid}.");
            }

            walked = walked.Length == 0 ? part : $"{walked}.{part}";
            info = info.Options.GetTypeInfo(property.PropertyType);
        }

        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return type == typeof(int) || type == typeof(long);
    }

    /// <summary>Grid point <paramref name="p"/>: its digit on each axis, the last axis fastest.</summary>
    private SweepValue[] GridPoint(int p)
    {
        var values = new SweepValue[Axes.Count];
        for (var a = Axes.Count - 1; a >= 0; a--)
        {
            var points = Axes[a].Points!;
            values[a] = new SweepValue(Axes[a].Path, points[p % points.Count]);
            p /= points.Count;
        }

        return values;
    }

    /// <summary>The quantiles of a sampled spec's points, drawn in a fixed order (a Latin hypercube's shuffled strata
    /// first, then one draw per axis per point, point after point), so that point p's are the same whichever points
    /// are used.</summary>
    private sealed class Draws
    {
        private readonly SeededRandom _random;
        private readonly int[][]? _strata;
        private readonly double[] _u;
        private readonly int _n;
        private int _next;

        public Draws(SweepSpec spec)
        {
            _random = SeededRandom.Derive(spec.SamplingSeed, "sweep sampling");
            _n = spec.SampleCount;
            _u = new double[spec.Axes.Count];
            if (spec.Sampling == SweepSampling.LatinHypercube)
            {
                _strata = new int[spec.Axes.Count][];
                for (var a = 0; a < spec.Axes.Count; a++)
                {
                    _strata[a] = [.. Enumerable.Range(0, _n)];
                    _random.Shuffle(_strata[a].AsSpan());
                }
            }
        }

        /// <summary>The quantile of each axis at point <paramref name="p"/>; points are asked for in order, each once.</summary>
        public double[] Next(int p)
        {
            if (p != _next++)
            {
                throw new InvalidOperationException($"points are drawn in order: asked for {p}, next is {_next - 1}.");
            }

            for (var a = 0; a < _u.Length; a++)
            {
                var u = ((_random.NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));
                _u[a] = _strata is null ? u : (_strata[a][p] + u) / _n;
            }

            return _u;
        }
    }
}
