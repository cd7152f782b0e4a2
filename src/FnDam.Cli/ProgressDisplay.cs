using System.Globalization;
using FnDam.Experiments;
using FnDam.Results;
using Spectre.Console;

namespace FnDam.Cli;

/// <summary>
/// Shows the progress the library reports (<see cref="IProgressSink"/>): a live display with a bar and the time left
/// per task on a terminal, one timestamped line per step otherwise, nothing with <c>--quiet</c>.
/// </summary>
internal static class ProgressDisplay
{
    private const int BarWidth = 20;

    /// <summary>Columns the bar, percentage, time left and spinner take, with their gaps.</summary>
    private const int OtherColumns = BarWidth + 28;

    /// <summary>Runs <paramref name="work"/> with the sink that suits the context (null when quiet).</summary>
    public static T Run<T>(CliContext context, bool quiet, Func<IProgressSink?, T> work)
    {
        if (quiet)
        {
            return work(null);
        }

        if (context.Terminal)
        {
            var result = default(T)!;
            context.Console.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth }, new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(progress => result = work(new LiveSink(context, progress)));
            return result;
        }

        using var lines = new LogSink(context.Console.Profile.Out.Writer, context.Time);
        return work(lines);
    }

    /// <summary>A live display: one bar per running task; milestones are kept as lines above it.</summary>
    private sealed class LiveSink(CliContext context, ProgressContext progress) : IProgressSink
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();

        public void Report(ProgressReport report)
        {
            lock (_lock)
            {
                if (!_tasks.TryGetValue(report.Task, out var task))
                {
                    task = progress.AddTask(Markup.Escape(report.Task), maxValue: Math.Max(1, report.Total));
                    _tasks.Add(report.Task, task);
                }

                task.MaxValue = Math.Max(1, report.Total);
                task.Value = report.Done;
                var description = report.Detail.Length == 0 ? report.Task : $"{report.Task}: {report.Detail}";
                var room = Math.Max(16, context.Console.Profile.Width - OtherColumns);
                description = ConsoleLines.Printable(description);
                task.Description = Markup.Escape(description.Length <= room ? description : description[..(room - 1)] + "…");
                if (report.Milestone)
                {
                    context.Console.WriteLine(ConsoleLines.Printable($"{report.Task}: {report.Detail}"));
                }

                if (report.Finished)
                {
                    task.StopTask();
                    _tasks.Remove(report.Task);
                }
            }
        }
    }
}

/// <summary>
/// Progress as plain lines for logs and pipes: <c>[HH:mm:ss] TASK: DETAIL</c> for every milestone, and for the work in
/// between at least one line every <see cref="Interval"/> (the latest report, or the task still running).
/// </summary>
internal sealed class LogSink : IProgressSink, IDisposable
{
    /// <summary>The longest time without a line while work runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>How often the clock is checked between reports.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly ITimer? _timer;
    private readonly Dictionary<string, ProgressReport> _running = new(StringComparer.Ordinal);
    private string? _latest;
    private long _lastLine;
    private bool _disposed;

    /// <param name="writer">Where the lines go.</param>
    /// <param name="time">The clock of the timestamps and the interval.</param>
    /// <param name="timer">Whether a timer writes the line of work still running (off in tests, which call <see cref="Heartbeat"/>).</param>
    public LogSink(TextWriter writer, TimeProvider time, bool timer = true)
    {
        _writer = writer;
        _time = time;
        _lastLine = time.GetTimestamp();
        _timer = timer ? time.CreateTimer(_ => Heartbeat(), null, Tick, Tick) : null;
    }

    public void Report(ProgressReport report)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            // A finished inner task (a training run) leaves the outer one (the experiment) as what is still running.
            if (report.Finished)
            {
                _running.Remove(report.Task);
                _latest = _running.Keys.LastOrDefault();
            }
            else
            {
                _running[report.Task] = report;
                _latest = report.Task;
            }

            if (report.Milestone || Due())
            {
                Write(Text(report));
            }
        }
    }

    /// <summary>Writes the latest report again, marked as still running, when no line has been written for
    /// <see cref="Interval"/> less one tick (so that lines are at most <see cref="Interval"/> apart).</summary>
    public void Heartbeat()
    {
        lock (_lock)
        {
            if (!_disposed && _latest is not null && _running.TryGetValue(_latest, out var latest) && Due())
            {
                Write(Text(latest) + (latest.Milestone ? " (still running)" : string.Empty));
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer?.Dispose();
    }

    private bool Due() => _time.GetElapsedTime(_lastLine) >= Interval - Tick;

    private static string Text(ProgressReport report)
    {
        var detail = report.Detail.Length == 0 ? string.Empty : ": " + report.Detail;
        return report.Milestone
            ? report.Task + detail
            : string.Create(CultureInfo.InvariantCulture, $"{report.Task}{detail} ({100.0 * report.Done / Math.Max(1, report.Total):F0}% of {report.Total} {NumberText.Plural(report.Unit)})");
    }

    private void Write(string text)
    {
        _writer.WriteLine($"[{_time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {ConsoleLines.Printable(text)}");
        _writer.Flush();
        _lastLine = _time.GetTimestamp();
    }
}
