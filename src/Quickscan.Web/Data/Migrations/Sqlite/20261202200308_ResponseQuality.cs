using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResponseQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ExcludeFlagged",
                table: "Scans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Counted",
                table: "Respondents",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // every response submitted before the rule was counted

            migrationBuilder.AddColumn<bool>(
                name: "StraightLining",
                table: "Respondents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "TooFast",
                table: "Respondents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExcludeFlagged",
                table: "Scans");

            migrationBuilder.DropColumn(
                name: "Counted",
                table: "Respondents");

            migrationBuilder.DropColumn(
                name: "StraightLining",
                table: "Respondents");

            migrationBuilder.DropColumn(
                name: "TooFast",
                table: "Respondents");
        }
    }
}
