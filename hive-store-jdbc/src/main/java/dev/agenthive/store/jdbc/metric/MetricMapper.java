package dev.agenthive.store.jdbc.metric;

import dev.agenthive.api.metric.Metric;
import dev.agenthive.api.metric.MetricQuery;
import org.apache.ibatis.annotations.Param;

import java.util.Collection;
import java.util.List;

/** SQL of the performance metrics; statements in {@code MetricMapper.xml}. */
public interface MetricMapper {

    int insert(@Param("m") Metric metric);

    List<String> existingAgents(@Param("ids") Collection<String> ids);

    List<String> existingTasks(@Param("ids") Collection<String> ids);

    MetricStats stats(@Param("q") MetricQuery query);

    /** The value at a zero-based position of the window's samples sorted by value. */
    Double valueAt(@Param("q") MetricQuery query, @Param("offset") long offset);

    List<Metric> list(@Param("q") MetricQuery query, @Param("limit") int limit);
}
