package dev.claudebedrock.proxy.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

class EventStreamEncoderTest {

  @Test
  void writesAnExceptionFrameAwssOwnDecoderReads() {
    Buffer frame = EventStreamEncoder.exception("internalServerException", "broke \"mid-stream\" ü");

    Message message = Message.decode(ByteBuffer.wrap(frame.getBytes()));
    assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("exception");
    assertThat(message.getHeaders().get(":exception-type").getString()).isEqualTo("internalServerException");
    assertThat(message.getHeaders().get(":content-type").getString()).isEqualTo("application/json");
    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"broke \\\"mid-stream\\\" ü\"}");
  }

  @Test
  void writesAFrameTheGatewaysDecoderReadsAsBedrocksException() {
    List<BedrockError> errors = new ArrayList<>();
    EventStreamDecoder decoder = new EventStreamDecoder(new EventStreamDecoder.Listener() {
      @Override
      public void onChunk(byte[] eventJson) {}

      @Override
      public void onException(BedrockError error) {
        errors.add(error);
      }
    });
    assertThat(decoder.feed(EventStreamEncoder.exception("modelStreamErrorException", "silent"))).isTrue();
    assertThat(errors).containsExactly(new BedrockError(0, "ModelStreamErrorException", "silent", -1));
    assertThat(decoder.incompleteBytes()).isZero();
  }
}
