package dev.agenthive.store.jdbc.transfer;

import dev.agenthive.api.transfer.TableSpec;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.session.ResultHandler;

import java.util.List;
import java.util.Map;

/** SQL of rows of any table of the layout; statements in {@code TableRowMapper.xml}. */
public interface TableRowMapper {

    long count(@Param("table") TableSpec table);

    /** Streams every row, column name to the driver's value, to {@code handler}. */
    void scan(@Param("table") TableSpec table, ResultHandler<Map<String, Object>> handler);

    /** The rows, key columns only, whose keys are among {@code keys}. */
    List<Map<String, Object>> presentKeys(@Param("table") TableSpec table, @Param("keys") List<List<KeyPart>> keys);

    /** Inserts {@code rows}, each a list of values bound by their own Java type's handler. */
    int insert(@Param("table") TableSpec table, @Param("rows") List<List<Object>> rows);

    /** One column of a key and the value it must hold ({@code null}: the column is empty). */
    record KeyPart(String column, Object value) {
    }
}
