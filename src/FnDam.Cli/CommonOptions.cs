using System.CommandLine;
using FnDam.Devices;

namespace FnDam.Cli;

/// <summary>The options that mean the same in every command (docs/cli.md).</summary>
internal static class CommonOptions
{
    public static Option<string> Out(string defaultFolder) => new("--out")
    {
        Description = "Output folder (created; refused if it exists and is not empty, unless --force).",
        DefaultValueFactory = _ => defaultFolder,
    };

    public static Option<bool> Force() => new("--force") { Description = "Replace a non-empty output folder." };

    public static Option<string?> Preset() => new("--preset")
    {
        Description = $"Built-in device preset: {string.Join(", ", Presets.Names)} (default {Presets.DefaultName}).",
    };

    public static Option<string?> PresetFile() => new("--preset-file") { Description = "Device preset JSON file (as written by 'fndam fit')." };

    public static Option<ulong> Seed() => new("--seed")
    {
        Description = "Seed of every random stream (mismatch, noise, data order).",
        DefaultValueFactory = _ => 1UL,
    };

    public static Option<bool> Quiet() => new("--quiet") { Description = "Print only errors and the output location." };
}
