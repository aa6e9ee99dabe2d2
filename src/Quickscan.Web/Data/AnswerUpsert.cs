using Microsoft.EntityFrameworkCore.Infrastructure;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Quickscan.Web.Data;

/// <summary>
/// Saves a page of answers in one statement: INSERT … ON CONFLICT DO UPDATE, which PostgreSQL and SQLite
/// both understand. Two saves of the same answer at once (a background save and a page change) can't
/// collide on the key, and the last one wins. Names and value conversions come from the EF model.
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
            entity.FindProperty(nameof(RespondentAnswer.SavedAt))!,
        ];
        var sql = new StringBuilder();
        var helper = db.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>();
        var columns = properties.Select(p => helper.DelimitIdentifier(p.GetColumnName(table)!)).ToArray();
        sql.Append("INSERT INTO ").Append(helper.DelimitIdentifier(table.Name, table.Schema))
            .Append(" (").AppendJoin(", ", columns).Append(") VALUES ");

        var parameters = new List<object?>();
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var p = 0; p < properties.Length; p++)
            {
                if (p > 0)
                    sql.Append(", ");
                sql.Append('{').Append(parameters.Count).Append('}');
                parameters.Add(ToProvider(properties[p], properties[p].PropertyInfo!.GetValue(rows[r])));
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (").Append(columns[0]).Append(", ").Append(columns[1]).Append(") DO UPDATE SET ")
            .AppendJoin(", ", columns.Skip(2).Select(c => $"{c} = excluded.{c}"));

        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters.Select(v => v ?? DBNull.Value), cancellationToken);
    }

    private static object? ToProvider(IProperty property, object? value)
    {
        var converter = property.GetTypeMapping().Converter;
        return converter is null || value is null ? value : converter.ConvertToProvider(value);
    }
}
