using Microsoft.EntityFrameworkCore.Infrastructure;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Quickscan.Web.Data;

/// <summary>
/// Saves a page of answers in one statement: INSERT … ON CONFLICT DO UPDATE, which PostgreSQL and SQLite
/// both understand. The model's type mappings make the parameters (and apply value converters). Two saves of the same answer at once (a background save and a page change) can't
/// collide on the key, and the last one wins.
/// </summary>
public static class AnswerUpsert
{
    public static async Task<int> UpsertAsync(this QuickscanDbContext db, IReadOnlyList<RespondentAnswer> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
            return 0;

        var entity = db.Model.FindEntityType(typeof(RespondentAnswer))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        IProperty[] properties =
        [
            entity.FindProperty(nameof(RespondentAnswer.RespondentId))!,
            entity.FindProperty(nameof(RespondentAnswer.QuestionKey))!,
            entity.FindProperty(nameof(RespondentAnswer.ScaleValue))!,
            entity.FindProperty(nameof(RespondentAnswer.OptionKey))!,
            entity.FindProperty(nameof(RespondentAnswer.Text))!,
            entity.FindProperty(nameof(RespondentAnswer.DontKnow))!,
            entity.FindProperty(nameof(RespondentAnswer.NotApplicable))!,
            entity.FindProperty(nameof(RespondentAnswer.SavedAt))!,
        ];
        var sql = new StringBuilder();
        var helper = db.GetService<ISqlGenerationHelper>();
        var columns = properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)).ToArray();
        sql.Append("INSERT INTO ").Append(helper.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").AppendJoin(", ", columns).Append(") VALUES ");

        // Typed parameters from the model's mappings (a bare null has no type for the provider).
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter>();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var p = 0; p < properties.Length; p++)
            {
                if (p > 0)
                    sql.Append(", ");
                var name = $"p{parameters.Count}";
                sql.Append('@').Append(name);
                var property = properties[p];
                parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, property.PropertyInfo!.GetValue(rows[r]), property.IsNullable));
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (").Append(columns[0]).Append(", ").Append(columns[1]).Append(") DO UPDATE SET ")
            .AppendJoin(", ", columns.Skip(2).Select(c => $"{c} = excluded.{c}"));

        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }
}
