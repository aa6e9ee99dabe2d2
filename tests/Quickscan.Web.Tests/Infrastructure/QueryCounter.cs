using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Quickscan.Web.Tests.Infrastructure;

/// <summary>Counts the SQL commands the app sends, so a test can pin a page to a fixed number of queries.</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private int _count;
    private int _sessionChecks;

    public int Count => Volatile.Read(ref _count);

    /// <summary>The commands besides the per-request check of the signed-in user's session, which every page pays alike.</summary>
    public int CountWithoutSessionChecks => Volatile.Read(ref _count) - Volatile.Read(ref _sessionChecks);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _commands = new();

    /// <summary>The text of the commands since the last reset (the last 1,000), for a test that asks what was read.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public void Reset()
    {
        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sessionChecks, 0);
        _commands.Clear();
    }

    private void Hit(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        _commands.Enqueue(command.CommandText);
        while (_commands.Count > 1000)
            _commands.TryDequeue(out _);
        if (command.CommandText.Contains("\"UserSessions\"", StringComparison.Ordinal))
            Interlocked.Increment(ref _sessionChecks);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Hit(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Hit(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Hit(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
