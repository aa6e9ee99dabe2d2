using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScanResultCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScanResultCounters",
                columns: table => new
                {
                    ScanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Changes = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanResultCounters", x => new { x.ScanId, x.Slot });
                });

            // Responses' changes go to one of 16 random slots per scan instead of the scan's own row (as on PostgreSQL).
            migrationBuilder.Sql("""
                DROP TRIGGER "RespondentScores_ResultsVersion";
                DROP TRIGGER "RespondentScores_ResultsVersion_Update";
                DROP TRIGGER "RespondentScores_ResultsVersion_Delete";
                DROP TRIGGER "Respondents_ResultsVersion";
                CREATE TRIGGER "RespondentScores_ResultsVersion" AFTER INSERT ON "RespondentScores"
                BEGIN INSERT INTO "ScanResultCounters" ("ScanId", "Slot", "Changes") VALUES (NEW."ScanId", abs(random()) % 16, 1) ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = "Changes" + 1; END;
                CREATE TRIGGER "RespondentScores_ResultsVersion_Update" AFTER UPDATE ON "RespondentScores"
                BEGIN INSERT INTO "ScanResultCounters" ("ScanId", "Slot", "Changes") VALUES (NEW."ScanId", abs(random()) % 16, 1) ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = "Changes" + 1; END;
                CREATE TRIGGER "RespondentScores_ResultsVersion_Delete" AFTER DELETE ON "RespondentScores"
                BEGIN INSERT INTO "ScanResultCounters" ("ScanId", "Slot", "Changes") VALUES (OLD."ScanId", abs(random()) % 16, 1) ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = "Changes" + 1; END;
                CREATE TRIGGER "Respondents_ResultsVersion" AFTER UPDATE OF "Counted", "StraightLining", "TooFast" ON "Respondents"
                WHEN OLD."Counted" IS NOT NEW."Counted" OR OLD."StraightLining" IS NOT NEW."StraightLining" OR OLD."TooFast" IS NOT NEW."TooFast"
                BEGIN INSERT INTO "ScanResultCounters" ("ScanId", "Slot", "Changes") VALUES (NEW."ScanId", abs(random()) % 16, 1) ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = "Changes" + 1; END;
                INSERT INTO "ScanResultCounters" ("ScanId", "Slot", "Changes") SELECT "Id", 0, "ResultsVersion" FROM "Scans" WHERE "ResultsVersion" > 0;
                UPDATE "Scans" SET "ResultsVersion" = 0 WHERE "ResultsVersion" > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + coalesce((SELECT sum("Changes") FROM "ScanResultCounters" c WHERE c."ScanId" = "Scans"."Id"), 0);
                DROP TRIGGER "RespondentScores_ResultsVersion";
                DROP TRIGGER "RespondentScores_ResultsVersion_Update";
                DROP TRIGGER "RespondentScores_ResultsVersion_Delete";
                DROP TRIGGER "Respondents_ResultsVersion";
                CREATE TRIGGER "RespondentScores_ResultsVersion" AFTER INSERT ON "RespondentScores"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId"; END;
                CREATE TRIGGER "RespondentScores_ResultsVersion_Update" AFTER UPDATE ON "RespondentScores"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId"; END;
                CREATE TRIGGER "RespondentScores_ResultsVersion_Delete" AFTER DELETE ON "RespondentScores"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = OLD."ScanId"; END;
                CREATE TRIGGER "Respondents_ResultsVersion" AFTER UPDATE OF "Counted", "StraightLining", "TooFast" ON "Respondents"
                WHEN OLD."Counted" IS NOT NEW."Counted" OR OLD."StraightLining" IS NOT NEW."StraightLining" OR OLD."TooFast" IS NOT NEW."TooFast"
                BEGIN UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId"; END;
                """);

            migrationBuilder.DropTable(
                name: "ScanResultCounters");
        }
    }
}
