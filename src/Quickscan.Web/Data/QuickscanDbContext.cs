using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Quickscan.Web.Data;

/// <summary>
/// The app's data. Abstract because each database provider has its own sealed subclass, with its own
/// migrations (Migrations/Postgres, Migrations/Sqlite); the app only ever asks for this type.
/// </summary>
public abstract class QuickscanDbContext(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();
    public DbSet<Scan> Scans => Set<Scan>();
    public DbSet<Respondent> Respondents => Set<Respondent>();
    public DbSet<RespondentAnswer> RespondentAnswers => Set<RespondentAnswer>();
    public DbSet<RespondentScore> RespondentScores => Set<RespondentScore>();
    public DbSet<ScanSummary> ScanSummaries => Set<ScanSummary>();
    public DbSet<ScanResultCounter> ScanResultCounters => Set<ScanResultCounter>();
    public DbSet<StateSnapshot> StateSnapshots => Set<StateSnapshot>();
    public DbSet<ExpertAssessment> ExpertAssessments => Set<ExpertAssessment>();
    public DbSet<ReportNote> ReportNotes => Set<ReportNote>();
    public DbSet<ReportNextStep> ReportNextSteps => Set<ReportNextStep>();
    public DbSet<HiddenQuote> HiddenQuotes => Set<HiddenQuote>();
    public DbSet<QuestionnaireDraft> QuestionnaireDrafts => Set<QuestionnaireDraft>();
    public DbSet<QuestionnaireDraftRevision> QuestionnaireDraftRevisions => Set<QuestionnaireDraftRevision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SelfScanResponse> SelfScanResponses => Set<SelfScanResponse>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<RetentionPolicy> RetentionPolicies => Set<RetentionPolicy>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QuickscanDbContext).Assembly);
    }
}

public sealed class PostgresQuickscanDbContext(DbContextOptions<PostgresQuickscanDbContext> options) : QuickscanDbContext(options);

public sealed class SqliteQuickscanDbContext(DbContextOptions<SqliteQuickscanDbContext> options) : QuickscanDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: as text, DateTimeOffset can't be compared or sorted in queries; as a number it can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
