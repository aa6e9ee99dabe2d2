using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class ScanResultCounterConfiguration : IEntityTypeConfiguration<ScanResultCounter>
{
    // Written by database triggers only (migration ScanResultCounters); no foreign key, see ScanResultCounter.
    public void Configure(EntityTypeBuilder<ScanResultCounter> builder) => builder.HasKey(c => new { c.ScanId, c.Slot });
}
