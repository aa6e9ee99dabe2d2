using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class QuestionnaireDraftRevisionConfiguration : IEntityTypeConfiguration<QuestionnaireDraftRevision>
{
    public void Configure(EntityTypeBuilder<QuestionnaireDraftRevision> builder)
    {
        builder.HasKey(r => new { r.DraftId, r.Revision });
        builder.Property(r => r.SavedBy).HasMaxLength(256);
    }
}
