using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class StateSnapshotConfiguration : IEntityTypeConfiguration<StateSnapshot>
{
    public void Configure(EntityTypeBuilder<StateSnapshot> builder)
    {
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(40);
        builder.Property(s => s.Stamp).HasMaxLength(100);
    }
}
