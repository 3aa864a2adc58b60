namespace Moderation.Core.Errors;

/// <summary>One invalid request field: its path (as in the API, e.g. <c>author.id</c>) and why.</summary>
public sealed record FieldViolation(string Field, string Description);
