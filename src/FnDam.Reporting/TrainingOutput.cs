using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using FnDam.Learning;
using FnDam.Learning.Backends;
using FnDam.Numerics;

namespace FnDam.Reporting;

/// <summary>
/// The files of <c>fndam train</c>: metrics, comparison and energy tables as CSV, the four figures, each back-end's
/// weights (<c>weights/BACKEND.f32</c>) and FN-DAM device voltages (<c>devices/BACKEND.f64</c>), the effective config
/// and the manifest.
/// </summary>
public static class TrainingOutput
{
    /// <summary>Format of the weight files, as the manifest states it.</summary>
    public const string WeightsFormat = "weights/BACKEND.f32: little-endian float32, layer by layer, each row-major outputs×inputs";

    /// <summary>Format of the device files, as the manifest states it.</summary>
    public const string DevicesFormat = "devices/BACKEND.f64: little-endian float64, per layer the plus voltages then the minus voltages (V), row-major";

    /// <summary>Writes a finished job's files.</summary>
    /// <param name="output">The writer.</param>
    /// <param name="outcome">The finished job.</param>
    /// <param name="cancellation">Stops the drawing of a figure.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static void Write(OutputWriter output, TrainingOutcome outcome, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(outcome);
        output.Table(outcome.Metrics);
        output.Table(outcome.Comparison);
        output.Table(outcome.Energy);
        foreach (var run in outcome.Runs)
        {
            WriteState(output, run);
        }

        foreach (var figure in TrainingTables.Figures())
        {
            output.Figure(figure, outcome.Metrics, "figures", cancellation);
        }

        output.Text("config.json", outcome.Job.Config.ToJson());
        output.Json("manifest.json", Manifest(outcome), ReportingJson.Escaped.TrainManifest);
    }

    private static void WriteState(OutputWriter output, TrainingRun run)
    {
        var name = TrainingCheckpoints.SafeName(run.Backend.Name);
        output.Binary(Path.Combine("weights", name + ".f32"), stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            foreach (var w in run.Backend.Weights)
            {
                foreach (var v in w)
                {
                    writer.Write(v);
                }
            }
        });
        if (run.Backend is FnDamBackend fndam)
        {
            output.Binary(Path.Combine("devices", name + ".f64"), stream =>
            {
                using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                foreach (var array in fndam.Arrays)
                {
                    foreach (var v in array.PlusVoltages)
                    {
                        writer.Write(v);
                    }

                    foreach (var v in array.MinusVoltages)
                    {
                        writer.Write(v);
                    }
                }
            });
        }
    }

    private static TrainManifest Manifest(TrainingOutcome outcome)
    {
        var job = outcome.Job;
        var preset = job.Preset;
        string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        return new TrainManifest(
            "fndam train",
            TrainingJob.Version,
            job.Seed,
            job.Data.Description,
            preset.Name,
            job.Design?.Summary ?? $"the preset's own: V0 = {G(preset.InitialVoltage)} V, V_p = {G(preset.PulseAmplitude)} V, g = {G(preset.SynapseGain)} 1/V",
            string.Join("-", outcome.Runs[0].Network.Sizes),
            $"{Environment.OSVersion}; {Environment.ProcessorCount} logical processors; .NET {Environment.Version}; {RuntimeInformation.ProcessArchitecture}; kernels {KernelPath.Description}",
            outcome.WallSeconds,
            WeightsFormat,
            DevicesFormat,
            [.. outcome.Runs.Select(r => new TrainManifestRun(r.Backend.Name, r.CompletedEpochs, r.Metrics[^1].WallSeconds, r.Time))]);
    }
}
