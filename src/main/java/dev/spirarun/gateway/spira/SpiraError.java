package dev.spirarun.gateway.spira;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An error answer from Spira, reduced to a short message that is safe to show a caller. Spira answers errors
 * in four shapes — an empty body, a JSON string, a validation object, or an HTML "Request Error" page that
 * carries the exception message followed by a stack trace, which is never kept.
 *
 * @param status the HTTP status Spira answered with
 * @param shape which of the four shapes the body had
 * @param message the exception or validation message, without markup or stack trace; may be empty
 * @param retryAfter Spira's {@code Retry-After}, if it sent one
 */
public record SpiraError(int status, Shape shape, String message, @Nullable Duration retryAfter) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EXCEPTION_MESSAGE = Pattern.compile("The exception message is '(.*?)'\\.?\\s*(See server logs|The exception stack trace|$)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final int MAX_MESSAGE = 400;

    /** The four ways Spira reports an error, and anything else. */
    public enum Shape { EMPTY, JSON_STRING, VALIDATION, HTML, OTHER }

    public static SpiraError parse(int status, @Nullable String contentType, @Nullable String body,
            @Nullable Duration retryAfter) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return new SpiraError(status, Shape.EMPTY, "", retryAfter);
        }
        if (text.startsWith("<") || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))) {
            return new SpiraError(status, Shape.HTML, fromHtml(text), retryAfter);
        }
        try {
            JsonNode json = JSON.readTree(text);
            if (json.isString()) {
                return new SpiraError(status, Shape.JSON_STRING, clean(json.asString()), retryAfter);
            }
            if (json.isObject() && (json.has("Summary") || json.has("Messages") || json.has("Message"))) {
                return new SpiraError(status, Shape.VALIDATION, fromValidation(json), retryAfter);
            }
        } catch (RuntimeException notJson) {
            // fall through: keep only plain text
        }
        return new SpiraError(status, Shape.OTHER, clean(TAG.matcher(text).replaceAll(" ")), retryAfter);
    }

    /** Whether the message contains this text, ignoring case. */
    public boolean mentions(String text) {
        return message.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    /** A phrase for a problem detail: "Spira answered 400: 'message'". */
    public String describe() {
        return message.isEmpty() ? "Spira answered HTTP " + status + " with no message"
                : "Spira answered HTTP %d: '%s'".formatted(status, message);
    }

    private static String fromHtml(String html) {
        String text = TAG.matcher(html).replaceAll(" ");
        Matcher matcher = EXCEPTION_MESSAGE.matcher(text);
        if (matcher.find()) {
            return clean(unescape(matcher.group(1)));
        }
        int trace = text.toLowerCase(Locale.ROOT).indexOf("stack trace");
        String head = trace >= 0 ? text.substring(0, trace) : text;
        return clean(unescape(head.replaceFirst("(?i)^\\s*Request Error\\s*", "")));
    }

    private static String fromValidation(JsonNode json) {
        String summary = json.path("Summary").asString(json.path("Message").asString(""));
        String messages = json.path("Messages").valueStream()
                .map(m -> {
                    String field = m.path("FieldName").asString("");
                    String message = m.path("Message").asString("");
                    return field.isEmpty() ? message : field + ": " + message;
                })
                .filter(s -> !s.isBlank()).collect(Collectors.joining("; "));
        return clean(summary.isBlank() ? messages : messages.isBlank() ? summary : summary + " (" + messages + ")");
    }

    private static String unescape(String text) {
        return text.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String clean(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
