using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class ExpertAssessmentConfiguration : IEntityTypeConfiguration<ExpertAssessment>
{
    public void Configure(EntityTypeBuilder<ExpertAssessment> builder)
    {
        builder.HasKey(a => new { a.ScanId, a.ConditionKey });
        builder.Property(a => a.ConditionKey).HasMaxLength(40);
        builder.Property(a => a.Comment).HasMaxLength(4000);
        // Two windows saving at once: each update checks the row is as it read it, so one window's level can't end
        // up beside another's comment (only changed columns are written); the later save gets a 409.
        builder.Property(a => a.UpdatedAt).IsConcurrencyToken();
        builder.HasOne<Scan>().WithMany().HasForeignKey(a => a.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}
