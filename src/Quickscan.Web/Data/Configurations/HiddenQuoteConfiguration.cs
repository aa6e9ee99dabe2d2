using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Quickscan.Web.Data.Configurations;

public sealed class HiddenQuoteConfiguration : IEntityTypeConfiguration<HiddenQuote>
{
    public void Configure(EntityTypeBuilder<HiddenQuote> builder)
    {
        // Keyed by the answer it hides: hiding twice (a double post) leaves one row.
        builder.HasKey(h => new { h.RespondentId, h.QuestionKey });
        builder.Property(h => h.QuestionKey).HasMaxLength(100);
        builder.HasIndex(h => h.ScanId);
        // Gone with the answer (a deleted response, the retention service).
        builder.HasOne<RespondentAnswer>().WithMany().HasForeignKey(h => new { h.RespondentId, h.QuestionKey }).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Scan>().WithMany().HasForeignKey(h => h.ScanId).OnDelete(DeleteBehavior.Cascade);
    }
}
