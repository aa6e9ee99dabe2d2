using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(LeadLimits.Name);
        builder.Property(l => l.OrganisationName).HasMaxLength(LeadLimits.Organisation);
        builder.Property(l => l.Email).HasMaxLength(LeadLimits.Email);
        builder.Property(l => l.Phone).HasMaxLength(LeadLimits.Phone);
        builder.Property(l => l.Sector).HasMaxLength(100);
        builder.Property(l => l.SizeClass).HasMaxLength(50);
        builder.Property(l => l.Message).HasMaxLength(LeadLimits.Message);
        builder.Property(l => l.Language).HasMaxLength(5);
        builder.Property(l => l.ConsentText).HasMaxLength(2000);
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasIndex(l => new { l.Status, l.CreatedAt });
        builder.HasIndex(l => l.AssignedToId);
        builder.HasIndex(l => l.UpdatedAt);
        // The self-scan result stays, anonymous, when the lead is deleted.
        builder.HasOne(l => l.SelfScanResponse).WithMany().HasForeignKey(l => l.SelfScanResponseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(l => l.AssignedTo).WithMany().HasForeignKey(l => l.AssignedToId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}
