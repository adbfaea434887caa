package io.stranglerkit.system.kit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kit as a class uses it (tracing on, the classroom snapshot taken after the first seed), shared
 * by three suites so that the build starts it once: first the tracing tests, which need it freshly
 * seeded; then the whole classroom course, which ends with {@code kit reset --fast}; then the console
 * in a browser, on the kit that reset gave back.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class TracedKitIT {

    static final KitRunner KIT = new KitRunner();

    @BeforeAll
    static void up() throws Exception {
        KIT.env.remove("KIT_TRACING");
        KIT.env.remove("KIT_SNAPSHOT");
        KitRunner.Result up = KIT.kit("up", "--products", "300");
        assertThat(up.exit()).as(up.output()).isZero();
        assertThat(up.output()).contains("zipkin", "Traces:      " + KIT.url("KIT_ZIPKIN_PORT"), "Classroom snapshot: ");
        KIT.awaitCatalogWritesOpen();
    }

    @AfterAll
    static void down() throws Exception {
        KIT.kit("down");
    }

    @Nested
    @Order(1)
    class Tracing extends TracingTests {
    }

    @Nested
    @Order(2)
    class Classroom extends ClassroomTests {
    }

    @Nested
    @Order(3)
    class Console extends ConsoleTests {
    }
}
