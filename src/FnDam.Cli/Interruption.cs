using System.Runtime.InteropServices;

namespace FnDam.Cli;

/// <summary>
/// The one way a run is stopped from outside: SIGINT (Ctrl+C) and SIGTERM cancel <see cref="Token"/> instead of
/// killing the process, so the command unwinds, its staging folder is removed, and it exits 130 (SIGINT) or 143
/// (SIGTERM) with one line on the error stream.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _exitCode;

    private Interruption(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
    }

    /// <summary>Cancelled when a signal arrives (or the caller's token is cancelled).</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The exit code of a cancelled run: 143 after SIGTERM, else 130.</summary>
    public int ExitCode => _exitCode == FnDamCli.Terminated ? FnDamCli.Terminated : FnDamCli.Interrupted;

    /// <summary>The line a cancelled run prints.</summary>
    public string Message => ExitCode == FnDamCli.Terminated ? "fndam: terminated" : "fndam: interrupted";

    /// <summary>Listens for SIGINT and SIGTERM until disposed.</summary>
    public static Interruption Listen(CancellationToken outer)
    {
        var interruption = new Interruption(outer);
        interruption.Register(PosixSignal.SIGINT);
        interruption.Register(PosixSignal.SIGTERM);
        return interruption;
    }

    /// <summary>An interruption that no signal reaches; <see cref="Signal"/> alone cancels it.</summary>
    public static Interruption Detached(CancellationToken outer = default) => new(outer);

    /// <summary>Cancels the run as the signal would; the first signal decides the exit code.</summary>
    public void Signal(PosixSignal signal)
    {
        Interlocked.CompareExchange(ref _exitCode, signal == PosixSignal.SIGTERM ? FnDamCli.Terminated : FnDamCli.Interrupted, 0);
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void Register(PosixSignal signal)
    {
        try
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive: the command stops at its next cancellation point and cleans up.
                context.Cancel = true;
                Signal(context.Signal);
            }));
        }
        catch (PlatformNotSupportedException)
        {
            // Where a signal cannot be caught, it ends the process as the platform does by default.
        }
    }
}
