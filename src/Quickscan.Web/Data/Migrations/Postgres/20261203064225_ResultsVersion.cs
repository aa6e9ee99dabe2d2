using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ScanSummaries",
                columns: table => new
                {
                    ScanId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResultsVersion = table.Column<long>(type: "bigint", nullable: false),
                    QuestionnaireVersionId = table.Column<int>(type: "integer", nullable: false),
                    Scores = table.Column<int>(type: "integer", nullable: false),
                    Intakes = table.Column<int>(type: "integer", nullable: false),
                    FiguresJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
            // computed from, whichever code (or cascade, or retention job) makes it. Statement-level for the score
            // rows, so a bulk delete bumps each scan once.
            migrationBuilder.Sql("""
                CREATE FUNCTION quickscan_results_version_from_new_scores() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" IN (SELECT DISTINCT "ScanId" FROM new_rows);
                    RETURN NULL;
                END $$;
                CREATE FUNCTION quickscan_results_version_from_old_scores() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" IN (SELECT DISTINCT "ScanId" FROM old_rows);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "RespondentScores_ResultsVersion" AFTER INSERT ON "RespondentScores"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quickscan_results_version_from_new_scores();
                CREATE TRIGGER "RespondentScores_ResultsVersion_Update" AFTER UPDATE ON "RespondentScores"
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION quickscan_results_version_from_new_scores();
                CREATE TRIGGER "RespondentScores_ResultsVersion_Delete" AFTER DELETE ON "RespondentScores"
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION quickscan_results_version_from_old_scores();

                CREATE FUNCTION quickscan_results_version_from_respondent() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Respondents_ResultsVersion" AFTER UPDATE OF "Counted", "StraightLining", "TooFast" ON "Respondents"
                    FOR EACH ROW WHEN (OLD."Counted" IS DISTINCT FROM NEW."Counted" OR OLD."StraightLining" IS DISTINCT FROM NEW."StraightLining" OR OLD."TooFast" IS DISTINCT FROM NEW."TooFast")
                    EXECUTE FUNCTION quickscan_results_version_from_respondent();

                CREATE FUNCTION quickscan_results_version_from_scan() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."ResultsVersion" := OLD."ResultsVersion" + 1;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "Scans_ResultsVersion" BEFORE UPDATE OF "ExcludeFlagged", "QuestionnaireVersionId" ON "Scans"
                    FOR EACH ROW WHEN (OLD."ExcludeFlagged" IS DISTINCT FROM NEW."ExcludeFlagged" OR OLD."QuestionnaireVersionId" IS DISTINCT FROM NEW."QuestionnaireVersionId")
                    EXECUTE FUNCTION quickscan_results_version_from_scan();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Scans_ResultsVersion" ON "Scans";
                DROP TRIGGER "Respondents_ResultsVersion" ON "Respondents";
                DROP TRIGGER "RespondentScores_ResultsVersion" ON "RespondentScores";
                DROP TRIGGER "RespondentScores_ResultsVersion_Update" ON "RespondentScores";
                DROP TRIGGER "RespondentScores_ResultsVersion_Delete" ON "RespondentScores";
                DROP FUNCTION quickscan_results_version_from_scan();
                DROP FUNCTION quickscan_results_version_from_respondent();
                DROP FUNCTION quickscan_results_version_from_new_scores();
                DROP FUNCTION quickscan_results_version_from_old_scores();
                """);

            migrationBuilder.DropTable(
                name: "ScanSummaries");

            migrationBuilder.DropColumn(
                name: "ResultsVersion",
                table: "Scans");
        }
    }
}
