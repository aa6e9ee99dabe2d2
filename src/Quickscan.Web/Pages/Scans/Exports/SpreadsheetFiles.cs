using System.Data;
using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Quickscan.Domain.Questionnaires;

namespace Quickscan.Web.Pages.Scans.Exports;

/// <summary>Writes export tables as CSV (CsvHelper) and as .xlsx (MiniExcel).</summary>
public static class SpreadsheetFiles
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// UTF-8 with a byte order mark (so Excel reads it as UTF-8). Dutch: semicolons and decimal commas, as
    /// Dutch Excel expects; English: commas and decimal points. Text that a spreadsheet would run as a
    /// formula (starting with = + - @, a tab or CR) gets a leading apostrophe.
    /// </summary>
    public static byte[] Csv(ExportTable table, Language language)
    {
        var culture = CultureInfo.GetCultureInfo(language == Language.En ? "en-GB" : "nl-NL");
        var options = new CsvWriterOptions
        {
            Separator = language == Language.En ? ',' : ';',
            Injection = CsvInjection.Escape,
            WriteByteOrderMark = true,
            FormatProvider = culture,
        };
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            foreach (var header in table.Headers)
                csv.WriteField(header);
            csv.EndRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    switch (cell)
                    {
                        case int number:
                            csv.WriteField(number, "", culture);
                            break;
                        case double number:
                            csv.WriteField(number, "0.#", culture);
                            break;
                        case DateOnly date:
                            csv.WriteField(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                            break;
                        default:
                            csv.WriteField(cell as string);
                            break;
                    }
                }

                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A workbook with one sheet per table, in order. Numbers are numbers and dates are dates; all text is
    /// written as a text cell (never as a formula), so a value that starts with = stays the text it is.
    /// </summary>
    public static byte[] Xlsx(IReadOnlyList<(string Name, ExportTable Table)> sheets)
    {
        var dateColumns = new List<DynamicExcelColumn>();
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, table) in sheets)
        {
            var data = new DataTable(name);
            foreach (var header in table.Headers)
                data.Columns.Add(header, typeof(object));
            foreach (var row in table.Rows)
                data.Rows.Add(row.Select(ToExcel).ToArray());
            workbook[name] = data;

            // Dynamic columns apply by name to every sheet; a date column is a date wherever it is.
            for (var c = 0; c < table.Headers.Count; c++)
            {
                if (table.Rows.Any(r => r[c] is DateOnly) && dateColumns.All(d => d.Key != table.Headers[c]))
                    dateColumns.Add(new DynamicExcelColumn(table.Headers[c]) { Format = "yyyy-MM-dd", Width = 14 });
            }
        }

        using var stream = new MemoryStream();
        stream.SaveAs(workbook, configuration: new OpenXmlConfiguration { DynamicColumns = dateColumns.ToArray() });
        return stream.ToArray();
    }

    private static object ToExcel(object? cell) => cell switch
    {
        null => DBNull.Value,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        _ => cell,
    };
}
