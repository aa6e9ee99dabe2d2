using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResultsVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ResultsVersion",
                table: "Scans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ScanSummaries",
                columns: table => new
                {
                    ScanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResultsVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionnaireVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Scores = table.Column<int>(type: "INTEGER", nullable: false),
                    Intakes = table.Column<int>(type: "INTEGER", nullable: false),
                    FiguresJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanSummaries", x => x.ScanId);
                    table.ForeignKey(
                        name: "FK_ScanSummaries_Scans_ScanId",
                        column: x => x.ScanId,
                        principalTable: "Scans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The scan's ResultsVersion moves on in the same transaction as any change to what its figures are
            // computed from, whichever code (or cascade, or retention job) makes it. SQLite has row triggers only.
            migrationBuilder.Sql("""
                CREATE TRIGGER "RespondentScores_ResultsVersion" AFTER INSERT ON "RespondentScores"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId"; END;
                CREATE TRIGGER "RespondentScores_ResultsVersion_Update" AFTER UPDATE ON "RespondentScores"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId"; END;
                CREATE TRIGGER "RespondentScores_ResultsVersion_Delete" AFTER DELETE ON "RespondentScores"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = OLD."ScanId"; END;
                CREATE TRIGGER "Respondents_ResultsVersion" AFTER UPDATE OF "Counted", "StraightLining", "TooFast" ON "Respondents"
                WHEN OLD."Counted" IS NOT NEW."Counted" OR OLD."StraightLining" IS NOT NEW."StraightLining" OR OLD."TooFast" IS NOT NEW."TooFast"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId"; END;
                CREATE TRIGGER "Scans_ResultsVersion" AFTER UPDATE OF "ExcludeFlagged", "QuestionnaireVersionId" ON "Scans"
                WHEN OLD."ExcludeFlagged" IS NOT NEW."ExcludeFlagged" OR OLD."QuestionnaireVersionId" IS NOT NEW."QuestionnaireVersionId"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."Id"; END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Scans_ResultsVersion";
                DROP TRIGGER "Respondents_ResultsVersion";
                DROP TRIGGER "RespondentScores_ResultsVersion";
                DROP TRIGGER "RespondentScores_ResultsVersion_Update";
                DROP TRIGGER "RespondentScores_ResultsVersion_Delete";
                """);

            migrationBuilder.DropTable(
                name: "ScanSummaries");

            migrationBuilder.DropColumn(
                name: "ResultsVersion",
                table: "Scans");
        }
    }
}
