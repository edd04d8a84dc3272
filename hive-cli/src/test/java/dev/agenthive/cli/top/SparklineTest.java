package dev.agenthive.cli.top;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SparklineTest {

    @Test
    void noValuesOrNoWidthDrawNothing() {
        assertThat(Sparkline.of(List.of(), 10)).isEmpty();
        assertThat(Sparkline.of(List.of(1.0, 2.0), 0)).isEmpty();
        assertThat(Sparkline.of(List.of(1.0, 2.0), -3)).isEmpty();
    }

    @Test
    void scalesToTheLargestValueShownFromLowestToHighestBlock() {
        assertThat(Sparkline.of(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), 8)).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(Sparkline.of(List.of(0.0, 70.0, 35.0), 8)).isEqualTo("▁█▅");
    }

    @Test
    void aTrickleOfWorkIsToldApartFromNone() {
        assertThat(Sparkline.of(List.of(0.0, 0.001, 1000.0), 3)).isEqualTo("▁▂█");
    }

    @Test
    void allZeroIsTheLowestBlockEverywhere() {
        assertThat(Sparkline.of(List.of(0.0, 0.0, 0.0), 5)).isEqualTo("▁▁▁");
    }

    @Test
    void keepsTheNewestValuesWhenNarrowerThanTheHistory() {
        assertThat(Sparkline.of(List.of(100.0, 0.0, 1.0, 2.0), 2)).hasSize(2).isEqualTo("▅█");
    }

    @Test
    void hugeNegativeAndNonFiniteValuesStayWithinTheBlocks() {
        String line = Sparkline.of(List.of(Double.MAX_VALUE, -5.0, Double.NaN, Double.POSITIVE_INFINITY, 1.0), 5);

        assertThat(line).isEqualTo("█▁▁▁▂");
    }
}
