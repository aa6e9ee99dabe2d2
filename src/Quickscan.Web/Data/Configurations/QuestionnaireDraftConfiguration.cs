using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class QuestionnaireDraftConfiguration : IEntityTypeConfiguration<QuestionnaireDraft>
{
    public void Configure(EntityTypeBuilder<QuestionnaireDraft> builder)
    {
        builder.Property(d => d.Key).HasMaxLength(100);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.Property(d => d.Revision).IsConcurrencyToken();
        builder.HasOne(d => d.BasedOnVersion).WithMany().HasForeignKey(d => d.BasedOnVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany<QuestionnaireDraftRevision>().WithOne().HasForeignKey(r => r.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}
