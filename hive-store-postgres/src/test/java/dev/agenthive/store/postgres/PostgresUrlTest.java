package dev.agenthive.store.postgres;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PostgresUrlTest {

    @Test
    void acceptsBothSchemesAndNothingElse() {
        assertThat(PostgresUrl.accepts("postgresql://u@h/db")).isTrue();
        assertThat(PostgresUrl.accepts(" jdbc:postgresql://h/db?user=u")).isTrue();
        assertThat(PostgresUrl.accepts("sqlite:hive.db")).isFalse();
        assertThat(PostgresUrl.accepts("postgres://u@h/db")).isFalse();
        assertThat(PostgresUrl.accepts(null)).isFalse();
    }

    @Test
    void splitsCredentialsOffAndNeverShowsThePassword() {
        PostgresUrl url = PostgresUrl.parse("postgresql://hive:s%40cr3t@db.example.com:6543/agents?ApplicationName=x");

        assertThat(url.user()).isEqualTo("hive");
        assertThat(url.password()).isEqualTo("s@cr3t");
        assertThat(url.hosts()).containsExactly("db.example.com:6543");
        assertThat(url.database()).isEqualTo("agents");
        assertThat(url.location()).isEqualTo(
                "postgresql://hive@db.example.com:6543/agents?ApplicationName=x&sslmode=verify-full");
        assertThat(url.options()).containsEntry("ApplicationName", "x").doesNotContainKey("password");
        for (String text : List.of(url.location(), url.toString())) {
            assertThat(text).doesNotContain("s@cr3t").doesNotContain("cr3t");
        }
    }

    @Test
    void jdbcFormTakesCredentialsFromTheQuery() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://10.0.0.5/hive?user=agent&password=pw&connectTimeout=3");

        assertThat(url.user()).isEqualTo("agent");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.hosts()).containsExactly("10.0.0.5:5432");
        assertThat(url.options()).containsEntry("connectTimeout", "3").doesNotContainKeys("user", "password");
        assertThat(url.location()).doesNotContain("pw");
    }

    @Test
    void remoteHostsDefaultToVerifyFullAndLoopbackToTheDriverDefault() {
        assertThat(PostgresUrl.parse("postgresql://u@db.internal/hive").sslMode()).isEqualTo("verify-full");
        assertThat(PostgresUrl.parse("postgresql://u@localhost/hive").sslMode()).isEqualTo("prefer");
        assertThat(PostgresUrl.parse("postgresql://u@127.0.0.1:5432/hive").sslMode()).isEqualTo("prefer");
        assertThat(PostgresUrl.parse("postgresql://u@[::1]:5432/hive").sslMode()).isEqualTo("prefer");
        assertThat(PostgresUrl.parse("postgresql://u@localhost,db.internal/hive").sslMode()).isEqualTo("verify-full");
    }

    @Test
    void aWeakerSslModeIsUsedOnlyWhenAskedFor() {
        assertThat(PostgresUrl.parse("postgresql://u@db.internal/hive?sslmode=require").sslMode()).isEqualTo("require");
        assertThat(PostgresUrl.parse("postgresql://u@db.internal/hive?sslmode=disable").sslMode()).isEqualTo("disable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://", "postgresql://u@host", "postgresql://u@host/", "postgresql://host/db",
            "postgresql://u@host:notaport/db", "postgresql://u@host:70000/db", "postgresql://u@/db",
            "jdbc:postgresql:db", "postgresql://u@host/db?sslmode=sometimes", "mysql://u@host/db"})
    void malformedUrlsNameTheSetting(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PostgresUrl.parse(text));

        assertThat(e.field()).isEqualTo("hive.storage.url");
    }

    @Test
    void aMalformedPasswordEscapeIsReportedWithoutThePassword() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> PostgresUrl.parse("postgresql://u:hunter%zz2@host/db"));

        assertThat(e.getMessage()).contains("password").doesNotContain("hunter");
    }
}
