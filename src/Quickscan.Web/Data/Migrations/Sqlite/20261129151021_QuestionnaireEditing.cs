using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quickscan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuestionnaireEditing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuestionnaireVersions_Key_Version",
                table: "QuestionnaireVersions");

            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "QuestionnaireVersions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "QuestionnaireDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BasedOnVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireDrafts_QuestionnaireVersions_BasedOnVersionId",
                        column: x => x.BasedOnVersionId,
                        principalTable: "QuestionnaireVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireDraftRevisions",
                columns: table => new
                {
                    DraftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SavedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireDraftRevisions", x => new { x.DraftId, x.Revision });
                    table.ForeignKey(
                        name: "FK_QuestionnaireDraftRevisions_QuestionnaireDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "QuestionnaireDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireVersions_Key_Version_Revision",
                table: "QuestionnaireVersions",
                columns: new[] { "Key", "Version", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireDrafts_BasedOnVersionId",
                table: "QuestionnaireDrafts",
                column: "BasedOnVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuestionnaireDraftRevisions");

            migrationBuilder.DropTable(
                name: "QuestionnaireDrafts");

            migrationBuilder.DropIndex(
                name: "IX_QuestionnaireVersions_Key_Version_Revision",
                table: "QuestionnaireVersions");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "QuestionnaireVersions");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireVersions_Key_Version",
                table: "QuestionnaireVersions",
                columns: new[] { "Key", "Version" },
                unique: true);
        }
    }
}
