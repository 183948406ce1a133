package io.sluice.api.helm;

import io.sluice.api.read.Node;
import java.util.Arrays;

/** An enum whose constants documents write as {@link #written()} ({@code CreateReplace}, {@code warn}). */
interface WrittenAs {
    String written();

    /** The constant {@code field} writes, one of {@code values}; {@code absent} when not written (or wrong: an error). */
    static <E extends Enum<E> & WrittenAs> E read(Node field, E absent, E[] values) {
        String text = field.oneOf(null, Arrays.stream(values).map(WrittenAs::written).toArray(String[]::new));
        return Arrays.stream(values).filter(value -> value.written().equals(text)).findFirst().orElse(absent);
    }
}
