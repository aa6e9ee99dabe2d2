using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KeptScanResult : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnonymityThreshold",
                table: "ScanSummaries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ResultJson",
                table: "ScanSummaries",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnonymityThreshold",
                table: "ScanSummaries");

            migrationBuilder.DropColumn(
                name: "ResultJson",
                table: "ScanSummaries");
        }
    }
}
