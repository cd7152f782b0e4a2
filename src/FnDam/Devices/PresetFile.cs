using System.Text.Json;
using FnDam.Numerics;

namespace FnDam.Devices;

/// <summary>
/// Reads and writes device presets as JSON files (SI units), the format that <c>--preset-file</c> accepts in every
/// command and that <c>fndam fit</c> writes.
/// </summary>
/// <remarks>
/// <para>Fields (all optional except where a base preset cannot supply them): <c>name</c>, <c>description</c>,
/// <c>base</c> (a built-in preset that supplies every field not given; default <c>mehta2022</c>), <c>k1</c> (1/s),
/// <c>k2</c> (V), <c>totalCapacitance</c> (F), <c>couplingRatio</c>, <c>floorVoltage</c> (V), <c>initialVoltage</c>
/// (V) or <c>initialAge</c> (s), <c>pulseAmplitude</c> (V), <c>pulseWidth</c> (s), <c>minimumWidth</c> (s),
/// <c>maximumWidth</c> (s), <c>synapseGain</c> (1/V), <c>readOut</c> {<c>noiseSigma</c> V, <c>adcBits</c>,
/// <c>adcMinimum</c> V, <c>adcMaximum</c> V}, <c>mismatch</c> {<c>areaSigma</c>, <c>capacitanceSigma</c>,
/// <c>thicknessSigma</c>, <c>initialVoltageSigma</c> V}, <c>temperature</c> {<c>referenceTemperature</c> K,
/// <c>coefficient</c> 1/K}, <c>provenance</c> {field: text}.</para>
/// <para>Unknown fields, wrong types and out-of-range values are rejected with a message naming the file and the
/// field.</para>
/// </remarks>
public static class PresetFile
{
    private static readonly string[] TopFields =
    [
        "name", "description", "base", "k1", "k2", "totalCapacitance", "couplingRatio", "floorVoltage", "initialVoltage", "initialAge",
        "pulseAmplitude", "pulseWidth", "minimumWidth", "maximumWidth", "synapseGain", "readOut", "mismatch", "temperature", "provenance",
    ];

    private static readonly string[] ReadOutFields = ["noiseSigma", "adcBits", "adcMinimum", "adcMaximum"];
    private static readonly string[] MismatchFields = ["areaSigma", "capacitanceSigma", "thicknessSigma", "initialVoltageSigma"];
    private static readonly string[] TemperatureFields = ["referenceTemperature", "coefficient"];

