using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntakeAndPlatform : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IntakeToken",
                table: "Scans",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlatformName",
                table: "Scans",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Track",
                table: "Respondents",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Survey");

            migrationBuilder.CreateIndex(
                name: "IX_Scans_IntakeToken",
                table: "Scans",
                column: "IntakeToken",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Scans_IntakeToken",
                table: "Scans");

            migrationBuilder.DropColumn(
                name: "IntakeToken",
                table: "Scans");

            migrationBuilder.DropColumn(
                name: "PlatformName",
                table: "Scans");

            migrationBuilder.DropColumn(
                name: "Track",
                table: "Respondents");
        }
    }
}
