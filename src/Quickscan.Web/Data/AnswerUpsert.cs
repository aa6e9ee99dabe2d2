using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Quickscan.Web.Data;

/// <summary>
/// Saves a page of answers with INSERT … ON CONFLICT DO UPDATE, which PostgreSQL and SQLite both understand.
/// The model's type mappings make the parameters (and apply value converters). Two saves of the same answer at
/// once (a background save and a page change) can't collide on the key, and the last one wins.
/// </summary>
public static class AnswerUpsert
{
    public static async Task<int> UpsertAsync(this QuickscanDbContext db, IReadOnlyList<RespondentAnswer> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
            return 0;

        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>();
        var sql = new StringBuilder();
        var statement = Statement.For(db);
        statement.AppendUpsert(sql, factory, parameters, rows, guard: null);
        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL: the whole save in one statement, one round trip. A data-modifying CTE updates the respondent's
    /// last activity only while it is not submitted (which takes the row lock that orders a save against a submit,
    /// as the transaction of the SQLite path does), and writes and clears answers only when that update found the
    /// respondent open. False when the respondent is submitted (nothing changed).
    /// </summary>
    public static async Task<bool> SaveIfOpenAsync(
        this QuickscanDbContext db, Guid respondentId, IReadOnlyList<RespondentAnswer> rows, IReadOnlyList<string> cleared,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var statement = Statement.For(db);

        await using var command = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>();
        var id = Statement.AddParameter(command, parameters, statement.RespondentId, respondentId);
        var activity = Statement.AddParameter(command, parameters, statement.RespondentLastActivityAt, now);
        var sql = new StringBuilder();
        sql.Append("WITH open_respondent AS (UPDATE ").Append(statement.RespondentsTable)
            .Append(" SET ").Append(statement.LastActivityAtColumn).Append(" = @").Append(activity)
            .Append(" WHERE ").Append(statement.RespondentIdColumn).Append(" = @").Append(id)
            .Append(" AND ").Append(statement.SubmittedAtColumn).Append(" IS NULL RETURNING 1)");
        if (rows.Count > 0)
        {
            sql.Append(", saved AS (");
            statement.AppendUpsert(sql, command, parameters, rows, guard: "EXISTS (SELECT 1 FROM open_respondent)");
            sql.Append(')');
        }

        if (cleared.Count > 0)
        {
            var keys = new List<string>();
            foreach (var key in cleared)
                keys.Add("@" + Statement.AddParameter(command, parameters, statement.Properties[1], key));
            sql.Append(", removed AS (DELETE FROM ").Append(statement.AnswersTable)
                .Append(" WHERE ").Append(statement.Columns[0]).Append(" = @").Append(id)
                .Append(" AND ").Append(statement.Columns[1]).Append(" IN (").AppendJoin(", ", keys).Append(')')
                .Append(" AND EXISTS (SELECT 1 FROM open_respondent))");
        }

        // Through EF Core (not a bare command), so the app's interceptors, logging and diagnostics see it. Not composed,
        // so EF Core sends it as written (a data-modifying CTE must be at the top level).
        sql.Append(" SELECT count(*) AS \"Value\" FROM open_respondent");
        var open = await db.Database.SqlQueryRaw<long>(sql.ToString(), parameters.ToArray<object>()).ToListAsync(cancellationToken);
        return open.Single() > 0;
    }

    /// <summary>
    /// The tables' names, the properties and their getters, from the model: looked up once per model (each
    /// provider's context has its own) instead of on every save, where they cost more CPU than writing the SQL.
    /// </summary>
    private static readonly ConditionalWeakTable<IModel, Statement> Statements = new();

    /// <summary>The answers and respondents tables' names and the upsert's text, from the model.</summary>
    private sealed class Statement
    {
        public static Statement For(QuickscanDbContext db) =>
            Statements.GetValue(db.Model, _ => new Statement(db));

        private Statement(QuickscanDbContext db)
        {
            var helper = db.GetService<ISqlGenerationHelper>();
            var answer = db.Model.FindEntityType(typeof(RespondentAnswer))!;
            var table = StoreObjectIdentifier.Table(answer.GetTableName()!, answer.GetSchema());
            Properties =
            [
                answer.FindProperty(nameof(RespondentAnswer.RespondentId))!,
                answer.FindProperty(nameof(RespondentAnswer.QuestionKey))!,
                answer.FindProperty(nameof(RespondentAnswer.ScaleValue))!,
                answer.FindProperty(nameof(RespondentAnswer.OptionKey))!,
                answer.FindProperty(nameof(RespondentAnswer.Text))!,
                answer.FindProperty(nameof(RespondentAnswer.DontKnow))!,
                answer.FindProperty(nameof(RespondentAnswer.NotApplicable))!,
                answer.FindProperty(nameof(RespondentAnswer.SavedAt))!,
            ];
            Getters = Properties.Select(p => p.GetGetter()).ToArray();
            Columns = Properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)).ToArray();
            AnswersTable = helper.DelimitIdentifier(table.Name, table.Schema);
            UpdateSet = string.Join(", ", Columns.Skip(2).Select(c => $"{c} = excluded.{c}"));

            var respondent = db.Model.FindEntityType(typeof(Respondent))!;
            var respondents = StoreObjectIdentifier.Table(respondent.GetTableName()!, respondent.GetSchema());
            string Column(string property) => helper.DelimitIdentifier(respondent.FindProperty(property)!.GetColumnName(respondents)!);
            RespondentsTable = helper.DelimitIdentifier(respondents.Name, respondents.Schema);
            RespondentId = respondent.FindProperty(nameof(Respondent.Id))!;
            RespondentLastActivityAt = respondent.FindProperty(nameof(Respondent.LastActivityAt))!;
            RespondentIdColumn = Column(nameof(Respondent.Id));
            LastActivityAtColumn = Column(nameof(Respondent.LastActivityAt));
            SubmittedAtColumn = Column(nameof(Respondent.SubmittedAt));
        }

