using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class RespondentConfiguration : IEntityTypeConfiguration<Respondent>
{
    public void Configure(EntityTypeBuilder<Respondent> builder)
    {
        // A change of the counted or flagged marks bumps the scan's ResultsVersion (migration ResultsVersion).
        builder.ToTable(t => t.HasTrigger("Respondents_ResultsVersion"));
        builder.Property(r => r.ResumeTokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.ResumeTokenHash).IsUnique();
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.RoleGroup).HasMaxLength(40);
        builder.Property(r => r.Department).HasMaxLength(100);
        builder.HasIndex(r => r.ScanId);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Track).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.Scan).WithMany().HasForeignKey(r => r.ScanId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.RespondentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Score).WithOne().HasForeignKey<RespondentScore>(s => s.RespondentId).OnDelete(DeleteBehavior.Cascade);
    }
}
