package dev.agenthive.store.mariadb;

import dev.agenthive.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MariaDbUrlTest {

    @Test
    void acceptsItsThreeSchemesAndNothingElse() {
        assertThat(MariaDbUrl.accepts("mariadb://u@h/db")).isTrue();
        assertThat(MariaDbUrl.accepts(" JDBC:MariaDB://h/db?user=u")).isTrue();
        assertThat(MariaDbUrl.accepts("jdbc:mysql://h/db?user=u")).isTrue();
        assertThat(MariaDbUrl.accepts("mysql://u@h/db")).isFalse();
        assertThat(MariaDbUrl.accepts("postgresql://u@h/db")).isFalse();
        assertThat(MariaDbUrl.accepts("sqlite:hive.db")).isFalse();
        assertThat(MariaDbUrl.accepts(null)).isFalse();
    }

    @Test
    void splitsCredentialsOffAndNeverShowsThePassword() {
        MariaDbUrl url = MariaDbUrl.parse("mariadb://hive:s%40cr3t@db.example.com:3307/agents?connectTimeout=3000");

        assertThat(url.user()).isEqualTo("hive");
        assertThat(url.password()).isEqualTo("s@cr3t");
        assertThat(url.host()).isEqualTo("db.example.com");
        assertThat(url.port()).isEqualTo(3307);
        assertThat(url.database()).isEqualTo("agents");
        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:mariadb://db.example.com:3307/agents?connectTimeout=3000&sslMode=verify-full");
        assertThat(url.location())
                .isEqualTo("mariadb://hive@db.example.com:3307/agents?connectTimeout=3000&sslMode=verify-full");
        for (String text : List.of(url.location(), url.jdbcUrl(), url.toString())) {
            assertThat(text).doesNotContain("cr3t");
        }
    }

    @Test
    void aUserWithoutPasswordAndTheDefaultPort() {
        MariaDbUrl url = MariaDbUrl.parse("mariadb://root@127.0.0.1/test");

        assertThat(url.user()).isEqualTo("root");
        assertThat(url.password()).isNull();
        assertThat(url.port()).isEqualTo(3306);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable");
    }

    @Test
    void jdbcFormsTakeCredentialsFromTheQueryAndBecomeMariaDbUrls() {
        MariaDbUrl mariadb = MariaDbUrl.parse("jdbc:mariadb://10.0.0.5/hive?user=agent&password=pw&useServerPrepStmts=true");
        MariaDbUrl mysql = MariaDbUrl.parse("jdbc:mysql://10.0.0.5:3306/hive?permitMysqlScheme&USER=agent&Password=pw"
                + "&useServerPrepStmts=true");

        assertThat(mariadb.user()).isEqualTo("agent");
        assertThat(mariadb.password()).isEqualTo("pw");
        assertThat(mariadb.options()).containsEntry("useServerPrepStmts", "true").doesNotContainKeys("user", "password");
        assertThat(mariadb.location()).doesNotContain("pw");
        assertThat(mysql).isEqualTo(mariadb);
        assertThat(mysql.jdbcUrl()).isEqualTo("jdbc:mariadb://10.0.0.5:3306/hive?useServerPrepStmts=true&sslMode=verify-full");
    }

    @Test
    void optionsReachTheDriverUndecodedSinceItDecodesNothing() {
        MariaDbUrl url = MariaDbUrl.parse("mariadb://u@db.internal/hive?connectionAttributes=program%3Ahive%2Cteam%3Aa%20b");

        assertThat(url.options()).containsEntry("connectionAttributes", "program:hive,team:a b");
        assertThat(url.jdbcUrl()).contains("?connectionAttributes=program:hive,team:a b&");
        assertThat(MariaDbUrl.parse(url.location())).isEqualTo(url);
    }

    @ParameterizedTest
    @CsvSource({
            "mariadb://u@db.internal/hive, verify-full",
            "mariadb://u@localhost/hive, disable",
            "mariadb://u@127.0.0.1:3306/hive, disable",
            "mariadb://u@[::1]:3306/hive, disable",
            "mariadb://u@[2001:db8::1]:3306/hive, verify-full",
            "mariadb://u@db.internal/hive?sslMode=trust, trust",
            "mariadb://u@db.internal/hive?sslmode=DISABLE, disable",
            "mariadb://u@localhost/hive?SSLMODE=verify-ca, verify-ca"})
    void remoteServersDefaultToVerifiedTlsAndLoopbackToNone(String text, String sslMode) {
        MariaDbUrl url = MariaDbUrl.parse(text);

        assertThat(url.sslMode()).isEqualTo(sslMode);
        assertThat(url.jdbcUrl()).endsWith("sslMode=" + sslMode).containsOnlyOnce("sslMode");
    }

    @Test
    void anIpv6HostKeepsItsBrackets() {
        MariaDbUrl url = MariaDbUrl.parse("mariadb://u@[2001:db8::1]:3310/hive");

        assertThat(url.host()).isEqualTo("[2001:db8::1]");
        assertThat(url.port()).isEqualTo(3310);
        assertThat(url.jdbcUrl()).startsWith("jdbc:mariadb://[2001:db8::1]:3310/hive?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb://", "mariadb://u@host", "mariadb://u@host/", "mariadb://host/db",
            "mariadb://@host/db", "mariadb://u@host:notaport/db", "mariadb://u@host:0/db", "mariadb://u@host:70000/db",
            "mariadb://u@/db", "mariadb://u@:3306/db", "mariadb://u@::1/db", "mariadb://u@a,b/db",
            "mariadb://u@host/db/extra", "mariadb://u@host/db%20name",
            "mariadb://u@host/d1234567890123456789012345678901234567890123456789012345678901234",
            "mariadb://u@host/db?sslMode=PREFERRED", "mariadb://u@host/db?useSSL=false",
            "mariadb://u@host/db?a=b%26c", "mariadb://u@host/db?=x", "jdbc:mariadb:db",
            "jdbc:mariadb:sequential://a,b/db?user=u", "jdbc:mysql:replication://a,b/db?user=u",
            "mysql://u@host/db", "postgresql://u@host/db"})
    void malformedUrlsNameTheSetting(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MariaDbUrl.parse(text));

        assertThat(e.field()).isEqualTo("hive.storage.url");
    }

    @Test
    void messagesSayWhatIsWrong() {
        assertThat(rule("mariadb://u@a:3306,b:3306/db")).contains("one host");
        assertThat(rule("jdbc:mariadb:loadbalance://a,b/db?user=u")).contains("load-balancing modes are not supported");
        assertThat(rule("mariadb://u@host/db?useSsl=true")).contains("sslMode");
        assertThat(rule("mariadb://u@host/db?sslMode=REQUIRED")).contains("[disable, trust, verify-ca, verify-full]");
        assertThat(rule("mariadb://u@host/my.db")).contains("database name");
        assertThat(rule("mariadb://host/db")).contains("user");
        assertThat(rule("mariadb://u@host:99999/db")).contains("port");
    }

    @Test
    void aMalformedPasswordEscapeIsReportedWithoutThePassword() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MariaDbUrl.parse("mariadb://u:hunter%zz2@host/db"));

        assertThat(e.getMessage()).contains("password").doesNotContain("hunter");
    }

    private static String rule(String text) {
        return assertThrows(InvalidInputException.class, () -> MariaDbUrl.parse(text)).rule();
    }
}
