using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "ReportNextSteps",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ReportNextSteps",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextEn",
                table: "ReportNextSteps",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleEn",
                table: "ReportNextSteps",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhyEn",
                table: "ReportNextSteps",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            // Step lists duplicated by a double-click before positions were unique: keep one step per position.
            migrationBuilder.Sql("""DELETE FROM "ReportNextSteps" a USING "ReportNextSteps" b WHERE a."ScanId" = b."ScanId" AND a."Position" = b."Position" AND a."Id" > b."Id";""");

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
