package com.acme.gateway.request;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Cross-field rules of the upstream schema plus the configured size limits. Every broken rule adds
 * its own violation so that the caller sees all of them at once.
 */
class ScriptExecutionRequestValidator implements ConstraintValidator<ValidScriptExecution, ScriptExecutionRequest> {

    private final RequestLimits limits;

    ScriptExecutionRequestValidator(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean isValid(@Nullable ScriptExecutionRequest r, ConstraintValidatorContext ctx) {
        if (r == null) {
            return true;
        }
        ctx.disableDefaultConstraintViolation();
        var v = new Violations(ctx);
        checkScriptOrCommand(r, v);
        checkList(v, "scriptIds", r.scriptIds(), limits.maxScriptIds());
        checkList(v, "desktopIds", r.desktopIds(), limits.maxDesktopIds());
        checkList(v, "grayDesktopIds", r.grayDesktopIds(), limits.maxDesktopIds());
        checkGray(r, v);
        return v.none();
    }

    private void checkScriptOrCommand(ScriptExecutionRequest r, Violations v) {
        boolean scripts = r.scriptIds() != null;
        boolean command = r.commandContent() != null;
        if (scripts && command) {
            v.add("commandContent", "must not be given together with script_ids: send either script_ids or command_content");
        } else if (!scripts && !command) {
            v.add("", "either script_ids or command_content is required");
        }
        if (scripts && r.scriptIds().isEmpty()) {
            v.add("scriptIds", "must not be empty");
        }
        if (command) {
            if (blank(r.commandContent())) {
                v.add("commandContent", "must not be blank (whitespace, control and invisible format characters only)");
            } else if (r.commandContent().length() > limits.maxCommandLength()) {
                v.add("commandContent", "must be at most " + limits.maxCommandLength() + " characters");
            }
            if (r.commandType() == null) {
                v.add("commandType", "is required with command_content: one of POWERSHELL, BAT, SHELL");
            }
        } else if (r.commandType() != null) {
            v.add("commandType", "is only allowed together with command_content");
        }
    }

    /** Blank in practice: nothing but Unicode whitespace, control and format characters (NUL, NBSP, ZWSP...). */
    static boolean blank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT);
    }

    private void checkList(Violations v, String field, @Nullable List<String> ids, int max) {
        if (ids == null) {
            return;
        }
        if (ids.size() > max) {
            v.add(field, "must have at most " + max + " entries, has " + ids.size());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id != null && !seen.add(id.toLowerCase(Locale.ROOT))) {
                v.addAt(field, i, "duplicates an earlier entry");
            }
        }
    }

    private void checkGray(ScriptExecutionRequest r, Violations v) {
        List<String> desktops = r.desktopIds();
        if (desktops != null && desktops.isEmpty()) {
            v.add("desktopIds", "must not be empty: omit it to target the whole pool");
        }
        if (desktops != null && r.grayDesktopIds() != null) {
            Set<String> targeted = new HashSet<>();
            desktops.forEach(d -> targeted.add(d == null ? "" : d.toLowerCase(Locale.ROOT)));
            for (int i = 0; i < r.grayDesktopIds().size(); i++) {
                String gray = r.grayDesktopIds().get(i);
                if (gray != null && !targeted.contains(gray.toLowerCase(Locale.ROOT))) {
                    v.addAt("grayDesktopIds", i, "must be one of desktop_ids");
                }
            }
        }
        if (desktops != null && r.grayCount() != null && r.grayCount() > desktops.size()) {
            v.add("grayCount", "must not exceed the number of desktop_ids (" + desktops.size() + ")");
        }
        if (r.grayDesktopIds() != null && r.grayDesktopIds().isEmpty()) {
            v.add("grayDesktopIds", "must not be empty: omit it when there is no gray batch");
        }
        if (r.grayFailThreshold() != null && !r.hasGrayBatch()) {
            v.add("grayFailThreshold", "is only allowed with a gray batch (gray_count or gray_desktop_ids)");
        }
        Integer gray = r.grayCount() != null ? r.grayCount()
                : r.grayDesktopIds() != null && !r.grayDesktopIds().isEmpty() ? r.grayDesktopIds().size() : null;
        if (r.grayFailThreshold() != null && gray != null && r.grayFailThreshold() > gray) {
            v.add("grayFailThreshold", "must not exceed the gray batch size (" + gray + "): it could never be reached");
        }
    }

    private static final class Violations {
        private final ConstraintValidatorContext ctx;
        private boolean any;

        Violations(ConstraintValidatorContext ctx) {
            this.ctx = ctx;
        }

        void add(String field, String message) {
            any = true;
            var builder = ctx.buildConstraintViolationWithTemplate(escape(message));
            if (field.isEmpty()) {
                builder.addConstraintViolation();
            } else {
                builder.addPropertyNode(field).addConstraintViolation();
            }
        }

        void addAt(String field, int index, String message) {
            any = true;
            ctx.buildConstraintViolationWithTemplate(escape(message))
                    .addPropertyNode(field)
                    .addContainerElementNode("<list element>", List.class, 0)
                    .inIterable().atIndex(index)
                    .addConstraintViolation();
        }

        boolean none() {
            return !any;
        }

        private static String escape(String message) {
            return message.replace("{", "\\{").replace("$", "\\$");
        }
    }
}
