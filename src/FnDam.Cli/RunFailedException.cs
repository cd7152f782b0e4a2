namespace FnDam.Cli;

/// <summary>
/// The run failed for a reason that is neither the input nor a fault of FnDam: cases of a sweep failed, or a program
/// FnDam started (sbatch) failed. Exit code 1 with "run failed" and the message, and no error log (decision 0083).
/// </summary>
public sealed class RunFailedException : Exception
{
    public RunFailedException()
    {
    }

    public RunFailedException(string message)
        : base(message)
    {
    }

    public RunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
