using System.Text.Json;
using FnDam.Configuration;
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
/// <para>The file is read by the source-generated <see cref="PresetJsonContext"/> into an input record and then built
/// into the preset. Unknown fields, wrong types and out-of-range values are rejected with a message naming the file and
/// the field by its JSON path (<c>$.readOut.adcBits</c>). <c>totalCapacitance</c> is refused without <c>k1</c>: k1
/// depends on C_T (k1 = α·β·A_T/(C_T·t_ox)) and the file names no oxide to derive it from.</para>
/// </remarks>
public static class PresetFile
{
    private const string Kind = "preset file";

    /// <summary>Loads a preset file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The preset.</returns>
    /// <exception cref="InputException">The file is missing or unreadable, not valid JSON, or a field is unknown, of the wrong type or out of range.</exception>
    public static FnDamPreset Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(InputFiles.ReadAllText(Kind, path), path);
    }

    /// <summary>Parses preset JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Name of the source for messages (a file path).</param>
    /// <returns>The preset.</returns>
    /// <exception cref="InputException">Invalid JSON, unknown field, wrong type or value out of range.</exception>
    public static FnDamPreset Parse(string json, string source = "preset")
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Build(ConfigJson.Read(json, PresetJsonContext.Default.PresetInput), source);
        }
        catch (ConfigFieldException e)
        {
            throw e.Describe(Kind, source);
        }
        catch (InputException e) when (e.Subject != Kind && !e.Subject.StartsWith($"{Kind} '", StringComparison.Ordinal))
        {
            throw JsonKeys.TryGetValue(e.Subject, out var key)
                ? e.Renamed($"{Kind} '{source}', field '$.{key}'")
                : new InputException($"{Kind} '{source}'", e.Message, e);
        }
    }

    /// <summary>The JSON key of each value the library checks under its physical name, so that a refusal names the
    /// key the file gives (<c>couplingRatio</c>, not "coupling ratio κ").</summary>
    private static readonly Dictionary<string, string> JsonKeys = new(StringComparer.Ordinal)
    {
        ["k1"] = "k1",
        ["k2"] = "k2",
        ["total capacitance C_T"] = "totalCapacitance",
        ["coupling ratio κ"] = "couplingRatio",
        ["floor voltage V_floor"] = "floorVoltage",
        ["initial voltage V0"] = "initialVoltage",
        ["initial age a0"] = "initialAge",
        ["pulse amplitude V_p"] = "pulseAmplitude",
        ["pulse width T"] = "pulseWidth",
        ["minimum pulse width T_min"] = "minimumWidth",
        ["maximum pulse width T_max"] = "maximumWidth",
        ["synapse gain g"] = "synapseGain",
        ["read noise σ_read"] = "readOut.noiseSigma",
        ["ADC bits"] = "readOut.adcBits",
        ["ADC minimum"] = "readOut.adcMinimum",
        ["ADC maximum"] = "readOut.adcMaximum",
        ["area spread σ(ln A_T)"] = "mismatch.areaSigma",
        ["capacitance spread σ(ln C_T)"] = "mismatch.capacitanceSigma",
        ["thickness spread σ(ln t_ox)"] = "mismatch.thicknessSigma",
        ["initial-voltage spread σ(V0)"] = "mismatch.initialVoltageSigma",
        ["reference temperature"] = "temperature.referenceTemperature",
        ["temperature coefficient of k1"] = "temperature.coefficient",
    };

    /// <summary>The JSON text of a preset, every field explicit (what <c>--print-config</c> prints and <c>fndam fit</c> writes).</summary>
    /// <param name="preset">The preset.</param>
    /// <returns>Indented JSON.</returns>
    public static string ToJson(FnDamPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var p = preset.Parameters;
        var input = new PresetInput
        {
            Name = preset.Name,
            Description = preset.Description,
            K1 = p.K1,
            K2 = p.K2,
            TotalCapacitance = p.TotalCapacitance,
            CouplingRatio = p.CouplingRatio,
            FloorVoltage = p.FloorVoltage,
            InitialVoltage = preset.InitialVoltage,
            PulseAmplitude = preset.PulseAmplitude,
            PulseWidth = preset.PulseWidth,
            MinimumWidth = preset.MinimumWidth,
            MaximumWidth = preset.MaximumWidth,
            SynapseGain = preset.SynapseGain,
            ReadOut = new ReadOutInput
            {
                NoiseSigma = preset.ReadOut.NoiseSigma,
                AdcBits = preset.ReadOut.AdcBits,
                AdcMinimum = preset.ReadOut.AdcMinimum,
                AdcMaximum = preset.ReadOut.AdcMaximum,
            },
            Mismatch = new MismatchInput
            {
                AreaSigma = preset.Mismatch.AreaSigma,
                CapacitanceSigma = preset.Mismatch.CapacitanceSigma,
                ThicknessSigma = preset.Mismatch.ThicknessSigma,
                InitialVoltageSigma = preset.Mismatch.InitialVoltageSigma,
            },
            Temperature = new TemperatureInput
            {
                ReferenceTemperature = preset.Temperature.ReferenceTemperature,
                Coefficient = preset.Temperature.Coefficient,
            },
            Provenance = preset.Provenance.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        };
        return JsonSerializer.Serialize(input, PresetJsonContext.Default.PresetInput) + "\n";
    }

    /// <summary>V0 of an initial age, which must give a V0 a preset takes: at most 100 V and above the floor.</summary>
    private static double InitialVoltage(FnDamParameters parameters, double initialAge)
    {
        var (youngest, oldest) = FnDamPreset.InitialAgeRange(parameters);
        if (!(initialAge >= youngest && initialAge < oldest))
        {
            throw Guard.Invalid(
                "initial age a0",
                initialAge,
                $"initial age a0 must be in [{Guard.Format(youngest)}, {Guard.Format(oldest)}) s for these constants: the ages of V0 = {Guard.Format(FnDamPreset.MaximumInitialVoltage)} V and of the floor voltage {Guard.Format(parameters.FloorVoltage)} V; got {Guard.Format(initialAge)} s.");
        }

        return parameters.InitialVoltage(initialAge);
    }

    internal static FnDamPreset Build(PresetInput input, string source)
    {
        FnDamPreset basis;
        try
        {
            basis = Presets.Get(input.Base ?? Presets.DefaultName);
        }
        catch (InputException e)
        {
            throw ConfigFieldException.Field("$.base", e.Message, e);
        }

        var bp = basis.Parameters;
        if (input.TotalCapacitance is { } capacitance && input.K1 is null)
        {
            // k1 = α·β·A_T/(C_T·t_ox) depends on C_T, and a file gives no oxide to derive it from; taking the base's k1
            // with another C_T would change the energies but not the dynamics.
            var derived = double.IsFinite(capacitance) && capacitance > 0 ? bp.K1 * bp.TotalCapacitance / capacitance : double.NaN;
            throw ConfigFieldException.Field(
                "$.totalCapacitance",
                $"k1 = α·β·A_T/(C_T·t_ox) depends on C_T, so 'totalCapacitance' needs 'k1' beside it; give k1 as well (for the oxide of base preset '{basis.Name}' at C_T = {Guard.Format(capacitance)} F: k1 = {Guard.Format(derived)} 1/s).");
        }

        var parameters = new FnDamParameters(
            input.K1 ?? bp.K1,
            input.K2 ?? bp.K2,
            input.TotalCapacitance ?? bp.TotalCapacitance,
            input.CouplingRatio ?? bp.CouplingRatio,
            input.FloorVoltage ?? bp.FloorVoltage);

        if (input.InitialVoltage is not null && input.InitialAge is not null)
        {
            throw new InputException($"{Kind} '{source}'", "give either 'initialVoltage' or 'initialAge', not both.");
        }

        FnDamPreset.CheckLaw(parameters);
        var v0 = input.InitialVoltage ?? (input.InitialAge is { } a0 ? InitialVoltage(parameters, a0) : basis.InitialVoltage);

        var readOut = basis.ReadOut;
        if (input.ReadOut is { } ro)
        {
            readOut = new ReadOutParameters(ro.NoiseSigma ?? readOut.NoiseSigma, ro.AdcBits ?? readOut.AdcBits, ro.AdcMinimum ?? readOut.AdcMinimum, ro.AdcMaximum ?? readOut.AdcMaximum);
        }

        var mismatch = basis.Mismatch;
        if (input.Mismatch is { } mm)
        {
            mismatch = new MismatchSpread(
                mm.AreaSigma ?? mismatch.AreaSigma,
                mm.CapacitanceSigma ?? mismatch.CapacitanceSigma,
                mm.ThicknessSigma ?? mismatch.ThicknessSigma,
                mm.InitialVoltageSigma ?? mismatch.InitialVoltageSigma);
        }

        var temperature = basis.Temperature;
        if (input.Temperature is { } te)
        {
            temperature = new TemperatureModel(te.ReferenceTemperature ?? temperature.ReferenceTemperature, te.Coefficient ?? temperature.Coefficient);
        }

        var provenance = new Dictionary<string, string>(basis.Provenance, StringComparer.Ordinal);
        (string Field, bool Given)[] given =
        [
            ("k1", input.K1 is not null), ("k2", input.K2 is not null), ("totalCapacitance", input.TotalCapacitance is not null),
            ("couplingRatio", input.CouplingRatio is not null), ("floorVoltage", input.FloorVoltage is not null),
            ("initialVoltage", input.InitialVoltage is not null), ("initialAge", input.InitialAge is not null),
            ("pulseAmplitude", input.PulseAmplitude is not null), ("pulseWidth", input.PulseWidth is not null),
            ("minimumWidth", input.MinimumWidth is not null), ("maximumWidth", input.MaximumWidth is not null),
            ("synapseGain", input.SynapseGain is not null), ("readOut", input.ReadOut is not null),
            ("mismatch", input.Mismatch is not null), ("temperature", input.Temperature is not null),
        ];
        foreach (var (field, _) in given.Where(g => g.Given))
        {
            provenance[field] = $"preset file {Path.GetFileName(source)}";
        }

        foreach (var (key, value) in input.Provenance ?? [])
        {
            provenance[key] = value;
        }

        return new FnDamPreset(
            input.Name ?? Path.GetFileNameWithoutExtension(source),
            input.Description ?? $"Preset loaded from {Path.GetFileName(source)} (base {basis.Name}).",
            parameters,
            v0,
            input.PulseAmplitude ?? basis.PulseAmplitude,
            input.PulseWidth ?? basis.PulseWidth,
            input.MinimumWidth ?? basis.MinimumWidth,
            input.MaximumWidth ?? basis.MaximumWidth,
            input.SynapseGain ?? basis.SynapseGain,
            readOut,
            mismatch,
            temperature,
            provenance);
    }
}
