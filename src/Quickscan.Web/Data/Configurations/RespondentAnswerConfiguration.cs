using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quickscan.Domain.Scoring;

namespace Quickscan.Web.Data.Configurations;

public sealed class RespondentAnswerConfiguration : IEntityTypeConfiguration<RespondentAnswer>
{
    public void Configure(EntityTypeBuilder<RespondentAnswer> builder)
    {
        // The key is what the autosave upsert conflicts on: one answer per respondent and question.
        builder.HasKey(a => new { a.RespondentId, a.QuestionKey });
        builder.Property(a => a.QuestionKey).HasMaxLength(100);
        builder.Property(a => a.OptionKey).HasMaxLength(100);
        builder.Property(a => a.Text).HasMaxLength(TextAnswer.MaxLength);
    }
}
