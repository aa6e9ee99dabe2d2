using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class ReportNextStepConfiguration : IEntityTypeConfiguration<ReportNextStep>
{
    public void Configure(EntityTypeBuilder<ReportNextStep> builder)
    {
        builder.Property(s => s.ConditionKey).HasMaxLength(40);
        builder.Property(s => s.Title).HasMaxLength(200);
        builder.Property(s => s.Text).HasMaxLength(4000);
        builder.Property(s => s.Why).HasMaxLength(1000);
        builder.Property(s => s.TitleEn).HasMaxLength(200);
        builder.Property(s => s.TextEn).HasMaxLength(4000);
        builder.Property(s => s.WhyEn).HasMaxLength(1000);
        builder.Property(s => s.Language).HasMaxLength(2);
        builder.Property(s => s.Owner).HasMaxLength(200);

        // One step per position: two first edits at once (a double-click, two tabs) can't both copy the list.
        builder.HasIndex(s => new { s.ScanId, s.Position }).IsUnique();
        builder.HasOne<Scan>().WithMany().HasForeignKey(s => s.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}
