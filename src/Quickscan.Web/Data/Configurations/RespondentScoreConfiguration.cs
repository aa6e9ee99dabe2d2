using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class RespondentScoreConfiguration : IEntityTypeConfiguration<RespondentScore>
{
    public void Configure(EntityTypeBuilder<RespondentScore> builder)
    {
        builder.HasKey(s => s.RespondentId);
        builder.Property(s => s.RoleGroup).HasMaxLength(40);
        builder.HasIndex(s => s.ScanId);
    }
}
