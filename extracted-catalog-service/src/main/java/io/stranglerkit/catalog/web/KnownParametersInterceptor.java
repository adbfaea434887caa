package io.stranglerkit.catalog.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Rejects query parameters an endpoint does not declare: a typo such as {@code ?pgae=2} answers 400
 * instead of silently returning page 0.
 */
public class KnownParametersInterceptor implements HandlerInterceptor {

    private final Map<HandlerMethod, Set<String>> knownByHandler = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Set<String> known = knownByHandler.computeIfAbsent(method, KnownParametersInterceptor::declaredParameters);
            Set<String> unknown = request.getParameterMap().keySet().stream()
                    .filter(name -> !known.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!unknown.isEmpty()) {
                throw new UnknownParameterException(unknown, known);
            }
        }
        return true;
    }

    private static Set<String> declaredParameters(HandlerMethod method) {
        return Arrays.stream(method.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(RequestParam.class))
                .map(KnownParametersInterceptor::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String name(MethodParameter parameter) {
        RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
        return StringUtils.hasText(annotation.name()) ? annotation.name() : parameter.getParameterName();
    }
}
