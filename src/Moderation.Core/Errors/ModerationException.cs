namespace Moderation.Core.Errors;

/// <summary>
/// A failure the caller can act on. The transport maps each subtype to one status code in one
/// place; anything that is not a <see cref="ModerationException"/> is a bug or an outage.
/// </summary>
public abstract class ModerationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
