using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportStepsBilingual : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportNextSteps_ScanId_Position",
                table: "ReportNextSteps");

            migrationBuilder.AddColumn<int>(
                name: "HorizonDays",
                table: "ReportNextSteps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ReportNextSteps",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ReportNextSteps",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextEn",
                table: "ReportNextSteps",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleEn",
                table: "ReportNextSteps",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhyEn",
                table: "ReportNextSteps",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            // Step lists duplicated by a double-click before positions were unique: keep one step per position.
            migrationBuilder.Sql("""DELETE FROM "ReportNextSteps" WHERE rowid NOT IN (SELECT MIN(rowid) FROM "ReportNextSteps" GROUP BY "ScanId", "Position");""");

            migrationBuilder.CreateIndex(
                name: "IX_ReportNextSteps_ScanId_Position",
                table: "ReportNextSteps",
                columns: new[] { "ScanId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportNextSteps_ScanId_Position",
                table: "ReportNextSteps");

            migrationBuilder.DropColumn(
                name: "HorizonDays",
                table: "ReportNextSteps");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "ReportNextSteps");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "ReportNextSteps");

            migrationBuilder.DropColumn(
                name: "TextEn",
                table: "ReportNextSteps");

            migrationBuilder.DropColumn(
                name: "TitleEn",
                table: "ReportNextSteps");

            migrationBuilder.DropColumn(
                name: "WhyEn",
                table: "ReportNextSteps");

            migrationBuilder.CreateIndex(
                name: "IX_ReportNextSteps_ScanId_Position",
                table: "ReportNextSteps",
                columns: new[] { "ScanId", "Position" });
        }
    }
}
