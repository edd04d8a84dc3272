package dev.agenthive.it.fault.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A reader of another process, with plain sqlite-jdbc: BEGIN, one SELECT, and the read transaction
 * kept open (pinning its snapshot, and so the WAL frames after it) until the release file appears.
 * Arguments: database file, release file.
 */
public final class LongReaderMain {
    private LongReaderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path release = Path.of(args[1]);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM shared_memory")) {
                rs.next();
                System.out.println("HOLDING " + rs.getLong(1));
                System.out.flush();
            }
            while (!Files.exists(release)) {
                Thread.sleep(20);
            }
            connection.commit();
        }
        System.out.println("RELEASED");
        System.out.flush();
    }
}
