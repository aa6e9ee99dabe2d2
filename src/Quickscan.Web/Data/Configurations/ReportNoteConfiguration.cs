using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class ReportNoteConfiguration : IEntityTypeConfiguration<ReportNote>
{
    public void Configure(EntityTypeBuilder<ReportNote> builder)
    {
        builder.HasKey(n => new { n.ScanId, n.ConditionKey });
        builder.Property(n => n.ConditionKey).HasMaxLength(40);
        builder.Property(n => n.Text).HasMaxLength(4000);
        builder.HasOne<Scan>().WithMany().HasForeignKey(n => n.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}
