package dev.agenthive.examples.h2;

import org.apache.ibatis.annotations.Select;

/** The store's own statement besides the shared mappers: what health reports. */
public interface H2ControlMapper {

    /** The engine's version, read on a pooled connection. */
    @Select("SELECT H2VERSION()")
    String version();
}
