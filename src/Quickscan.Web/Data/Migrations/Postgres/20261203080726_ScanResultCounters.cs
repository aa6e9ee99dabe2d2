using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Postgres
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
                    ScanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    Changes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanResultCounters", x => new { x.ScanId, x.Slot });
                });

            // Responses' changes go to one of 16 slots per scan instead of the scan's own row, so submissions to one
            // scan at the same moment don't queue on one row lock through each other's commits. The slot is the
            // transaction's: a submission bumps twice (its marks, its score row), and two transactions each holding
            // one slot and waiting for the other's would deadlock.
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION quickscan_results_version_from_new_scores() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "ScanResultCounters" AS c ("ScanId", "Slot", "Changes")
                    SELECT "ScanId", (pg_current_xact_id()::text::bigint % 16)::int, count(*) FROM new_rows GROUP BY "ScanId"
                    ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = c."Changes" + excluded."Changes";
                    RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION quickscan_results_version_from_old_scores() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "ScanResultCounters" AS c ("ScanId", "Slot", "Changes")
                    SELECT "ScanId", (pg_current_xact_id()::text::bigint % 16)::int, count(*) FROM old_rows GROUP BY "ScanId"
                    ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = c."Changes" + excluded."Changes";
                    RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION quickscan_results_version_from_respondent() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "ScanResultCounters" AS c ("ScanId", "Slot", "Changes")
                    VALUES (NEW."ScanId", (pg_current_xact_id()::text::bigint % 16)::int, 1)
                    ON CONFLICT ("ScanId", "Slot") DO UPDATE SET "Changes" = c."Changes" + 1;
                    RETURN NULL;
                END $$;
                -- What the scans' own counters held moves into their slot 0, so no version goes back.
                INSERT INTO "ScanResultCounters" ("ScanId", "Slot", "Changes") SELECT "Id", 0, "ResultsVersion" FROM "Scans" WHERE "ResultsVersion" > 0;
                UPDATE "Scans" SET "ResultsVersion" = 0 WHERE "ResultsVersion" > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Scans" s SET "ResultsVersion" = s."ResultsVersion" + c.total
                FROM (SELECT "ScanId", sum("Changes") AS total FROM "ScanResultCounters" GROUP BY "ScanId") c WHERE c."ScanId" = s."Id";
                CREATE OR REPLACE FUNCTION quickscan_results_version_from_new_scores() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" IN (SELECT DISTINCT "ScanId" FROM new_rows);
                    RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION quickscan_results_version_from_old_scores() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" IN (SELECT DISTINCT "ScanId" FROM old_rows);
                    RETURN NULL;
                END $$;
                CREATE OR REPLACE FUNCTION quickscan_results_version_from_respondent() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "Scans" SET "ResultsVersion" = "ResultsVersion" + 1 WHERE "Id" = NEW."ScanId";
                    RETURN NULL;
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "ScanResultCounters");
        }
    }
}
