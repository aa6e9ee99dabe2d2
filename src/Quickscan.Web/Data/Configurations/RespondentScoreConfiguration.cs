using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class RespondentScoreConfiguration : IEntityTypeConfiguration<RespondentScore>
{
    public void Configure(EntityTypeBuilder<RespondentScore> builder)
    {
        builder.HasKey(s => s.RespondentId);
        // Every change to the stored scores bumps the scan's ResultsVersion (migration ResultsVersion).
        builder.ToTable(t => t.HasTrigger("RespondentScores_ResultsVersion"));
        builder.Property(s => s.RoleGroup).HasMaxLength(40);
        builder.HasIndex(s => s.ScanId);
    }
}
