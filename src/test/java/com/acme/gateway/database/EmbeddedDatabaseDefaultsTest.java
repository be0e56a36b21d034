package com.acme.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The embedded H2 that a gateway without a configured database opens (application.yml). */
class EmbeddedDatabaseDefaultsTest {

    @Test
    void theDefaultDatabaseKeepsAOneMegabytePageCache(@TempDir Path dir) throws SQLException {
        String url = defaultUrl();
        assertThat(url).startsWith("jdbc:h2:file:./data/gateway;");

        try (var connection = DriverManager.getConnection(url.replace("./data/gateway", dir.resolve("gateway").toString()));
                var result = connection.createStatement().executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).as("H2's page cache in MB").isEqualTo("1");
        }
    }

    private static String defaultUrl() {
        var yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties properties = yaml.getObject();
        assertThat(properties).isNotNull();
        return properties.getProperty("spring.datasource.url");
    }
}
