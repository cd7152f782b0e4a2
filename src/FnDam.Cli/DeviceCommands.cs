using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary><c>fndam device ...</c>: one FN-DAM element's figures, trajectories and pulse responses.</summary>
internal static class DeviceCommands
{
    public static Command Create(CliContext context)
    {
        var device = new Command("device", "One FN-DAM element: operating point, free trajectories, pulse responses.");
        device.Subcommands.Add(Info(context));
        return device;
    }

    private static Command Info(CliContext context)
    {
        var preset = CommonOptions.Preset();
        var presetFile = CommonOptions.PresetFile();
        var command = new Command("info", "Show k1, k2, a0, resolution and update energy at the preset's operating point.") { preset, presetFile };
        command.SetAction(result => context.Execute(() =>
        {
            var p = CliContext.ResolvePreset(result.GetValue(preset), result.GetValue(presetFile));
            var op = p.OperatingPointAt(0.0);
            var table = new Table().Title($"FN-DAM preset [bold]{Markup.Escape(p.Name)}[/]").AddColumn("quantity").AddColumn(new TableColumn("value").RightAligned()).AddColumn("unit");
            void Row(string name, double value, string unit, string format = "G6") =>
                table.AddRow(Markup.Escape(name), value.ToString(format, CultureInfo.InvariantCulture), Markup.Escape(unit));
            Row("k1", p.Parameters.K1, "1/s");
            Row("k2", p.Parameters.K2, "V");
            Row("initial voltage V0", p.InitialVoltage, "V");
            Row("initial age a0", p.InitialAge, "s");
            Row("floor voltage", p.Parameters.FloorVoltage, "V");
            Row("total capacitance C_T", p.Parameters.TotalCapacitance * 1e15, "fF");
            Row("coupling ratio κ", p.Parameters.CouplingRatio, "");
            Row("nominal pulse amplitude V_p", p.PulseAmplitude, "V");
            Row("nominal pulse width", p.PulseWidth * 1e3, "ms");
            Row("update of nominal pulse", op.NominalUpdate * 1e6, "µV");
            Row("source energy per update", op.SourceEnergy * 1e15, "fJ");
            Row("tunnelling dissipation per update", op.TunnelingDissipation * 1e15, "fJ");
            Row("smallest update (T_min)", op.SmallestUpdate * 1e9, "nV");
            Row("read noise σ_read", p.ReadOut.NoiseSigma * 1e6, "µV");
            Row("resolution at start", op.ResolutionBits, "bits", "F2");
            Row("synapse gain g", p.SynapseGain, "1/V");
            context.Console.Write(table);
            return FnDamCli.Success;
        }));
        return command;
    }
}