        public IProperty[] Properties { get; }
        private IClrPropertyGetter[] Getters { get; }
        public string[] Columns { get; }
        public string AnswersTable { get; }
        private string UpdateSet { get; }

        public string RespondentsTable { get; }
        public IProperty RespondentId { get; }
        public IProperty RespondentLastActivityAt { get; }
        public string RespondentIdColumn { get; }
        public string LastActivityAtColumn { get; }
        public string SubmittedAtColumn { get; }

        /// <summary>A typed parameter from the property's mapping (a bare null has no type for the provider); returns its name.</summary>
        public static string AddParameter(DbCommand factory, List<DbParameter> parameters, IProperty property, object? value)
        {
            var name = $"p{parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, value, property.IsNullable));
            return name;
        }

        /// <summary>INSERT … VALUES … ON CONFLICT DO UPDATE; with a guard, INSERT … SELECT … FROM (VALUES …) WHERE guard.</summary>
        public void AppendUpsert(StringBuilder sql, DbCommand factory, List<DbParameter> parameters, IReadOnlyList<RespondentAnswer> rows, string? guard)
        {
            sql.Append("INSERT INTO ").Append(AnswersTable).Append(" (").AppendJoin(", ", Columns).Append(") ");
            sql.Append(guard is null ? "VALUES " : "SELECT * FROM (VALUES ");
            for (var r = 0; r < rows.Count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var p = 0; p < Properties.Length; p++)
                {
                    if (p > 0)
                        sql.Append(", ");
                    sql.Append('@').Append(AddParameter(factory, parameters, Properties[p], Getters[p].GetClrValue(rows[r])));
                }

                sql.Append(')');
            }

            if (guard is not null)
                sql.Append(") AS v (").AppendJoin(", ", Columns).Append(") WHERE ").Append(guard);
            sql.Append(" ON CONFLICT (").Append(Columns[0]).Append(", ").Append(Columns[1]).Append(") DO UPDATE SET ").Append(UpdateSet);
        }
    }
}
