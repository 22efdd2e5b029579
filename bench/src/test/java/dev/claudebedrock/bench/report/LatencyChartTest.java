package dev.claudebedrock.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LatencyChartTest {
  @Test
  void drawsOneCurvePerSeriesInWellFormedSvg() throws Exception {
    Histogram fast = histogram(150, 900);
    Histogram slow = histogram(400, 25_000);
    String svg = LatencyChart.render(List.of(
        new LatencyChart.Panel("Small request, 1,000 requests/s", List.of(new LatencyChart.Series("direct", fast),
            new LatencyChart.Series("gateway", slow))),
        new LatencyChart.Panel("Claude Code-sized <request>", List.of(new LatencyChart.Series("nginx", fast)))));

    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(3);
    assertThat(svg).contains("p99.99", "latency, ms", "Claude Code-sized &lt;request>", ">50<", ">0.1<");
  }

  private static Histogram histogram(long fromMicros, long toMicros) {
    Histogram histogram = new Histogram(3);
    for (long value = fromMicros; value <= toMicros; value += Math.max(1, (toMicros - fromMicros) / 1000)) {
      histogram.recordValue(value);
    }
    return histogram;
  }
}
