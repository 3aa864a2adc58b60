namespace Moderation.Core.Errors;

/// <summary>The store could not be reached in time; the operation may be retried.</summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : ModerationException(message, innerException);
