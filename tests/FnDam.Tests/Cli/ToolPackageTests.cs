using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace FnDam.Tests.Cli;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> makes the <c>fndam</c> tool and the <c>FnDam.Core</c> library,
/// and the tool, installed into a tool path of its own, runs from a folder outside the repository with the data it
/// carries. This packs and installs for real (a Release build; about a minute on two cores).
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    private readonly string _folder = Directory.CreateTempSubdirectory("fndam-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Pack_MakesBothPackages_AndTheInstalledToolRunsOutsideTheRepository()
    {
        var root = Repository.Root();
        var packages = Path.Combine(_folder, "packages");
        var pack = Run(Dotnet(), root, ["pack", "FnDam.slnx", "-c", "Release", "-o", packages, "-nodeReuse:false"]);
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack.Output}");

        var version = Version(root);
        var tool = Path.Combine(packages, $"fndam.{version}.nupkg");
        var library = Path.Combine(packages, $"FnDam.Core.{version}.nupkg");
        AssertPackage(tool, "fndam", version, "tools/net10.0/any/data/mnist/t10k-images-idx3-ubyte.gz");
        AssertPackage(library, "FnDam.Core", version, "contentFiles/any/any/data/mnist/t10k-images-idx3-ubyte.gz");

        // A NuGet configuration that sees only the folder just packed, and a package cache of its own, so that nothing
        // installed earlier (an older build of the same version) can stand in for this one.
        var config = Path.Combine(_folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var tools = Path.Combine(_folder, "tools");
        var install = Run(Dotnet(), _folder, ["tool", "install", "fndam", "--tool-path", tools, "--configfile", config, "--version", version], ("NUGET_PACKAGES", Path.Combine(_folder, "nuget-cache")));
        Assert.True(install.ExitCode == 0, $"dotnet tool install failed:\n{install.Output}");

        var work = Directory.CreateDirectory(Path.Combine(_folder, "work")).FullName;
        Assert.False(work.StartsWith(root, StringComparison.Ordinal), "the run folder must be outside the repository");
        var fndam = Path.Combine(tools, OperatingSystem.IsWindows() ? "fndam.exe" : "fndam");

        var info = Run(fndam, work, ["device", "info"]);
        Assert.True(info.ExitCode == 0, $"fndam device info failed:\n{info.Output}");
        Assert.Contains("mehta2022", info.Output, StringComparison.Ordinal);
        Assert.Contains("k1", info.Output, StringComparison.Ordinal);

        var reproduce = Run(fndam, work, ["reproduce", "--size", "smoke", "--out", "run"]);
        Assert.True(reproduce.ExitCode == 0, $"fndam reproduce --size smoke failed:\n{reproduce.Output}");
        Assert.Contains("0 not run", reproduce.Output, StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(work, "run", "report.md"));
        Assert.Contains("MNIST t10k images 0–7999 train", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, "run", "report.html")));
    }

    private static void AssertPackage(string path, string id, string version, string dataEntry)
    {
        Assert.True(File.Exists(path), $"{Path.GetFileName(path)} was not packed");
        using var zip = ZipFile.OpenRead(path);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);
        Assert.Contains(dataEntry, entries);

        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal(id, Field("id"));
        Assert.Equal(version, Field("version"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.StartsWith("https://", repository.Attribute("url")!.Value, StringComparison.Ordinal);
    }

    private static string Version(string root)
    {
        var props = XDocument.Load(Path.Combine(root, "Directory.Build.props"));
        return props.Descendants().Single(e => e.Name.LocalName == "Version").Value;
    }

    private static string Dotnet() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static (int ExitCode, string Output) Run(string program, string folder, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would steer a nested build; and the packed
        // tool must find its own data, not a folder named by the environment.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "FNDAM_DATA").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {Limit}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
