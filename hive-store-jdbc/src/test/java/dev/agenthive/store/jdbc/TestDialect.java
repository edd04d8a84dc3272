package dev.agenthive.store.jdbc;

import java.util.List;

/** A dialect with the kit's defaults and no database behind it; tests override what they look at. */
class TestDialect implements JdbcDialect {
    @Override
    public String databaseId() {
        return "standard";
    }

    @Override
    public String databaseProductName() {
        return "Standard";
    }

    @Override
    public String migrationLocation() {
        return "classpath:none";
    }

    @Override
    public List<MapperOverlay> overlays() {
        return List.of();
    }
}
