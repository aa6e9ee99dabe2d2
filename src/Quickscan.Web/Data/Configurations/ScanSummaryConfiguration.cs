using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class ScanSummaryConfiguration : IEntityTypeConfiguration<ScanSummary>
{
    public void Configure(EntityTypeBuilder<ScanSummary> builder)
    {
        builder.HasKey(s => s.ScanId);
        builder.HasOne<Scan>().WithOne().HasForeignKey<ScanSummary>(s => s.ScanId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.FiguresJson).HasMaxLength(20000);
    }
}