    /// <summary>Loads a preset file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not valid JSON or a field is unknown, of the wrong type or out of range.</exception>
    public static FnDamPreset Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"preset file '{path}' does not exist.", path);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"preset file '{path}' cannot be read: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses preset JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Name of the source for messages (a file path).</param>
    /// <returns>The preset.</returns>
    /// <exception cref="InvalidDataException">Invalid JSON, unknown field, wrong type or value out of range.</exception>
    public static FnDamPreset Parse(string json, string source = "preset")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"preset file '{source}' is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"preset file '{source}' must hold a JSON object.");
            }

            try
            {
                return Build(root, source);
            }
            catch (InvalidParameterException e)
            {
                throw new InvalidDataException($"preset file '{source}': {e.Message}", e);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"preset file '{source}': {e.Message}", e);
            }
        }
    }

    /// <summary>The JSON text of a preset, every field explicit.</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        return Experiments.JsonDocuments.Write(PresetDocument.Of(preset), CoreJson.Escaped.PresetDocument);
    }

    private static FnDamPreset Build(JsonElement root, string source)
    {
        CheckFields(root, TopFields, string.Empty, source);
        var baseName = String(root, "base", source) ?? Presets.DefaultName;
        FnDamPreset basis;
        try
        {
            basis = Presets.Get(baseName);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"preset file '{source}', field 'base': {e.Message}", e);
        }

        var bp = basis.Parameters;
        var parameters = new FnDamParameters(
            Number(root, "k1", source) ?? bp.K1,
            Number(root, "k2", source) ?? bp.K2,
            Number(root, "totalCapacitance", source) ?? bp.TotalCapacitance,
            Number(root, "couplingRatio", source) ?? bp.CouplingRatio,
            Number(root, "floorVoltage", source) ?? bp.FloorVoltage);

        var initialVoltage = Number(root, "initialVoltage", source);
        var initialAge = Number(root, "initialAge", source);
        if (initialVoltage is not null && initialAge is not null)
        {
            throw new InvalidDataException($"preset file '{source}': give either 'initialVoltage' or 'initialAge', not both.");
        }

        var v0 = initialVoltage ?? (initialAge is { } a0 ? parameters.InitialVoltage(a0) : basis.InitialVoltage);

        var readOut = basis.ReadOut;
        if (root.TryGetProperty("readOut", out var ro))
        {
            CheckObject(ro, "readOut", source);
            CheckFields(ro, ReadOutFields, "readOut.", source);
            readOut = new ReadOutParameters(
                Number(ro, "noiseSigma", source, "readOut.") ?? readOut.NoiseSigma,
                Integer(ro, "adcBits", source, "readOut.") ?? readOut.AdcBits,
                Number(ro, "adcMinimum", source, "readOut.") ?? readOut.AdcMinimum,
                Number(ro, "adcMaximum", source, "readOut.") ?? readOut.AdcMaximum);
        }

        var mismatch = basis.Mismatch;
        if (root.TryGetProperty("mismatch", out var mm))
        {
            CheckObject(mm, "mismatch", source);
            CheckFields(mm, MismatchFields, "mismatch.", source);
            mismatch = new MismatchSpread(
                Number(mm, "areaSigma", source, "mismatch.") ?? mismatch.AreaSigma,
                Number(mm, "capacitanceSigma", source, "mismatch.") ?? mismatch.CapacitanceSigma,
                Number(mm, "thicknessSigma", source, "mismatch.") ?? mismatch.ThicknessSigma,
                Number(mm, "initialVoltageSigma", source, "mismatch.") ?? mismatch.InitialVoltageSigma);
        }

        var temperature = basis.Temperature;
        if (root.TryGetProperty("temperature", out var te))
        {
            CheckObject(te, "temperature", source);
            CheckFields(te, TemperatureFields, "temperature.", source);
            temperature = new TemperatureModel(
                Number(te, "referenceTemperature", source, "temperature.") ?? temperature.ReferenceTemperature,
                Number(te, "coefficient", source, "temperature.") ?? temperature.Coefficient);
        }

        var provenance = new Dictionary<string, string>(basis.Provenance, StringComparer.Ordinal);
        foreach (var name in TopFields.Where(f => f is not ("name" or "description" or "base" or "provenance") && root.TryGetProperty(f, out _)))
        {
            provenance[name] = $"preset file {Path.GetFileName(source)}";
        }

        if (root.TryGetProperty("provenance", out var pv))
        {
            CheckObject(pv, "provenance", source);
            foreach (var item in pv.EnumerateObject())
            {
                provenance[item.Name] = item.Value.ValueKind == JsonValueKind.String
                    ? item.Value.GetString()!
                    : throw new InvalidDataException($"preset file '{source}', field 'provenance.{item.Name}': must be a string.");
            }
        }

        return new FnDamPreset(
            String(root, "name", source) ?? Path.GetFileNameWithoutExtension(source),
            String(root, "description", source) ?? $"Preset loaded from {Path.GetFileName(source)} (base {basis.Name}).",
            parameters,
            v0,
            Number(root, "pulseAmplitude", source) ?? basis.PulseAmplitude,
            Number(root, "pulseWidth", source) ?? basis.PulseWidth,
            Number(root, "minimumWidth", source) ?? basis.MinimumWidth,
            Number(root, "maximumWidth", source) ?? basis.MaximumWidth,
            Number(root, "synapseGain", source) ?? basis.SynapseGain,
            readOut,
            mismatch,
            temperature,
            provenance);
    }

    private static void CheckObject(JsonElement element, string field, string source)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"preset file '{source}', field '{field}': must be a JSON object.");
        }
    }

    private static void CheckFields(JsonElement element, string[] allowed, string prefix, string source)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Array.IndexOf(allowed, property.Name) < 0)
            {
                throw new InvalidDataException($"preset file '{source}': unknown field '{prefix}{property.Name}'; valid fields: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static double? Number(JsonElement element, string field, string source, string prefix = "")
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw new InvalidDataException($"preset file '{source}', field '{prefix}{field}': must be a number; got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}.");
        }

        return number;
    }

    private static int? Integer(JsonElement element, string field, string source, string prefix = "")
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new InvalidDataException($"preset file '{source}', field '{prefix}{field}': must be an integer; got {value.GetRawText()}.");
        }

        return number;
    }

    private static string? String(JsonElement element, string field, string source)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidDataException($"preset file '{source}', field '{field}': must be a string; got {value.GetRawText()}.");
    }
}
