using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SelfScanAndLeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "QuestionnaireVersions",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Quickscan");

            migrationBuilder.CreateTable(
                name: "SelfScanResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionnaireVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SizeClass = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AnswersJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Index = table.Column<double>(type: "REAL", nullable: true),
                    ScoresJson = table.Column<string>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfScanResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfScanResponses_QuestionnaireVersions_QuestionnaireVersionId",
                        column: x => x.QuestionnaireVersionId,
                        principalTable: "QuestionnaireVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SizeClass = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    ConsentText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfScanResponseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssignedToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Leads_AspNetUsers_AssignedToId",
                        column: x => x.AssignedToId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Leads_SelfScanResponses_SelfScanResponseId",
                        column: x => x.SelfScanResponseId,
                        principalTable: "SelfScanResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_AssignedToId",
                table: "Leads",
                column: "AssignedToId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_OrganisationId",
                table: "Leads",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_SelfScanResponseId",
                table: "Leads",
                column: "SelfScanResponseId");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_Status_CreatedAt",
                table: "Leads",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_UpdatedAt",
                table: "Leads",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SelfScanResponses_QuestionnaireVersionId",
                table: "SelfScanResponses",
                column: "QuestionnaireVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SelfScanResponses_ResultTokenHash",
                table: "SelfScanResponses",
                column: "ResultTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfScanResponses_SubmittedAt",
                table: "SelfScanResponses",
                column: "SubmittedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Leads");

            migrationBuilder.DropTable(
                name: "SelfScanResponses");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "QuestionnaireVersions");
        }
    }
}
