package dev.claudebedrock.bench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.claudebedrock.bench.suite.SuiteResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The raw figures as JSON, so two runs can be compared: every record of the result as it is, durations in seconds,
 * each histogram as its percentiles in milliseconds plus HdrHistogram's compressed encoding (base64) for any other
 * analysis.
 */
final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new SimpleModule()
          .addSerializer(Duration.class, new DurationSerializer())
          .addSerializer(Instant.class, ToStringSerializer.instance)
          .addSerializer(Histogram.class, new HistogramSerializer()))
      .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  static String render(SuiteResult result, Machine machine, String loadAfter, List<TargetCheck> targets) {
    ObjectNode root = JSON.createObjectNode();
    root.set("machine", JSON.valueToTree(machine));
    root.put("loadAfter", loadAfter);
    root.set("targets", JSON.valueToTree(targets));
    root.set("result", JSON.valueToTree(result));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }

  private static final class DurationSerializer extends StdSerializer<Duration> {
    private static final long serialVersionUID = 1L;

    DurationSerializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeNumber(value.toNanos() / 1e9);
    }
  }

  private static final class HistogramSerializer extends StdSerializer<Histogram> {
    private static final long serialVersionUID = 1L;
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    HistogramSerializer() {
      super(Histogram.class);
    }

    @Override
    public void serialize(Histogram value, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeStartObject();
      out.writeNumberField("count", value.getTotalCount());
      if (value.getTotalCount() > 0) {
        for (double percentile : PERCENTILES) {
          out.writeNumberField("p" + Formats.number(percentile) + "Ms",
              value.getValueAtPercentile(percentile) / 1000.0);
        }
        out.writeNumberField("maxMs", value.getMaxValue() / 1000.0);
        ByteBuffer buffer = ByteBuffer.allocate(value.getNeededByteBufferCapacity());
        int length = value.encodeIntoCompressedByteBuffer(buffer);
        out.writeStringField("hdrHistogramMicros", Base64.getEncoder().encodeToString(
            Arrays.copyOf(buffer.array(), length)));
      }
      out.writeEndObject();
    }
  }
}
