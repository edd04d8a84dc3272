package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerUrlTest {
    /** A store with two driver prefixes, as MySQL-family drivers have. */
    private static final ServerUrl.Syntax SYNTAX =
            new ServerUrl.Syntax("example", List.of("jdbc:example:", "jdbc:legacy:"), 4000);

    @Test
    void acceptsItsSchemeAndEachDriverPrefixAndNothingElse() {
        assertThat(SYNTAX.accepts("example://u@h/db")).isTrue();
        assertThat(SYNTAX.accepts(" JDBC:Example://h/db?user=u")).isTrue();
        assertThat(SYNTAX.accepts("jdbc:legacy://h/db?user=u")).isTrue();
        assertThat(SYNTAX.accepts("examples://u@h/db")).isFalse();
        assertThat(SYNTAX.accepts("sqlite:hive.db")).isFalse();
        assertThat(SYNTAX.accepts(null)).isFalse();
    }

    @Test
    void splitsCredentialsOffAndNeverShowsThePassword() {
        ServerUrl url = SYNTAX.parse("example://hive:s%40cr3t@db.example.com,[::1]:4001/agents");

        assertThat(url.user()).isEqualTo("hive");
        assertThat(url.password()).isEqualTo("s@cr3t");
        assertThat(url.hosts()).containsExactly("db.example.com:4000", "[::1]:4001");
        assertThat(url.options()).isEmpty();
        assertThat(url.location()).isEqualTo("example://hive@db.example.com:4000,[::1]:4001/agents");
        assertThat(url.jdbcUrl("jdbc:example:")).isEqualTo("jdbc:example://db.example.com:4000,[::1]:4001/agents");
        assertThat(url.toString()).isEqualTo(url.location()).doesNotContain("cr3t");
    }

    @Test
    void theDriverFormTakesCredentialsFromTheQueryAndKeepsTheOtherOptions() {
        ServerUrl url = SYNTAX.parse("jdbc:legacy://10.0.0.5/hive?user=agent&password=pw&connectTimeout=3")
                .withOption("useSsl", "true");

        assertThat(url.user()).isEqualTo("agent");
        assertThat(url.password()).isEqualTo("pw");
        assertThat(url.options()).containsEntry("connectTimeout", "3").containsEntry("useSsl", "true")
                .doesNotContainKeys("user", "password");
        assertThat(url.location()).isEqualTo("example://agent@10.0.0.5:4000/hive?connectTimeout=3&useSsl=true");
    }

    @Test
    void loopbackIsEveryHostOnThisMachine() {
        assertThat(SYNTAX.parse("example://u@localhost,127.0.0.2,[::1]/db").onlyLoopbackHosts()).isTrue();
        assertThat(SYNTAX.parse("example://u@localhost,db.internal/db").onlyLoopbackHosts()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example://", "example://u@host", "example://u@host/", "example://host/db",
            "example://u@host:notaport/db", "example://u@host:70000/db", "example://u@/db", "jdbc:example:db",
            "other://u@host/db"})
    void malformedUrlsNameTheSetting(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SYNTAX.parse(text));

        assertThat(e.field()).isEqualTo("hive.storage.url");
    }

    @Test
    void aMalformedPasswordEscapeIsReportedWithoutThePassword() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SYNTAX.parse("example://u:hunter%zz2@host/db"));

        assertThat(e.getMessage()).contains("password").doesNotContain("hunter");
    }
}
