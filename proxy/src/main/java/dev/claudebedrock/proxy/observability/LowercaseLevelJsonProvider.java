package dev.claudebedrock.proxy.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Locale;
import net.logstash.logback.composite.AbstractFieldJsonProvider;
import net.logstash.logback.composite.JsonWritingUtils;

/** Writes {@code "level":"info"}: the product's log format uses lower-case level names. */
public final class LowercaseLevelJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

  public LowercaseLevelJsonProvider() {
    setFieldName("level");
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    JsonWritingUtils.writeStringField(generator, getFieldName(), event.getLevel().toString().toLowerCase(Locale.ROOT));
  }
}
