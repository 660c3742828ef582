package dev.donjon.server.observe;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.donjon.server.config.LoggingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logging.*} applied to the real Logback of this JVM, its lines read back; the test configuration is restored. */
class ProcessLoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreTheTestConfiguration() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void jsonLinesCarryTheAccessFieldsLevelsAndStackTraces() throws Exception {
        ProcessLogging.apply(new LoggingConfig(LoggingConfig.Format.JSON, "INFO",
                Map.of("dev.donjon.test.quiet", "WARN"), true), out);
        LoggerFactory.getLogger("dev.donjon.test.loud").info("key cache {} entries", 3);
        LoggerFactory.getLogger("dev.donjon.test.quiet").info("not written: below the logger's level");
        LoggerFactory.getLogger("dev.donjon.test.loud").error("failed \"quoted\"", new IllegalStateException("why"));
        new AccessLog().completed("req-1", "GET", "/v1/secrets/{id}/payload", "user-p1", 200, 1_234_567);
        ProcessLogging.flush();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).get("logger").asText()).isEqualTo("dev.donjon.test.loud");
        assertThat(lines.get(0).get("message").asText()).isEqualTo("key cache 3 entries");
        assertThat(lines.get(0).get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(lines.get(1).get("message").asText()).isEqualTo("failed \"quoted\"");
        assertThat(lines.get(1).get("exception").asText()).contains("IllegalStateException: why");
        JsonNode access = lines.get(2);
        assertThat(access.get("logger").asText()).isEqualTo("donjon.access");
        assertThat(access.has("message")).as("the fields, not the text rendering").isFalse();
        assertThat(access.get("request_id").asText()).isEqualTo("req-1");
        assertThat(access.get("principal").asText()).isEqualTo("user-p1");
        assertThat(access.get("route").asText()).isEqualTo("/v1/secrets/{id}/payload");
        assertThat(access.get("status").isInt()).isTrue();
        assertThat(access.get("status").asInt()).isEqualTo(200);
        assertThat(access.get("duration_ms").asDouble()).isEqualTo(1.234);
    }

    @Test
    void textLinesAndTheAccessLogSwitchedOff() {
        ProcessLogging.apply(new LoggingConfig(LoggingConfig.Format.TEXT, "WARN", Map.of(), false), out);
        Logger logger = LoggerFactory.getLogger("dev.donjon.test.text");
        logger.info("not written: the root level is WARN");
        logger.warn("written");
        new AccessLog().completed("req-2", "POST", "/v1/secrets", "user-p1", 201, 5_000_000);
        ProcessLogging.flush();

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z WARN  dev.donjon.test.text written\\R");
    }

    @Test
    void theAccessLineInTextIsItsKeyValueRendering() {
        ProcessLogging.apply(LoggingConfig.DEFAULT, out);
        new AccessLog().completed("req-3", "DELETE", "/v1/secrets/{id}", "user-p2", 204, 42_000);
        ProcessLogging.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INFO  donjon.access request_id=req-3 "
                + "principal=user-p2 method=DELETE route=/v1/secrets/{id} status=204 duration_ms=0.042");
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }
}
