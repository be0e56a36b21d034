package com.acme.gateway.api;

import com.acme.gateway.problem.FieldError;
import com.acme.gateway.problem.ProblemType;
import com.acme.gateway.request.BodyBytes;
import com.acme.gateway.request.Ids;
import com.acme.gateway.request.RequestLimits;
import com.acme.gateway.request.ScriptExecutionRequest;
import com.acme.gateway.workspace.ScriptExecutionJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads, bounds, parses and validates a script-execution request. Everything that is wrong is
 * reported at once; nothing unvalidated leaves this class.
 */
@Component
class SubmissionReader {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"([a-z_]{1,40})\"");

    private final ScriptExecutionJson json;
    private final Validator validator;
    private final RequestLimits limits;

    SubmissionReader(ScriptExecutionJson json, Validator validator, RequestLimits limits) {
        this.json = json;
        this.validator = validator;
        this.limits = limits;
    }

    /**
     * The validated request in canonical form: every UUID in lower case (ids are compared, audited,
     * fingerprinted and forwarded in that form).
     */
    ScriptExecutionRequest read(String poolId, HttpServletRequest request) throws IOException {
        byte[] body = boundedBody(request);
        List<FieldError> errors = new ArrayList<>();
        if (!Ids.isUuid(poolId)) {
            errors.add(FieldError.parameter("poolId", Ids.UUID_MESSAGE));
        }
        ScriptExecutionRequest parsed = parse(body, errors);
        validator.validate(parsed).stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(v -> FieldError.body(pointer(v.getPropertyPath()), v.getMessage()))
                .forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(ProblemType.VALIDATION, errors);
        }
        return parsed.canonical();
    }

    /**
     * Strict UTF-8 first (overlong forms, surrogates and stray bytes are refused alike, never
     * replaced), then strict JSON; a lone surrogate written as a JSON escape is refused the same way.
     */
    private ScriptExecutionRequest parse(byte[] body, List<FieldError> errors) {
        String text = Utf8.decodeStrictly(body);
        if (text == null) {
            errors.add(FieldError.body("#", "the body is not valid UTF-8"));
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY, errors);
        }
        if (text.isBlank()) {
            errors.add(FieldError.body("#", "a JSON object is required"));
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY, errors);
        }
        ScriptExecutionRequest parsed;
        try {
            parsed = json.read(body);
        } catch (JacksonException e) {
            errors.add(describe(e));
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY, errors);
        }
        if (parsed == null) {
            errors.add(FieldError.body("#", "the body must be a JSON object, not null"));
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY, errors);
        }
        if (parsed.commandContent() != null && Utf8.hasLoneSurrogate(parsed.commandContent())) {
            errors.add(FieldError.body("#/command_content", "contains a lone surrogate: not valid Unicode text"));
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY, errors);
        }
        return parsed;
    }

    private byte[] boundedBody(HttpServletRequest request) throws IOException {
        long max = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw new BodyTooLargeException(max);
        }
        byte[] body;
        try {
            body = BodyBytes.readAtMost(request.getInputStream(), request.getContentLengthLong(), (int) max);
        } catch (IOException e) {
            // the container has already chosen the answer (400, or 408 for a body that never came)
            // and renders it through the error page; this only ends the request without an ERROR
            throw new InvalidRequestException(ProblemType.MALFORMED_BODY, List.of(FieldError.body("#",
                    "the body could not be read: broken chunked encoding, cut short or not sent in time")));
        }
        if (body.length > max) {
            throw new BodyTooLargeException(max);
        }
        return body;
    }

    private static FieldError describe(JacksonException e) {
        StringBuilder pointer = new StringBuilder("#");
        String duplicate = e instanceof StreamReadException s ? duplicateField(s) : null;
        if (duplicate != null) {
            pointer.append('/').append(duplicate);
        }
        for (JacksonException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getPropertyName() != null ? ref.getPropertyName() : ref.getIndex());
        }
        String detail = switch (e) {
            case UnrecognizedPropertyException u -> "unknown field '" + u.getPropertyName()
                    + "'; allowed: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            case MismatchedInputException m -> e.getPath().isEmpty() ? "the body must be a JSON object"
                    : "must be " + typeName(m.getTargetType());
            case StreamReadException s when duplicateField(s) != null -> "the field appears more than once";
            case StreamReadException s -> "malformed JSON"
                    + (s.getLocation() == null ? "" : " at line " + s.getLocation().getLineNr()
                            + ", column " + s.getLocation().getColumnNr());
            default -> "cannot be read";
        };
        return FieldError.body(pointer.toString(), detail);
    }

    /** The name of a field that appears twice, when it is a plausible field name. */
    private static @Nullable String duplicateField(StreamReadException e) {
        String message = e.getOriginalMessage();
        Matcher m = message == null ? null : DUPLICATE.matcher(message);
        return m != null && m.find() ? m.group(1) : null;
    }

    private static String typeName(@Nullable Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Integer.class.equals(type) || int.class.equals(type)) {
            return "an integer";
        }
        if (String.class.equals(type)) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }

    /** {@code desktopIds[3].<list element>} becomes {@code #/desktop_ids/3}. */
    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder("#");
        for (Path.Node node : path) {
            if (node.getIndex() != null) {
                pointer.append('/').append(node.getIndex());
            }
            String name = node.getName();
            if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                pointer.append('/').append(snake(name));
            }
        }
        return pointer.toString();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
