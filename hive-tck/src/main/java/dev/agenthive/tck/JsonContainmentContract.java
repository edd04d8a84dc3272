package dev.agenthive.tck;

import dev.agenthive.api.agent.AgentQuery;
import dev.agenthive.api.agent.AgentRegistration;
import dev.agenthive.api.agent.AgentStatus;
import dev.agenthive.api.error.InvalidInputException;
import dev.agenthive.api.event.Event;
import dev.agenthive.api.event.EventPage;
import dev.agenthive.api.event.EventQuery;
import dev.agenthive.api.event.Severity;
import dev.agenthive.api.json.Json;
import dev.agenthive.api.memory.JsonType;
import dev.agenthive.api.memory.MemoryEntry;
import dev.agenthive.api.memory.MemoryQuery;
import dev.agenthive.api.memory.MemoryWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Contract of the JSON-fragment queries ({@link AgentQuery#configurationContains()},
 * {@link EventQuery#detailsContain()}, {@link MemoryQuery#metadataContains()}): every store answers
 * with PostgreSQL's {@code jsonb @>} rules, as documented on {@link Json}. The rule table is what
 * PostgreSQL itself answers, so running this contract on PostgreSQL checks the table, and on any
 * other store checks the store against it.
 */
public abstract sealed class JsonContainmentContract extends AbstractStoreContract permits HiveStoreTck.JsonContainment {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    /** document, fragment, whether the document contains the fragment. */
    private record Case(String document, String fragment, boolean contains) {
    }

    private static final List<Case> RULES = List.of(
            new Case("{\"a\":1}", "{}", true),
            new Case("[]", "[]", true),
            new Case("[1]", "[]", true),
            new Case("{}", "[]", false),
            new Case("[]", "{}", false),
            new Case("[{\"a\":1,\"b\":2}]", "[{\"a\":1}]", true),
            new Case("[[1,2]]", "[[1]]", true),
            new Case("[[1,2]]", "[1]", false),
            new Case("{\"a\":[1,2]}", "{\"a\":1}", false),
            new Case("{\"a\":[1,2]}", "{\"a\":[1]}", true),
            new Case("\"x\"", "\"x\"", true),
            new Case("[\"x\"]", "\"x\"", true),
            new Case("\"x\"", "[\"x\"]", false),
            new Case("1", "1.0", true),
            new Case("{\"a\":null}", "{\"a\":null}", true),
            new Case("{\"a\":{\"b\":{\"c\":[1,{\"d\":true}]}}}", "{\"a\":{\"b\":{\"c\":[{\"d\":true}]}}}", true),
            new Case("{\"a\":{\"b\":{\"c\":[1,{\"d\":true}]}}}", "{\"a\":{\"b\":{\"c\":[{\"d\":false}]}}}", false),
            new Case("[1,2,3]", "[3,1,1]", true),
            new Case("{\"a\":1}", "{\"a\":1,\"b\":2}", false),
            new Case("{\"a\":\"1\"}", "{\"a\":1}", false),
            new Case("[{\"a\":1}]", "{\"a\":1}", false),
            new Case("{\"a\":[{\"b\":1}]}", "{\"a\":{\"b\":1}}", false),
            new Case("[1,[2]]", "[[2],1]", true),
            new Case("{\"tags\":[\"x\",\"y\"],\"n\":2.50}", "{\"tags\":[\"y\"],\"n\":2.5}", true),
            new Case("[null]", "null", true),
            new Case("null", "null", true),
            new Case("true", "[true]", false),
            new Case("[true]", "true", true),
            new Case("[\"x\"]", "\"y\"", false),
            new Case("[[\"x\"]]", "\"x\"", false),
            new Case("{\"a\":\"x\"}", "\"x\"", false),
            new Case("[1,2]", "2.0", true),
            new Case("[[1]]", "[[]]", true),
            new Case("{\"a\":[]}", "{\"a\":[]}", true),
            new Case("{\"a\":{}}", "{\"a\":{}}", true),
            new Case("{\"a\":[1]}", "{\"a\":{}}", false),
            new Case("{\"a\":1e2}", "{\"a\":100}", true),
            new Case("{\"s\":\"caf\\u00e9\"}", "{\"s\":\"café\"}", true));

    @Test
    void everyStoreAppliesPostgresqlContainmentRules() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < RULES.size(); i++) {
            events.add(new Event("rule-" + i, "rule-" + i, Severity.INFO, null, null,
                    json(RULES.get(i).document()), T0.plusSeconds(i)));
        }
        store().events().append(events);

        List<Executable> checks = new ArrayList<>();
        for (int i = 0; i < RULES.size(); i++) {
            Case rule = RULES.get(i);
            EventQuery query = new EventQuery(null, "rule-" + i, null, null, json(rule.fragment()), null, null, null, 10);
            checks.add(() -> assertThat(store().events().query(query).events())
                    .as("%s @> %s", rule.document(), rule.fragment())
                    .hasSize(rule.contains() ? 1 : 0));
        }
        assertAll(checks);
    }

    @Test
    void eventsAreFoundByAFragmentOfTheirDetailsTogetherWithTheOtherFilters() {
        store().events().append(List.of(
                event("e-1", "build.finished", Severity.INFO, "{\"module\":\"core\",\"result\":{\"ok\":true,\"ms\":812},\"tags\":[\"ci\",\"main\"]}", 0),
                event("e-2", "build.finished", Severity.ERROR, "{\"module\":\"core\",\"result\":{\"ok\":false,\"ms\":90},\"tags\":[\"ci\"]}", 1),
                event("e-3", "build.finished", Severity.INFO, "{\"module\":\"cli\",\"result\":{\"ok\":true,\"ms\":400},\"tags\":[\"main\",\"ci\"]}", 2),
                event("e-4", "test.finished", Severity.INFO, "{\"module\":\"core\",\"result\":{\"ok\":true}}", 3)));

        assertThat(ids(EventQuery.all(100).withDetailsContaining(json("{\"module\":\"core\"}"))))
                .containsExactly("e-1", "e-2", "e-4");
        assertThat(ids(EventQuery.all(100).withDetailsContaining(json("{\"result\":{\"ok\":true},\"tags\":[\"main\"]}"))))
                .containsExactly("e-1", "e-3");
        assertThat(ids(new EventQuery(null, "build.finished", Severity.INFO, null, null, null, null, 100)
                .withDetailsContaining(json("{\"module\":\"core\",\"result\":{\"ok\":true}}"))))
                .containsExactly("e-1");
        assertThat(ids(new EventQuery(null, null, Severity.ERROR, null, null, null, null, 100)
                .withDetailsContaining(json("{\"module\":\"core\"}"))))
                .containsExactly("e-2");
        assertThat(ids(EventQuery.all(100).withDetailsContaining(json("{\"module\":\"web\"}")))).isEmpty();
    }

    @Test
    void aFilteredEventQueryPagesThroughOnlyMatchingEvents() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String parity = i % 2 == 0 ? "even" : "odd";
            events.add(event("e-" + (100 + i), "tick", Severity.INFO, "{\"parity\":\"" + parity + "\",\"i\":" + i + "}", i));
        }
        store().events().append(events);

        EventQuery query = EventQuery.all(4).withDetailsContaining(json("{\"parity\":\"odd\"}"));
        List<String> seen = new ArrayList<>();
        EventPage page = store().events().query(query);
        seen.addAll(page.events().stream().map(Event::id).toList());
        while (page.nextCursor() != null) {
            page = store().events().query(query.withAfter(page.nextCursor()));
            seen.addAll(page.events().stream().map(Event::id).toList());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i < 30; i += 2) {
            expected.add("e-" + (100 + i));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void sharedMemoryIsFoundByAFragmentOfItsMetadata() {
        put("plans", "plan/api", "{\"owner\":\"alice\",\"labels\":[\"design\",\"api\"],\"review\":{\"state\":\"open\"}}");
        put("plans", "plan/cli", "{\"owner\":\"bob\",\"labels\":[\"cli\"],\"review\":{\"state\":\"open\"}}");
        put("plans", "plan/db", "{\"owner\":\"alice\",\"labels\":[\"db\"],\"review\":{\"state\":\"done\"}}");
        put("plans", "notes/alice", "{\"owner\":\"alice\"}");
        put("plans", "plain", null);
        put("other", "plan/api", "{\"owner\":\"alice\"}");

        assertThat(keys(MemoryQuery.metadataContaining("plans", json("{\"owner\":\"alice\"}"), 100)))
                .containsExactly("notes/alice", "plan/api", "plan/db");
        assertThat(keys(new MemoryQuery("plans", "plan/", json("{\"owner\":\"alice\"}"), null, 100)))
                .containsExactly("plan/api", "plan/db");
        assertThat(keys(MemoryQuery.metadataContaining("plans", json("{\"review\":{\"state\":\"open\"},\"labels\":[\"api\"]}"), 100)))
                .containsExactly("plan/api");
        assertThat(keys(MemoryQuery.metadataContaining("plans", json("{}"), 100)))
                .as("every entry has object metadata, {} when written without")
                .containsExactly("notes/alice", "plain", "plan/api", "plan/cli", "plan/db");
        assertThat(keys(MemoryQuery.metadataContaining("plans", json("{\"owner\":\"carol\"}"), 100))).isEmpty();
        assertThat(keys(MemoryQuery.metadataContaining("plans", json("{\"owner\":\"alice\"}"), 2).after("notes/alice")))
                .containsExactly("plan/api", "plan/db");
    }

    @Test
    void expiredMemoryIsNotFoundByMetadata() {
        store().sharedMemory().put(new MemoryWrite("ns", "short", json("1"), JsonType.NUMBER,
                json("{\"kind\":\"temp\"}"), SHORT_TTL, null));
        store().sharedMemory().put(new MemoryWrite("ns", "long", json("2"), JsonType.NUMBER,
                json("{\"kind\":\"temp\"}"), Duration.ofHours(1), null));
        passTime(PAST_SHORT_TTL);

        assertThat(keys(MemoryQuery.metadataContaining("ns", json("{\"kind\":\"temp\"}"), 10))).containsExactly("long");
    }

    @Test
    void agentsAreFoundByAFragmentOfTheirConfiguration() {
        register("a-1", "{\"model\":\"large\",\"tools\":[\"git\",\"mvn\"],\"limits\":{\"tokens\":200000}}");
        register("a-2", "{\"model\":\"small\",\"tools\":[\"git\"],\"limits\":{\"tokens\":32000}}");
        register("a-3", "{\"model\":\"large\",\"tools\":[\"mvn\",\"npm\"]}");
        store().agents().updateStatus("a-3", AgentStatus.IDLE);

        assertThat(agentIds(AgentQuery.all().withConfigurationContaining(json("{\"model\":\"large\"}"))))
                .containsExactly("a-1", "a-3");
        assertThat(agentIds(AgentQuery.all().withConfigurationContaining(json("{\"tools\":[\"mvn\",\"git\"]}"))))
                .containsExactly("a-1");
        assertThat(agentIds(AgentQuery.all().withConfigurationContaining(json("{\"limits\":{\"tokens\":32000.0}}"))))
                .containsExactly("a-2");
        assertThat(agentIds(AgentQuery.byStatus(AgentStatus.IDLE).withConfigurationContaining(json("{\"model\":\"large\"}"))))
                .containsExactly("a-3");
        assertThat(agentIds(AgentQuery.all().withConfigurationContaining(json("{\"model\":\"medium\"}")))).isEmpty();
    }

    /**
     * Documents that hold the fragment's values one array deeper do not contain it; a store whose SQL
     * test lets them through must still fill each page with documents that do.
     */
    @Test
    void pagesAreFilledPastDocumentsThatHoldTheFragmentOneArrayDeeper() {
        String contains = "{\"a\":{\"b\":1}}";
        String deeper = "{\"a\":[{\"b\":1}]}";
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "e-" + (10 + i);
            events.add(event(id, "t", Severity.INFO, i % 3 == 2 ? contains : deeper, i));
            register("a-" + (10 + i), i % 3 == 2 ? contains : deeper);
            put("ns", "k-" + (10 + i), i % 3 == 2 ? contains : deeper);
        }
        store().events().append(events);
        Json fragment = json(contains);

        EventPage first = store().events().query(EventQuery.all(2).withDetailsContaining(fragment));
        assertThat(first.events()).extracting(Event::id).containsExactly("e-12", "e-15");
        EventPage second = store().events().query(EventQuery.all(2).withDetailsContaining(fragment).withAfter(first.nextCursor()));
        assertThat(second.events()).extracting(Event::id).containsExactly("e-18", "e-21");
        assertThat(second.nextCursor()).as("no matching event follows e-21").isNull();
        assertThat(agentIds(new AgentQuery(null, null, null, fragment, 3))).containsExactly("a-12", "a-15", "a-18");
        assertThat(keys(MemoryQuery.metadataContaining("ns", fragment, 3))).containsExactly("k-12", "k-15", "k-18");
    }

    @Test
    void aFragmentThatIsNotJsonIsRejectedNamingTheField() {
        Json broken = json("{\"a\":");
        assertAll(
                () -> assertField("eventQuery.detailsContain", () -> store().events().query(
                        EventQuery.all(10).withDetailsContaining(broken))),
                () -> assertField("memory.metadataContains", () -> store().sharedMemory().list(
                        MemoryQuery.metadataContaining("ns", broken, 10))),
                () -> assertField("agentQuery.configurationContains", () -> store().agents().list(
                        AgentQuery.all().withConfigurationContaining(broken))));
    }

    @Test
    void quotesAndSqlInAFragmentAreJustText() {
        String hostile = "x' OR '1'='1\"); DROP TABLE events; --";
        store().events().append(List.of(
                new Event("e-1", "t", Severity.INFO, null, null, jsonObject("q", hostile), T0),
                new Event("e-2", "t", Severity.INFO, null, null, jsonObject("q", "plain"), T0.plusSeconds(1))));

        assertThat(ids(EventQuery.all(10).withDetailsContaining(jsonObject("q", hostile)))).containsExactly("e-1");
        assertThat(ids(EventQuery.all(10).withDetailsContaining(jsonObject("q", "x")))).isEmpty();
        assertThat(store().events().query(EventQuery.all(10)).events()).hasSize(2);
    }

    private static void assertField(String field, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertThat(e.field()).isEqualTo(field);
    }

    private static Event event(String id, String type, Severity severity, String details, int secondsAfterT0) {
        return new Event(id, type, severity, null, null, json(details), T0.plusSeconds(secondsAfterT0));
    }

    private List<String> ids(EventQuery query) {
        return store().events().query(query).events().stream().map(Event::id).toList();
    }

    private void put(String namespace, String key, String metadata) {
        store().sharedMemory().put(new MemoryWrite(namespace, key, json("true"), JsonType.BOOLEAN,
                metadata == null ? null : json(metadata), null, null));
    }

    private List<String> keys(MemoryQuery query) {
        return store().sharedMemory().list(query).stream().map(MemoryEntry::key).toList();
    }

    private void register(String id, String configuration) {
        store().agents().register(new AgentRegistration(id, "coder", Set.of(), null, null, json(configuration)));
    }

    private List<String> agentIds(AgentQuery query) {
        return store().agents().list(query).stream().map(a -> a.id()).toList();
    }
}
