package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The attribute look-ups shared by the session level and media sections. */
abstract class Lines {

    final List<Line> lines = new ArrayList<>();

    /** The lines in order, modifiable. */
    public List<Line> lines() {
        return lines;
    }

    /** The value of the first attribute {@code name} ({@code ""} for a flag attribute). */
    public Optional<String> attribute(String name) {
        for (Line line : lines) {
            if (name.equals(line.name())) {
                String value = line.attributeValue();
                return Optional.of(value == null ? "" : value);
            }
        }
        return Optional.empty();
    }

    /** The values of every attribute {@code name}, in order. */
    public List<String> attributes(String name) {
        List<String> values = new ArrayList<>();
        for (Line line : lines) {
            if (name.equals(line.name())) {
                String value = line.attributeValue();
                values.add(value == null ? "" : value);
            }
        }
        return values;
    }

    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** Appends {@code a=name:value} ({@code a=name} if value is null). */
    public Lines addAttribute(String name, String value) {
        lines.add(Line.attribute(name, value));
        return this;
    }

    /** Removes every attribute {@code name}. */
    public void removeAttributes(String name) {
        lines.removeIf(line -> name.equals(line.name()));
    }

    /** The value of the first line of {@code type} (e.g. {@code 'c'}). */
    public Optional<String> line(char type) {
        return lines.stream().filter(line -> line.type() == type).map(Line::value).findFirst();
    }
}
