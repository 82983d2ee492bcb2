package io.ringkv.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.replication.QuorumNotReachedException;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestOutcomeTest {

  @Test
  void everyRequestErrorHasTheOutcomeItsHttpStatusSays() {
    Map<RequestError, String> outcomes = new EnumMap<>(RequestError.class);
    for (RequestError error : RequestError.values()) {
      outcomes.put(error, RequestOutcome.of(new RequestException(error, "refused")));
    }

    assertThat(outcomes)
        .containsEntry(RequestError.BAD_KEY, "bad_request")
        .containsEntry(RequestError.BAD_BUCKET, "bad_request")
        .containsEntry(RequestError.BAD_CONTEXT, "bad_request")
        .containsEntry(RequestError.BAD_QUORUM, "bad_request")
        .containsEntry(RequestError.BAD_REQUEST, "bad_request")
        .containsEntry(RequestError.NOT_FOUND, "not_found")
        .containsEntry(RequestError.VALUE_TOO_LARGE, "too_large")
        .containsEntry(RequestError.QUORUM_NOT_REACHED, "unavailable")
        .containsEntry(RequestError.NOT_READY, "unavailable")
        .hasSize(RequestError.values().length);
  }

  @Test
  void aQuorumFailureIsUnavailableAndAnythingUnexpectedIsAnError() {
    assertThat(RequestOutcome.of(QuorumNotReachedException.afterAsking("get", 1, 2))).isEqualTo("unavailable");
    assertThat(RequestOutcome.of(new IllegalStateException("bug"))).isEqualTo("error");
  }

  @Test
  void httpStatusesMapToTheSixOutcomes() {
    assertThat(RequestOutcome.ofHttpStatus(200)).isEqualTo("ok");
    assertThat(RequestOutcome.ofHttpStatus(204)).isEqualTo("ok");
    assertThat(RequestOutcome.ofHttpStatus(300)).as("siblings answered the read").isEqualTo("ok");
    assertThat(RequestOutcome.ofHttpStatus(404)).isEqualTo("not_found");
    assertThat(RequestOutcome.ofHttpStatus(405)).isEqualTo("bad_request");
    assertThat(RequestOutcome.ofHttpStatus(413)).isEqualTo("too_large");
    assertThat(RequestOutcome.ofHttpStatus(503)).isEqualTo("unavailable");
    assertThat(RequestOutcome.ofHttpStatus(500)).isEqualTo("error");
  }
}
