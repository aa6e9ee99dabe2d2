using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class SelfScanResponseConfiguration : IEntityTypeConfiguration<SelfScanResponse>
{
    public void Configure(EntityTypeBuilder<SelfScanResponse> builder)
    {
        builder.Property(r => r.ResultTokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.ResultTokenHash).IsUnique();
        builder.Property(r => r.Language).HasMaxLength(5);
        builder.Property(r => r.Sector).HasMaxLength(100);
        builder.Property(r => r.SizeClass).HasMaxLength(50);
        builder.Property(r => r.AnswersJson).HasMaxLength(4000);
        builder.HasIndex(r => r.SubmittedAt);
        builder.HasOne(r => r.QuestionnaireVersion).WithMany().HasForeignKey(r => r.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
