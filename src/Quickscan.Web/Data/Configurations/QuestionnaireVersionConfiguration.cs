using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> builder)
    {
        builder.Property(v => v.Key).HasMaxLength(100);
        builder.Property(v => v.PublishedBy).HasMaxLength(200);
        builder.HasIndex(v => new { v.Key, v.Version, v.Revision }).IsUnique();
        builder.Ignore(v => v.Label);
        builder.Property(v => v.Kind).HasConversion<string>().HasMaxLength(20);
    }
}
