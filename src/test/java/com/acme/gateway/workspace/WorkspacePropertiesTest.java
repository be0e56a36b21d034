package com.acme.gateway.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Bad upstream configuration stops start-up with a message that names the property. */
class WorkspacePropertiesTest {

    private static final String SECRET = "Sup3rSecretKeyThatMustNeverBePrinted";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class)
            .withPropertyValues(
                    "workspace.endpoint=https://workspace.ap-southeast-1.myhuaweicloud.com",
                    "workspace.project-id=0bec5db98280d2d02fd6c00c2de791ce",
                    "workspace.credentials.access-key=HPUAEXAMPLEACCESSKEY1",
                    "workspace.credentials.secret-key=" + SECRET);

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("workspace.endpoint=", "workspace.endpoint"),
                Arguments.of("workspace.endpoint=ftp://workspace.example.com", "workspace.endpoint"),
                Arguments.of("workspace.endpoint=https://workspace.example.com/v2/x", "workspace.endpoint"),
                Arguments.of("workspace.endpoint=https://user@workspace.example.com", "workspace.endpoint"),
                Arguments.of("workspace.project-id=", "workspace.project-id"),
                Arguments.of("workspace.project-id=not-a-project/../x", "workspace.project-id"),
                Arguments.of("workspace.credentials.access-key=", "workspace.credentials.access-key"),
                Arguments.of("workspace.credentials.secret-key=", "workspace.credentials.secret-key"),
                Arguments.of("workspace.credentials.directory=/etc/gateway/credentials", "workspace.credentials.directory"),
                Arguments.of("workspace.credentials.reload-interval=10ms", "workspace.credentials.reload-interval"),
                Arguments.of("workspace.timeouts.read=0s", "workspace.timeouts.read"),
                Arguments.of("workspace.timeouts.connect=10m", "workspace.timeouts.connect"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void refusesToStartWithABadSetting(String setting, String property) {
        runner.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).containsAnyOf(property, boundName(property))
                    .doesNotContain(SECRET);
        });
    }

    @Test
    void startsWithAValidConfigurationAndNeverPrintsTheSecret() {
        runner.withPropertyValues("workspace.credentials.security-token=TemporaryToken123456789")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    String printed = context.getBean(WorkspaceProperties.class).toString();
                    assertThat(printed).doesNotContain(SECRET, "TemporaryToken123456789", "HPUAEXAMPLEACCESSKEY1");
                });
    }

    @Test
    void acceptsADirectoryInsteadOfInlineCredentials() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withPropertyValues("workspace.endpoint=https://workspace.example.com",
                        "workspace.project-id=0bec5db98280d2d02fd6c00c2de791ce",
                        "workspace.credentials.directory=/etc/gateway/credentials")
                .run(context -> assertThat(context.getBean(WorkspaceProperties.class).credentials().directory())
                        .hasToString("/etc/gateway/credentials"));
    }

    @Test
    void refusesToStartWithoutCredentials() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Config.class)
                .withPropertyValues("workspace.endpoint=https://workspace.example.com",
                        "workspace.project-id=0bec5db98280d2d02fd6c00c2de791ce")
                .run(context -> assertThat(messages(context.getStartupFailure())).contains("workspace.credentials"));
    }

    /** Bean Validation reports {@code workspace.credentials.access-key} as field {@code credentials.accessKey}. */
    private static String boundName(String property) {
        String field = property.substring("workspace.".length());
        return "field '" + java.util.regex.Pattern.compile("-([a-z])").matcher(field)
                .replaceAll(m -> m.group(1).toUpperCase(java.util.Locale.ROOT)) + "'";
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Configuration
    @EnableConfigurationProperties(WorkspaceProperties.class)
    static class Config {
    }
}
