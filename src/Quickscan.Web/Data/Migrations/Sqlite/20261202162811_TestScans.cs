using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TestScans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsTest",
                table: "Scans",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsTest",
                table: "Scans");
        }
    }
}
