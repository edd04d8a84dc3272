package dev.agenthive.metrics.prometheus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scrape reader the endpoint's tests rely on refuses what a Prometheus server would refuse. */
class ExpositionTest {
    private static final String GOOD = "# HELP a_total Some help\n# TYPE a_total counter\na_total{x=\"1\",y=\"q\\\"\"} 2.0\n"
            + "# TYPE b histogram\nb_bucket{le=\"+Inf\"} 3\nb_count 3\nb_sum 0.5\n";

    @ParameterizedTest
    @ValueSource(strings = {
            "a_total 1.0\n",                                       // no TYPE before it
            "# TYPE a_total counter\na_total{x=1} 1.0\n",            // unquoted label value
            "# TYPE a_total counter\na_total 1.0",                  // no final line feed
            "# TYPE a_total counter\na_total one\n",                // not a number
            "# TYPE a_total counter\nb_total 1.0\n",                // another family's sample
            "# TYPE a_total counter\na_total 1.0\na_total 2.0\n",   // one series twice
            "# TYPE a_total widget\na_total 1.0\n"})                // unknown type
    void aMalformedScrapeFails(String text) {
        assertThatThrownBy(() -> Exposition.parse(text)).isInstanceOf(AssertionError.class);
    }

    @Test
    void aWellFormedScrapeGivesEverySeriesItsValue() {
        Exposition exposition = Exposition.parse(GOOD);

        assertThat(exposition.value("a_total{x=\"1\",y=\"q\\\"\"}")).isEqualTo(2.0);
        assertThat(exposition.value("b_bucket{le=\"+Inf\"}")).isEqualTo(3.0);
        assertThat(exposition.samples()).hasSize(4);
    }
}
