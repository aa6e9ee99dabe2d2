using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class ScanConfiguration : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> builder)
    {
        // A change of ExcludeFlagged or the questionnaire version bumps ResultsVersion (migration ResultsVersion).
        builder.ToTable(t => t.HasTrigger("Scans_ResultsVersion"));
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.WelcomeText).HasMaxLength(4000);
        builder.Property(s => s.ShareToken).HasMaxLength(64);
        builder.HasIndex(s => s.ShareToken).IsUnique();
        builder.Property(s => s.JoinCode).HasMaxLength(8);
        builder.HasIndex(s => s.JoinCode).IsUnique();
        builder.Property(s => s.ReportToken).HasMaxLength(64);
        builder.HasIndex(s => s.ReportToken).IsUnique();
        builder.Property(s => s.IntakeToken).HasMaxLength(64);
        builder.HasIndex(s => s.IntakeToken).IsUnique();
        builder.Property(s => s.PlatformName).HasMaxLength(60);
        builder.Property(s => s.Languages).HasMaxLength(20);
        builder.Property(s => s.HeadcountsJson).HasMaxLength(20000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(s => s.QuestionnaireVersion).WithMany().HasForeignKey(s => s.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
