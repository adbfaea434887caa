package io.stranglerkit.platform.tracing;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.dsproxy.transform.QueryTransformer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.util.regex.Pattern;

/**
 * Appends the current trace context ({@link TraceComment}) to every write statement a data source
 * runs, so the change's row events in the binlog say which trace caused them. Reads are left as they
 * are; so is a write with no current span (a seed, a migration). datasource-proxy does the JDBC
 * wrapping; this class only decides the text.
 */
public class SqlTraceComments implements BeanPostProcessor {

    private static final Pattern WRITE = Pattern.compile("^\\s*(insert|update|delete|replace)\\b", Pattern.CASE_INSENSITIVE);

    private final ObjectProvider<Tracer> tracer;

    public SqlTraceComments(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    /** The data source, whose write statements now carry the current trace context. */
    public DataSource wrap(DataSource dataSource) {
        QueryTransformer comment = info -> withContext(info.getQuery());
        return ProxyDataSourceBuilder.create(dataSource).queryTransformer(comment).build();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource ? wrap(dataSource) : bean;
    }

    String withContext(String statement) {
        Tracer current = tracer.getIfAvailable();
        TraceContext context = current == null ? null : current.currentTraceContext().context();
        if (context == null || !WRITE.matcher(statement).find()) {
            return statement;
        }
        String traceparent = TraceComment.traceparent(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled()));
        return statement + TraceComment.of(traceparent);
    }
}
