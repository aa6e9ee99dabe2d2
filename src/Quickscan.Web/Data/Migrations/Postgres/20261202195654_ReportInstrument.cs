using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportInstrument : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HeadcountsJson",
                table: "Scans",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HiddenQuotes",
                columns: table => new
                {
                    RespondentId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ScanId = table.Column<Guid>(type: "uuid", nullable: false),
                    HiddenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HiddenQuotes", x => new { x.RespondentId, x.QuestionKey });
                    table.ForeignKey(
                        name: "FK_HiddenQuotes_RespondentAnswers_RespondentId_QuestionKey",
                        columns: x => new { x.RespondentId, x.QuestionKey },
                        principalTable: "RespondentAnswers",
                        principalColumns: new[] { "RespondentId", "QuestionKey" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HiddenQuotes_Scans_ScanId",
                        column: x => x.ScanId,
                        principalTable: "Scans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HiddenQuotes_ScanId",
                table: "HiddenQuotes",
                column: "ScanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HiddenQuotes");

            migrationBuilder.DropColumn(
                name: "HeadcountsJson",
                table: "Scans");
        }
    }
}
