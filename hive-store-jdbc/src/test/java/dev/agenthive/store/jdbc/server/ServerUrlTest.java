package dev.agenthive.store.jdbc.server;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

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
            "example://u@host:notaport/db", "example://u@host:70000/db", "example://u@/db", "example://u@,/db",
            "example://u@host,/db", "jdbc:example:db",
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

    @Test
    void aPasswordMayHoldAtSignsAndColonsUpToTheLastAtSign() {
        ServerUrl url = SYNTAX.parse("example://bob:p@ss:w@rd@db/x");

        assertThat(url.user()).isEqualTo("bob");
        assertThat(url.password()).isEqualTo("p@ss:w@rd");
        assertThat(url.hosts()).containsExactly("db:4000");
        assertThat(url.location()).isEqualTo("example://bob@db:4000/x").doesNotContain("ss");
    }

    @Test
    void secretOptionsReachTheDriverButNotTheLocation() {
        ServerUrl url = SYNTAX.parse("example://bob@db/x?sslpassword=hunter2&sslkey=/k/bob.pk8&client_secret=zz9&ssl=true");

        assertThat(url.options()).containsEntry("sslpassword", "hunter2").containsEntry("client_secret", "zz9");
        assertThat(url.jdbcUrl("jdbc:example:")).contains("sslpassword=hunter2");
        assertThat(url.location())
                .isEqualTo("example://bob@db:4000/x?sslpassword=***&sslkey=%2Fk%2Fbob.pk8&client_secret=***&ssl=true");
        assertThat(url.toString()).doesNotContain("hunter2").doesNotContain("zz9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslpassword", "SSLPassword", "password", "ssl_password", "apiKey", "access-key", "authToken",
            "client.secret", "pwd", "credentials", "private_key"})
    void secretLookingOptionKeys(String key) {
        assertThat(ServerUrl.isSecretOption(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sslkey", "sslcert", "sslmode", "user", "connectTimeout", "ApplicationName"})
    void harmlessOptionKeys(String key) {
        assertThat(ServerUrl.isSecretOption(key)).isFalse();
    }

    @Test
    void aPasswordMistakenForAPortIsNotRepeated() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SYNTAX.parse("example://bob:hunter2/x?user=u"));

        assertThat(e.getMessage()).contains("port").doesNotContain("hunter2");
    }

    private static final Set<String> MODES = Set.of("disable", "prefer", "verify-full");
    private static final Set<String> WEAK = Set.of("disable", "prefer");

    @ParameterizedTest
    @CsvSource({
            "example://u@db.example.com/x?tls=disable,       db.example.com:4000, disable",
            "example://u@db.example.com/x?tls=prefer,        db.example.com:4000, prefer",
            "example://u@10.0.0.5:4001/x?tls=disable,        10.0.0.5:4001,       disable",
            "'example://u@localhost,10.0.0.5/x?tls=prefer',  10.0.0.5:4000,       prefer",
            "example://u@[2001:db8::1]/x?tls=disable,        [2001:db8::1]:4000,  disable",
    })
    void aWeakModeOffLoopbackIsWarnedOf(String text, String host, String mode) {
        String warning = SYNTAX.parse(text).withTlsDefault("tls", MODES, WEAK, "disable", "verify-full")
                .weakTransport().orElseThrow();

        assertThat(warning).contains(host).contains("tls=" + mode).contains("unencrypted").contains("verify-full")
                .doesNotContain("localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example://u@db.example.com/x", "example://u@db.example.com/x?tls=verify-full",
            "example://u@localhost/x?tls=disable", "example://u@127.0.0.1/x", "example://u@[::1]/x?tls=prefer",
            "example://u@127.0.0.2,localhost/x?tls=disable"})
    void aStrongModeOrLoopbackIsNot(String text) {
        assertThat(SYNTAX.parse(text).withTlsDefault("tls", MODES, WEAK, "disable", "verify-full").weakTransport()).isEmpty();
    }

    @Test
    void noSettledModeNoWarning() {
        assertThat(SYNTAX.parse("example://u@db.example.com/x?tls=disable").weakTransport()).isEmpty();
    }
}
