package io.stranglerkit.platform;

import io.stranglerkit.platform.correlation.CorrelationIdFilter;
import io.stranglerkit.platform.limits.RequestBodyLimitFilter;
import io.stranglerkit.platform.problem.DatabaseUnavailableHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/** What every servlet application of the kit gets by depending on kit-platform. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
public class PlatformAutoConfiguration {

    /** First of all filters, so every log line of a request, even a rejected one, carries the id. */
    @Bean
    @ConditionalOnMissingBean(CorrelationIdFilter.class)
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the correlation id, so a refused body is logged and answered with it. */
    @Bean
    @ConditionalOnMissingBean(RequestBodyLimitFilter.class)
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(@Value("${kit.http.max-body-size:1MB}") DataSize maxBodySize) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(maxBodySize));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Where the application talks to a database through Spring: 503 while it is down. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.dao.DataAccessResourceFailureException")
    static class DatabaseProblems {

        @Bean
        @ConditionalOnMissingBean
        DatabaseUnavailableHandler databaseUnavailableHandler() {
            return new DatabaseUnavailableHandler();
        }
    }
}
