package io.ringkv.storage;

/** The storage could not do its work: an I/O failure, a corrupt file, a store used after close. */
public final class StorageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
