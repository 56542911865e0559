package io.tradingrt.bridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a TCP bridge byte stream into frames (4-byte big-endian length, then the payload) and never holds more than
 * one frame of at most {@code maxFrameBytes}: the length is checked before the payload array exists. After the first
 * error every further byte is ignored, so arbitrary input gives frames and at most one precise error.
 */
public final class FrameDecoder {
  private final int maxFrameBytes;
  private final byte[] header = new byte[4];
  private int headerFilled;
  private byte[] payload;
  private int payloadFilled;
  private FrameError.Rejection failure;

  /** The complete payloads of one read, then the error that ended the stream, if any. */
  public record Result(List<byte[]> frames, FrameError.Rejection rejection) {
  }

  public FrameDecoder(int maxFrameBytes) {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be positive, not " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
  }

  public Result feed(byte[] bytes) {
    if (failure != null) {
      return new Result(List.of(), null);
    }
    List<byte[]> frames = new ArrayList<>(1);
    int at = 0;
    while (at < bytes.length) {
      if (payload == null) {
        int take = Math.min(4 - headerFilled, bytes.length - at);
        System.arraycopy(bytes, at, header, headerFilled, take);
        headerFilled += take;
        at += take;
        if (headerFilled == 4 && !startPayload()) {
          return new Result(frames, failure);
        }
      } else {
        int take = Math.min(payload.length - payloadFilled, bytes.length - at);
        System.arraycopy(bytes, at, payload, payloadFilled, take);
        payloadFilled += take;
        at += take;
      }
      if (payload != null && payloadFilled == payload.length) {
        frames.add(payload);
        payload = null;
        headerFilled = 0;
      }
    }
    return new Result(frames, null);
  }

  /** True while a frame has started (some of its length or payload arrived) and is not complete. */
  public boolean midFrame() {
    return failure == null && (headerFilled > 0 || payload != null);
  }

  /** Bytes held for the frame in progress: the bound the guard relies on. */
  public int bufferedBytes() {
    return headerFilled + (payload == null ? 0 : payloadFilled);
  }

  private boolean startPayload() {
    long length = ((header[0] & 0xffL) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
        | (header[3] & 0xff);
    if (length == 0) {
      failure = FrameError.EMPTY_FRAME.because("a frame of length 0 carries no JSON");
    } else if (length > maxFrameBytes) {
      failure = FrameError.FRAME_TOO_LARGE.because(length + " bytes announced, at most " + maxFrameBytes);
    } else {
      payload = new byte[(int) length];
      payloadFilled = 0;
      return true;
    }
    return false;
  }
}
