package org.mscluster.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code MIN-MAX}, both within 1..65535 and MIN ≤ MAX. */
record PortRange(int min, int max) {

    static final class Converter implements ITypeConverter<PortRange> {
        @Override
        public PortRange convert(String value) {
            String[] parts = value.trim().split("-");
            try {
                if (parts.length == 2) {
                    int min = Integer.parseInt(parts[0].trim());
                    int max = Integer.parseInt(parts[1].trim());
                    if (min >= 1 && max <= 65535 && min <= max) {
                        return new PortRange(min, max);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new TypeConversionException("'" + value + "' is not a port range MIN-MAX within 1-65535");
        }
    }
}
