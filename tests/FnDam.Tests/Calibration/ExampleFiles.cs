using System.Globalization;
using System.Text;
using FnDam.Devices;
using FnDam.Numerics;

namespace FnDam.Tests.Calibration;

/// <summary>
/// Generates the example measurement files of docs/examples/ from the default preset with seeded noise, so that
/// the committed files can be checked and regenerated (set FNDAM_REGENERATE_EXAMPLES=1 and run ExampleFilesTests).
/// </summary>
internal static class ExampleFiles
{
    public const double TraceNoise = 50e-6;
    public const double PulseNoise = 10e-6;
    public static readonly double[] InitialVoltages = [7.6, 7.9];

    public static string TracesCsv()
    {
        var preset = Presets.Default;
        var p = preset.Parameters;
        var random = SeededRandom.Derive(2022, "example-traces");
        var text = new StringBuilder();
        text.Append("# Synthetic free-decay traces from the mehta2022 preset (k1, k2 as in 'fndam device info'),\n");
        text.Append("# two runs of one device started at 7.6 V and 7.9 V, with 50 µV Gaussian read noise (seed 2022).\n");
        text.Append("trace,t_s,v_mV\n");
        for (var r = 0; r < InitialVoltages.Length; r++)
        {
            var name = $"run{r + 1}";
            foreach (var t in SyntheticTraces.LogTimes(1.0, 1e5, 60))
            {
                var v = FnPhysics.VoltageAfter(p.K1, p.K2, InitialVoltages[r], t) + (TraceNoise * random.NextNormal());
                text.Append(CultureInfo.InvariantCulture, $"{name},{t:G6},{v * 1e3:F4}\n");
            }
        }

        return text.ToString();
    }

    public static string PulsesCsv()
    {
        var p = Presets.Default.Parameters;
        var random = SeededRandom.Derive(2022, "example-pulses");
        var text = new StringBuilder();
        text.Append("# Synthetic pulse responses from the mehta2022 preset (κ = 0.1), 10 µV Gaussian read noise (seed 2022).\n");
        text.Append("# step = V after the pulse − V before it.\n");
        text.Append("width_ms,amplitude_V,before_V,step_uV\n");
        foreach (var before in new[] { 7.6, 7.3 })
        {
            foreach (var width in new[] { 10e-3, 30e-3, 100e-3 })
            {
                foreach (var amplitude in new[] { 2.0, 4.0, 6.0 })
                {
                    var step = FnPhysics.PulseChange(p.K1, p.K2, before, p.CouplingRatio * amplitude, width) + (PulseNoise * random.NextNormal());
                    text.Append(CultureInfo.InvariantCulture, $"{width * 1e3:G6},{amplitude:G6},{before:G6},{step * 1e6:F3}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The repository root (the folder holding FnDam.slnx).</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FnDam.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FnDam.slnx not found above the test binaries.");
    }
}
