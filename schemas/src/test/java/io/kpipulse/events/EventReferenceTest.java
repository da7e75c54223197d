package io.kpipulse.events;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EventReferenceTest {
    @Test
    void committedEventReferenceIsUpToDate() throws Exception {
        Path page = Path.of("EVENTS.md");
        String message = "schemas/EVENTS.md is out of date; regenerate with: " + EventReferenceGenerator.COMMAND;
        assertTrue(Files.exists(page), message);
        // assertTrue rather than assertEquals: the message matters, a dump of the whole page does not.
        assertTrue(EventReferenceGenerator.render().equals(Files.readString(page, StandardCharsets.UTF_8)), message);
    }

    @Test
    void referenceListsEveryEventWithItsTopicAndCorrelationId() {
        String page = EventReferenceGenerator.render();
        for (EventType type : EventTypes.all()) {
            assertTrue(page.contains("### " + type.name() + "\n"), type.name());
            assertTrue(page.contains("`" + type.javaClass().getName() + "`"), type.name());
        }
    }
}
