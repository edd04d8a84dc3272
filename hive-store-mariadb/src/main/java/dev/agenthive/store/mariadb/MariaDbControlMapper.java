package dev.agenthive.store.mariadb;

import org.apache.ibatis.annotations.Select;

/** The MariaDB store's own statement: the server's version, for health. */
public interface MariaDbControlMapper {

    @Select("SELECT VERSION()")
    String serverVersion();
}
