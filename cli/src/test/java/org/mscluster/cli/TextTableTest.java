package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        String table = new TextTable("ID", "REGION", "ROOMS").alignRight(2)
                .row("east-1", "asia/cn/east", 12)
                .row("de", "europe/de", 3)
                .render();
        assertThat(table).isEqualTo(""
                + "ID      REGION        ROOMS\n"
                + "east-1  asia/cn/east     12\n"
                + "de      europe/de         3\n");
    }

    @Test
    void emptyAndMissingCellsShowADashAndLinesHaveNoTrailingSpaces() {
        String table = new TextTable("ID", "ISP").row("n1", "").row("n2", null).row("n3", "telecom").render();
        assertThat(table).isEqualTo(""
                + "ID  ISP\n"
                + "n1  -\n"
                + "n2  -\n"
                + "n3  telecom\n");
        assertThat(table.lines()).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void aHeaderOnlyTableAndAWrongRow() {
        assertThat(new TextTable("A", "BB").render()).isEqualTo("A  BB\n");
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
