package org.mscluster.cli;

import org.mscluster.mediasoup.worker.WorkerMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class ModeConverter implements ITypeConverter<WorkerMode> {

    @Override
    public WorkerMode convert(String value) {
        try {
            return WorkerMode.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
