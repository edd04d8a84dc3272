package dev.agenthive.core.provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile URLs and what {@link Redaction#url} shows of them: no password, no secret parameter, and
 * the rest (scheme, user, hosts, database, harmless options) kept so the message still says where.
 * Each row names the secret that must not be shown; {@code |} stands for a field separator the CSV
 * source cannot hold.
 */
class RedactionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # url                                                              | shown                                                           | secret
            postgresql://bob:p@ss@db/x                                         | postgresql://bob:***@db/x                                       | ss
            postgresql://bob:p@ss@db:5432,db2:5433/x?sslmode=require           | postgresql://bob:***@db:5432,db2:5433/x?sslmode=require         | p@ss
            postgresql://bob:pa:ss@db/x                                        | postgresql://bob:***@db/x                                       | ss
            postgresql://bob:pa/ss@db/x                                        | postgresql://bob:***@db/x                                       | pa/ss
            postgresql://bob:pa#ss@db/x                                        | postgresql://bob:***@db/x                                       | pa#ss
            postgresql://bob:pa?ss@db/x                                        | postgresql://bob:***@db/x                                       | pa?ss
            postgresql://bob:pa?ss@db/x?user=eve@corp&password=hunter2         | postgresql://bob:***@corp&password=***                          | hunter2
            postgresql://bob:secret/x                                          | postgresql://bob:***/x                                          | secret
            postgresql://bob:%40%3Fsecret@db/x                                 | postgresql://bob:***@db/x                                       | secret
            postgresql://bob@db/x?password=hunter2&sslmode=verify-full         | postgresql://bob@db/x?password=***&sslmode=verify-full          | hunter2
            postgresql://bob@db/x?sslpassword=hunter2&sslkey=/k/bob.pk8        | postgresql://bob@db/x?sslpassword=***&sslkey=/k/bob.pk8         | hunter2
            postgresql://bob@db/x?ssl_password=zz1;zz2&x=1                     | postgresql://bob@db/x?ssl_password=***&x=1                      | zz
            postgresql://bob@db/x?SSLPassword=hunter2                          | postgresql://bob@db/x?SSLPassword=***                           | hunter2
            postgresql://bob@db/x?pass%77ord=hunter2                           | postgresql://bob@db/x?pass%77ord=***                            | hunter2
            postgresql://bob@db/x?token=zq1&api_key=zq2&apikey=zq3&access_key=zq4 | postgresql://bob@db/x?token=***&api_key=***&apikey=***&access_key=*** | zq
            postgresql://bob@db/x?credentials=zc1&private_key=zc2&client_secret=zc3 | postgresql://bob@db/x?credentials=***&private_key=***&client_secret=*** | zc
            postgresql://bob@db/x?passwd=zp1&pwd=zp2&authToken=zp3&db.password=zp4 | postgresql://bob@db/x?passwd=***&pwd=***&authToken=***&db.password=*** | zp
            postgresql://bob@db/x#password=hunter2                             | postgresql://bob@db/x#password=***                              | hunter2
            jdbc:postgresql://db:5432/x?user=bob&password=hunter2&ssl=true     | jdbc:postgresql://db:5432/x?user=bob&password=***&ssl=true      | hunter2
            jdbc:postgresql://db/x?password=hunter2                            | jdbc:postgresql://db/x?password=***                             | hunter2
            jdbc:mariadb://bob:hunter2@db:3306/x                               | jdbc:mariadb://bob:***@db:3306/x                                | hunter2
            jdbc:sqlserver://db:1433;user=bob;password=hunter2;encrypt=true    | jdbc:sqlserver://db:1433;user=bob;password=***                  | hunter2
            mariadb://bob:hunter2@[::1]:3306/x?sslMode=trust                   | mariadb://bob:***@[::1]:3306/x?sslMode=trust                    | hunter2
            redis://:hunter2@127.0.0.1:6379/0                                  | redis://:***@127.0.0.1:6379/0                                   | hunter2
            redis://hunter2@127.0.0.1:6379/0                                   | redis://***@127.0.0.1:6379/0                                    | hunter2
            rediss://bob:hunter2@cache:6380/1                                  | rediss://bob:***@cache:6380/1                                   | hunter2
            REDIS://hunter2@cache                                              | REDIS://***@cache                                               | hunter2
            sqlite:/tmp/hive.db?password=hunter2                               | sqlite:/tmp/hive.db?password=***                                | hunter2
            file:/data/blobs;secret=hunter2                                    | file:/data/blobs;secret=***                                     | hunter2
            jdbc:sqlite:/tmp/hive.db?pwd=hunter2                               | jdbc:sqlite:/tmp/hive.db?pwd=***                                | hunter2
            """)
    void hidesTheSecret(String url, String shown, String secret) {
        String redacted = Redaction.url(url);
        assertThat(redacted).isEqualTo(shown).doesNotContain(secret);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sqlite:/tmp/hive.db
            sqlite:.hive/agent_hive.db
            sqlite:/home/bob@corp/hive.db
            file:/data/blobs
            caffeine:
            none:
            store:
            postgresql://bob@db:5432/x?sslmode=verify-full&sslkey=/k/bob.pk8&sslcert=/k/bob.crt
            postgresql://[::1]:5432,db2/x
            jdbc:postgresql://db/x?user=bob
            redis://127.0.0.1:6379/0
            """)
    void keepsWhatHoldsNoSecret(String url) {
        assertThat(Redaction.url(url)).isEqualTo(url);
    }

    @Test
    void nullIsShownAsNull() {
        assertThat(Redaction.url(null)).isEqualTo("null");
    }

    @Test
    void secretParameterKeys() {
        assertThat(Redaction.isSecretParameter("sslpassword")).isTrue();
        assertThat(Redaction.isSecretParameter("SSL-Password")).isTrue();
        assertThat(Redaction.isSecretParameter("x_api_key")).isTrue();
        assertThat(Redaction.isSecretParameter("sslkey")).as("a file name, not a secret").isFalse();
        assertThat(Redaction.isSecretParameter("user")).isFalse();
        assertThat(Redaction.isSecretParameter("sslmode")).isFalse();
    }

    @Test
    void settingsMaskSecretKeysAndRedactUrls() {
        assertThat(Redaction.setting("hive.postgresql.password", "pw")).isEqualTo("***");
        assertThat(Redaction.setting("hive.storage.url", "postgresql://bob:p@ss@db/x")).isEqualTo("postgresql://bob:***@db/x");
        assertThat(Redaction.setting("hive.cache.url", "redis://:pw@h")).isEqualTo("redis://:***@h");
        assertThat(Redaction.setting("hive.postgresql.pool-size", "10")).isEqualTo("10");
    }
}
